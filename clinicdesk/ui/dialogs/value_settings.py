"""The settings dialog's lifetime-value page: the clinic's ``lifetime_value`` setting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QWidget
from sqlite_utils import Database

from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.value.params import RANGES, ValueParams, clinic_value_params


class ValueSettingsPage(QWidget):
    """The horizons and the discount rate of the value model, within their ranges."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        months = self.tr(" months")
        self.horizon = _months(RANGES["horizon_months"], months)
        self.forecast = _months(RANGES["forecast_months"], months)
        self.check = _months(RANGES["check_months"], months)
        low, high = RANGES["monthly_discount"]
        self.discount = QDoubleSpinBox()
        self.discount.setRange(low * 100, high * 100)
        self.discount.setDecimals(2)
        self.discount.setSingleStep(0.1)
        self.discount.setSuffix(" %")
        form = QFormLayout(self)
        form.addRow(self.tr("Lifetime value horizon:"), self.horizon)
        form.addRow(self.tr("Monthly discount rate:"), self.discount)
        form.addRow(self.tr("Forecast of visits and revenue:"), self.forecast)
        form.addRow(self.tr("Model check over the last:"), self.check)
        note = QLabel(
            self.tr(
                "Lifetime value: the expected revenue over the horizon, each month discounted. "
                "The model check fits on the history before the last months and compares "
                "its forecast with the visits that came."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.load()

    def load(self) -> None:
        """Show the clinic's setting (the defaults where it has none, or one out of range)."""
        try:
            params = clinic_value_params(self.db, dt.date.today())
        except InvalidValue:  # a hand-edited file: saving puts values in range back
            params = ValueParams(dt.date.today())
        self.horizon.setValue(params.horizon_months)
        self.discount.setValue(params.monthly_discount * 100)
        self.forecast.setValue(params.forecast_months)
        self.check.setValue(params.check_months)

    def values(self) -> dict[str, Any]:
        """The setting as the page says it."""
        return {
            "horizon_months": self.horizon.value(),
            "monthly_discount": round(self.discount.value() / 100, 4),
            "forecast_months": self.forecast.value(),
            "check_months": self.check.value(),
        }


def _months(limits: tuple[Any, Any], suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(int(limits[0]), int(limits[1]))
    spin.setSuffix(suffix)
    return spin
