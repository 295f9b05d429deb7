"""The lifetime-value settings: horizons and discount, with the clinic's own values.

Stored in the clinic file as the setting ``lifetime_value`` (JSON), any of
``horizon_months`` (36), ``monthly_discount`` (0.01), ``forecast_months`` (12) and
``check_months`` (6); the CLI's options override them for one run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlite_utils import Database

from clinicdesk.core.db.clinic import get_setting
from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.model import known_fields

SETTING = "lifetime_value"
# Each setting's accepted range, both ends included.
RANGES = {
    "horizon_months": (1, 240),
    "monthly_discount": (0.0, 0.5),
    "forecast_months": (1, 120),
    "check_months": (1, 60),
}


@dataclass(frozen=True, slots=True)
class ValueParams:
    """One run of the value model.

    Attributes:
        to: the analysis date: the history up to it (included) is read.
        horizon_months: the lifetime value's horizon.
        monthly_discount: the discount rate per month (0.01 = 1%).
        forecast_months: the horizon of "expected visits and revenue" per patient.
        check_months: the calibration check's holdout, the last months before `to`.
    """

    to: dt.date
    horizon_months: int = 36
    monthly_discount: float = 0.01
    forecast_months: int = 12
    check_months: int = 6

    def __post_init__(self) -> None:
        for name, (low, high) in RANGES.items():
            value = getattr(self, name)
            kinds = int if isinstance(low, int) else (int, float)
            if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:
                raise InvalidValue("clv.bad_setting", field=name, value=value, low=low, high=high)


def clinic_value_params(db: Database, to: dt.date, **overrides: Any) -> ValueParams:
    """The value parameters for `to`: the clinic's setting, then `overrides` not None."""
    stored = known_fields(ValueParams, get_setting(db, SETTING, {}) or {})
    stored.pop("to", None)
    given = {k: v for k, v in overrides.items() if v is not None}
    return replace(ValueParams(to, **stored), **given)
