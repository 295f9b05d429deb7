"""Issue 18: the call list's reactivation priority uses value at risk = lifetime value ×
(1 − P(alive)); without it, the priority is the tier's, as before."""

from __future__ import annotations

import datetime as dt

import numpy as np

from clinicdesk.core.calls import CallRules, plan_calls
from clinicdesk.core.calls.priority import RISK_VALUE_MAX, ValueAtRisk, explain, risk_value
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation

TODAY = dt.date(2026, 11, 25)
RULES = CallRules()


def engine(db):
    period = TierParams.last_twelve_months(TODAY)
    return run_segmentation(db, EngineParams(TierParams(period.period_from, period.period_to)))


def lapsed(db, name: str) -> int:
    """A regular who stopped coming: six cleanings a month apart, the last 250 days ago."""
    pid = add_patient(db, name=name, mobile=f"138{abs(hash(name)) % 10**8:08d}")
    for n in range(6):
        when = TODAY - dt.timedelta(days=400 - 30 * n)
        add_charge(db, pid, date=when.isoformat(), item="洁牙", amount_fen=30000)
    return pid


def recall(db, name: str) -> int:
    """A patient whose cleaning is due (last one 185 days ago)."""
    pid = add_patient(db, name=name, mobile=f"139{abs(hash(name)) % 10**8:08d}")
    add_charge(db, pid, date=(TODAY - dt.timedelta(days=185)).isoformat(), item="洁牙",
               amount_fen=29800)  # fmt: skip
    return pid


def at_risk(**fen_by_id: float) -> ValueAtRisk:
    ids = np.array(sorted(int(k[1:]) for k in fen_by_id))
    return ValueAtRisk(ids, np.array([float(fen_by_id[f"p{i}"]) for i in ids]))


def plan(db, **kwargs):
    return plan_calls(db, TODAY, RULES, engine(db), **kwargs)


def test_of_two_otherwise_equal_lapsed_patients_the_one_with_more_value_at_risk_ranks_first(db):
    first, second = lapsed(db, "吴先生"), lapsed(db, "钱先生")
    risk = at_risk(**{f"p{first}": 10_000, f"p{second}": 20_000})
    assert [e.patient_id for e in plan(db, value_at_risk=risk).entries] == [second, first]


def test_the_one_with_more_value_at_risk_takes_the_last_place_in_the_capacity(db):
    first, second = lapsed(db, "吴先生"), lapsed(db, "钱先生")
    risk = at_risk(**{f"p{first}": 10_000, f"p{second}": 20_000})
    day = plan(db, value_at_risk=risk, capacity=1)
    assert ([e.patient_id for e in day.entries], day.waiting) == ([second], (first,))


def test_without_value_at_risk_the_tier_weight_ranks_equal_lapsed_patients_by_id(db):
    first, second = lapsed(db, "吴先生"), lapsed(db, "钱先生")
    assert [e.patient_id for e in plan(db).entries] == [first, second]


def test_a_reactivation_entrys_value_is_its_value_at_risk_share_of_the_clinic(db):
    low, high = lapsed(db, "吴先生"), lapsed(db, "钱先生")
    risk = at_risk(**{f"p{low}": 1, f"p{high}": 1_000_000, "p900": 2, "p901": 3})
    values = {e.patient_id: e.priority.value for e in plan(db, value_at_risk=risk).entries}
    assert values == {low: 1, high: RISK_VALUE_MAX}


def test_other_reasons_keep_the_tiers_value(db):
    pid = recall(db, "周女士")
    before = plan(db).entries[0].priority
    after = plan(db, value_at_risk=at_risk(**{f"p{pid}": 1_000_000})).entries[0].priority
    assert after == before


def test_a_lapsed_patient_with_no_value_at_risk_keeps_the_tiers_value(db):
    pid = lapsed(db, "吴先生")
    before = plan(db).entries[0].priority
    risk = at_risk(**{f"p{pid}": float("nan"), "p900": 5})
    assert plan(db, value_at_risk=risk).entries[0].priority == before


def test_value_at_risk_points_rise_with_the_value_from_1_to_the_top_value():
    valued = np.arange(1.0, 101.0)
    points = risk_value(valued, valued)
    assert (points[0], points[-1], bool(np.all(np.diff(points) >= 0))) == (1, RISK_VALUE_MAX, True)


def test_the_tooltip_says_the_value_at_risk_in_chinese(db):
    pid = lapsed(db, "吴先生")
    entry = plan(db, value_at_risk=at_risk(**{f"p{pid}": 1_234_500})).entries[0]
    assert "流失风险价值 ¥12,345" in explain(entry.priority, "zh_CN", entry.at_risk_fen)


def test_the_tooltip_says_the_value_at_risk_in_english(db):
    pid = lapsed(db, "吴先生")
    entry = plan(db, value_at_risk=at_risk(**{f"p{pid}": 1_234_500})).entries[0]
    assert "value at risk ¥12,345" in explain(entry.priority, "en", entry.at_risk_fen)


def test_without_value_at_risk_the_tooltip_does_not_mention_it(db):
    lapsed(db, "吴先生")
    entry = plan(db).entries[0]
    assert "风险价值" not in explain(entry.priority, "zh_CN", entry.at_risk_fen)
