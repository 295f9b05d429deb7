"""What the file's header says beyond the form: the tier that counts (fixed by hand or
computed) and the alerts shown once a day (a birthday today, an important note)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QWidget
from sqlite_utils import Database

from clinicdesk.core.db.alerts import Alert, mark_shown, pending_alerts
from clinicdesk.core.db.tier_override import effective_tier, tier_override_of
from clinicdesk.ui.translation import fill
from clinicdesk.workers.runner import TaskRunner


class Marks(QObject):
    """The header's texts, translated (a QObject for `tr`)."""

    def tier(self, db: Database, pid: int, computed: str | None, today: dt.date) -> str:
        """ "Tier A (fixed by hand until …: reason) · computed C ⚠", or "Tier C"."""
        override = tier_override_of(db, pid)
        tier = effective_tier(computed, override, today)
        if override is None or tier.fixed is None:
            return self.tr("Tier %1").replace("%1", computed) if computed else self.tr("No tier")
        fixed = fill(
            self.tr("Tier %1 (fixed by hand until %2: %3)"),
            tier.fixed,
            override.until,
            override.reason,
        )
        shown = computed or self.tr("none")
        return (
            fixed
            + "  "
            + self.tr("computed: %1").replace("%1", shown)
            + (" ⚠" if tier.differs else "")
        )

    def dates(self, db: Database, pid: int, today: dt.date) -> list[str]:
        """ "Last visit …", "Next appointment …" and "Next call …" (an agreed call-back),
        when there are (indexed look-ups of one patient)."""
        last = db.execute(
            "SELECT max(date) FROM charges WHERE patient_id = ? AND amount_fen >= 0", [pid]
        ).fetchone()[0]
        call = db.execute(
            "SELECT min(next_contact) FROM contacts WHERE patient_id = ? AND callback = 1"
            " AND next_contact >= ?",
            [pid, today.isoformat()],
        ).fetchone()[0]
        booked = db.execute(
            "SELECT starts_at, item FROM appointments WHERE patient_id = ? AND starts_at >= ?"
            " AND status IN ('booked', 'confirmed') ORDER BY starts_at LIMIT 1",
            [pid, today.isoformat()],
        ).fetchone()
        parts = [self.tr("Last visit %1").replace("%1", last)] if last else []
        if booked:
            when = booked[0].replace("T", " ")
            parts.append(fill(self.tr("Next appointment %1 %2"), when, booked[1]))
        return parts + ([self.tr("Next call %1").replace("%1", call)] if call else [])

    def alerts(self, alerts: list[Alert]) -> str:
        """One line per alert."""
        lines = []
        for alert in alerts:
            if alert.kind == "birthday":
                lines.append(self.tr("Birthday today: %1 years old").replace("%1", str(alert.age)))
            else:
                lines.append(self.tr("Important: %1").replace("%1", alert.note or ""))
        return "\n".join(lines)


class AlertBanner(QLabel):
    """A birthday today or an important note, shown once per staff member and day (the PC
    counts as one viewer while no staff member is chosen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("background: #fff3cd; color: #7a4d00; padding: 4px; font-weight: bold;")
        self.setWordWrap(True)
        self.hide()
        self._marks = Marks(self)

    def show_for(
        self, db: Database, runner: TaskRunner, pid: int | None, staff_id: int | None
    ) -> None:
        """Show `pid`'s alerts that `staff_id` (None: this PC) was not shown today (none
        for None) and write down that they were shown."""
        alerts = pending_alerts(db, pid, staff_id) if pid is not None else []
        self.setText(self._marks.alerts(alerts))
        self.setVisible(bool(alerts))
        if alerts and pid is not None:
            runner.write(lambda task: mark_shown(task.db, pid, staff_id, alerts), owner=self)
