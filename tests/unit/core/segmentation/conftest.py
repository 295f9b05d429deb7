"""Small clinics written charge by charge, for hand-computed engine tests."""

from __future__ import annotations

import datetime as dt

import pytest

from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation

PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


class Clinic:
    """A test clinic: `patient(...)` adds one with charges given as (date, yuan)."""

    def __init__(self, db) -> None:
        self.db = db

    def patient(self, *charges: tuple[str, int], name: str = "顾客", **fields) -> int:
        pid = add_patient(self.db, name=name, **fields)
        for date, yuan in charges:
            add_charge(self.db, pid, date=date, item="洁牙", amount_fen=yuan * 100,
                       category="口腔")  # fmt: skip
        return pid

    def run(self, measure="revenue", cutoffs=(0.70, 0.90), period=PERIOD, **params):
        tier_params = TierParams(period[0], period[1], measure=measure, cutoffs=cutoffs)
        return run_segmentation(self.db, EngineParams(tier_params, **params))


@pytest.fixture
def clinic(db) -> Clinic:
    return Clinic(db)
