"""The predicted-value view: tiers' totals on lifetime value and the slipping list's rows."""

from __future__ import annotations

import numpy as np
import pytest

from clinicdesk.core.segmentation.tiers import TIERS
from clinicdesk.core.value.lists import slipping
from clinicdesk.core.value.overview import forecast_yuan, value_overview
from clinicdesk.core.value.params import ValueParams
from clinicdesk.core.value.service import run_value
from tests.conftest import DEMO_TODAY

CUTS = (0.7, 0.9)


@pytest.fixture(scope="module")
def overview(demo_path):
    from clinicdesk.core.db import open_clinic

    db = open_clinic(demo_path)
    try:
        yield value_overview(db, run_value(db, ValueParams(DEMO_TODAY)), CUTS)
    finally:
        db.close()


def test_each_tiers_total_is_its_patients_lifetime_value_in_whole_yuan(overview):
    a = overview.assigned
    for code, tier in enumerate(TIERS):
        total = int(a.measure[a.tier == code].sum())
        shown = overview.summaries[tier].revenue_fen
        assert abs(shown - total) <= 50 and shown % 100 == 0


def test_the_tiers_hold_every_patient_with_a_lifetime_value(overview):
    p = overview.result.patients
    counted = sum(s.patients for s in overview.summaries.values())
    assert counted == int(np.count_nonzero(np.round(p.clv_fen[np.isfinite(p.clv_fen)]) > 0))


def test_the_top_fifth_holds_more_than_a_fifth_of_the_value(overview):
    assert 0.2 < overview.top20_share <= 1 and overview.curve[-1] == pytest.approx((1, 1))


def test_the_slipping_rows_are_the_slipping_list_with_names(overview):
    rows = overview.slipping
    assert [r.patient_id for r in rows] == list(slipping(overview.result, CUTS))
    assert rows and all(r.name and r.tier in ("A", "B") and r.p_alive < 0.5 for r in rows)


def test_a_slipping_rows_value_at_risk_is_its_value_times_the_chance_of_being_gone(overview):
    row = overview.slipping[0]
    assert row.risk_fen == pytest.approx(row.clv_fen * (1 - row.p_alive), abs=1)


def test_a_patients_predicted_tier_is_looked_up(overview):
    first, last = overview.assigned.ids[0], overview.assigned.ids[-1]
    assert overview.tier_of(int(first)) == "A" and overview.tier_of(int(last)) == "C"
    assert overview.tier_of(10**9) is None


def test_a_forecast_amount_is_shown_in_whole_yuan():
    assert forecast_yuan(840_049) == "¥8,400" and forecast_yuan(840_051) == "¥8,401"
