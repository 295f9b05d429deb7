"""The patient file's value line: will they come back, and what are they worth.

From the window's value run (`ValueSource`): P(alive) as a percentage, the expected
visits and revenue over the next months, and the discounted lifetime value, with "—"
and the reason where there is no number. Looking a patient up is one binary search, so
it is done on the GUI thread as the file opens.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from clinicdesk.core.value.overview import ValueOverview, forecast_yuan
from clinicdesk.core.value.service import PatientValue
from clinicdesk.ui.translation import fill
from clinicdesk.ui.value_source import ValueSource


class ValuePanel(QLabel):
    """One line of the patient file (a tooltip says how the numbers are reached)."""

    def __init__(self, source: ValueSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.patient_id: int | None = None
        self.setWordWrap(True)
        self.setStyleSheet("color: #2c3e50;")
        source.changed.connect(self._refresh)
        self._refresh()

    def show_patient(self, patient_id: int | None) -> None:
        """Show `patient_id`'s values (None: a new file, nothing to show)."""
        self.patient_id = patient_id
        self._refresh()

    def _refresh(self) -> None:
        overview, pid = self.source.overview, self.patient_id
        self.setVisible(pid is not None)
        self.setToolTip("")
        if pid is None:
            return
        if overview is None:
            self.setText(self._no_numbers())
            return
        value = overview.result.patients.of(pid)
        if value is None:
            self.setText(self.tr("Lifetime value: — (no visit before today)"))
        else:
            self.setText(self._line(overview, value))
            self.setToolTip(self._explain(overview, value))

    def _no_numbers(self) -> str:
        if self.source.error is not None:
            return fill(self.tr("Lifetime value: — %1"), self.source.error)
        return self.tr("Lifetime value: computing…")

    def _line(self, overview: ValueOverview, value: PatientValue) -> str:
        params = overview.result.params
        chance = fill(self.tr("Still coming: %1"), f"{value.p_alive:.0%}")
        months = params.forecast_months
        if value.revenue_fen is None or value.clv_fen is None:
            visits = fill(self.tr("next %1 months: %2 visits"), months, f"{value.visits:.1f}")
            money = self.tr("revenue and lifetime value: — (net revenue not above 0)")
            return "  ·  ".join((chance, visits, money))
        visits = fill(
            self.tr("next %1 months: %2 visits, %3"),
            months,
            f"{value.visits:.1f}",
            forecast_yuan(value.revenue_fen),
        )
        lifetime = fill(
            self.tr("lifetime value (%1 months): %2"),
            params.horizon_months,
            forecast_yuan(value.clv_fen),
        )
        return "  ·  ".join((chance, visits, lifetime))

    def _explain(self, overview: ValueOverview, value: PatientValue) -> str:
        params = overview.result.params
        lines = [
            self.tr(
                "Still coming: the model's chance that this patient still comes, from their "
                "visit rhythm and the time since the last visit."
            ),
            fill(
                self.tr(
                    "Lifetime value: the expected revenue of the next %1 months, "
                    "discounted %2 a month."
                ),
                params.horizon_months,
                f"{params.monthly_discount:.1%}",
            ),
            fill(self.tr("Last visit: %1."), value.last_visit.isoformat()),
        ]
        if value.repeat_visits == 0 and value.spend_fen is not None:
            lines.append(
                self.tr(
                    "Seen once: the spend is estimated from the mean spend per "
                    "visit of all patients."
                )
            )
        return "\n".join(lines)
