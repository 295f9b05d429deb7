"""RFM, lapse detection, referral influence and membership, on hand-made clinics."""

from __future__ import annotations

import datetime as dt
import threading

import numpy as np
import pytest

from clinicdesk.core.db.patients import update_patient
from clinicdesk.core.segmentation import (
    Cancelled,
    LapseParams,
    MembershipParams,
    ReferralParams,
    save_tier_run,
    tier_history,
)
from clinicdesk.core.segmentation.facts import Visits, own_intervals
from clinicdesk.core.segmentation.lapse import STATUSES, status_of
from clinicdesk.core.segmentation.referrals import Forest
from clinicdesk.core.segmentation.report import moved, movement_name
from clinicdesk.core.segmentation.rfm import _GRID, SEGMENTS, scores, segment

# RFM


def test_quintile_scores_by_position():
    assert scores(list(range(1, 11))).tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def test_equal_values_share_the_lowest_score():
    assert scores([1, 1, 1, 1, 1, 1, 2, 2, 3, 9]).tolist() == [1] * 6 + [4, 4, 5, 5]


def test_every_cell_of_the_grid_has_a_segment_and_every_segment_a_cell():
    cells = {segment(r, f, m) for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)}
    assert cells == set(range(len(SEGMENTS)))
    assert all(len(row) == 5 for row in _GRID.values())


@pytest.mark.parametrize(
    ("r", "f", "m", "name"),
    [(5, 5, 5, "champions"), (1, 5, 5, "cant_lose"), (5, 1, 1, "new"), (4, 1, 1, "promising"),
     (1, 1, 1, "lost"), (2, 1, 2, "hibernating"), (3, 3, 3, "need_attention"),
     (2, 4, 3, "at_risk"), (4, 4, 4, "loyal"), (5, 2, 3, "potential_loyalist"),
     (3, 2, 1, "about_to_sleep")],
)  # fmt: skip
def test_named_segments(r, f, m, name):
    assert SEGMENTS[segment(r, f, m)] == name


def test_rfm_scores_only_patients_active_in_the_lookback(clinic):
    clinic.patient(("2025-12-01", 500), ("2025-06-01", 500))
    clinic.patient(("2022-01-01", 9000))  # outside 24 months before 2025-12-31
    clinic.patient(("2024-02-01", 100))
    rows = {r.patient_id: r for r in clinic.run().rfm}
    assert set(rows) == {1, 3}
    assert (rows[1].recency_days, rows[1].frequency, rows[1].monetary_fen) == (30, 2, 100000)
    assert (rows[1].r, rows[1].f, rows[1].m) == (5, 5, 5) and rows[3].r == 3


# Lapse


def _visits(*patients: tuple[int, ...]) -> Visits:
    counts = [len(days) for days in patients]
    starts = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    days = np.array([d for days in patients for d in days], np.int32)
    return Visits(starts, days, np.repeat(np.arange(len(patients)), counts))


def test_own_interval_is_the_median_gap():
    own = own_intervals(_visits((0, 10, 40, 50), (0, 10, 40), (0, 10)), 3)
    assert own[:2].tolist() == [10.0, 20.0]
    assert np.isnan(own[2])


@pytest.mark.parametrize(
    ("ratio", "status"),
    [(0.5, "on_rhythm"), (1.0, "due"), (1.49, "due"), (1.5, "overdue"), (3.0, "lapsed")],
)
def test_status_thresholds(ratio, status):
    assert STATUSES[status_of(ratio, LapseParams())] == status


def test_a_regular_is_judged_on_their_own_rhythm(clinic):
    clinic.patient(("2025-09-01", 300), ("2025-10-01", 300), ("2025-10-31", 300))
    row = clinic.run().lapse[0]
    assert (row.basis, row.usual_interval, row.days_since) == ("own", 30.0, 61)
    assert (row.ratio, row.status) == (pytest.approx(61 / 30), "overdue")
    assert row.expected_return == "2025-11-30" and row.last_visit == "2025-10-31"


def test_others_are_judged_on_the_clinics_interval_for_their_last_category(clinic):
    for _ in range(5):  # five regulars of 口腔 with a 60-day rhythm
        clinic.patient(("2025-07-03", 300), ("2025-09-01", 300), ("2025-10-31", 300))
    newcomer = clinic.patient(("2025-10-02", 300))
    row = next(r for r in clinic.run().lapse if r.patient_id == newcomer)
    # 90 days since, 60 usual: a ratio of exactly 1.5 is overdue.
    assert (row.basis, row.usual_interval, row.days_since) == ("category", 60.0, 90)
    assert row.status == "overdue"


def test_a_category_interval_setting_overrides_the_data(clinic):
    clinic.patient(("2025-10-02", 300))
    row = clinic.run(lapse=LapseParams(category_intervals={"口腔": 180})).lapse[0]
    assert (row.basis, row.usual_interval, row.status) == ("category", 180.0, "on_rhythm")


def test_with_no_rhythm_anywhere_the_fallback_interval_is_used(clinic):
    clinic.patient(("2025-10-02", 300))
    row = clinic.run(lapse=LapseParams(fallback_interval=30)).lapse[0]
    assert (row.basis, row.usual_interval) == ("default", 30.0)


def test_a_former_a_patient_who_lapses_raises_an_alarm(clinic):
    # A big spender in 2024 who stopped; a small one who keeps coming.
    vip = clinic.patient(*[(f"2024-{m:02d}-10", 5000) for m in range(1, 13)])
    clinic.patient(("2025-11-01", 100), ("2025-12-01", 100), ("2025-12-20", 100))
    result = clinic.run()
    row = next(r for r in result.lapse if r.patient_id == vip)
    assert result.tiers.prior_tiers[vip] == "A"
    assert (row.status, row.former_ab, row.alarm) == ("lapsed", True, True)
    assert result.revenue_at_risk_fen == 12 * 5000 * 100
    assert not any(r.alarm for r in result.lapse if r.patient_id != vip)


# Referrals and membership


def test_direct_and_tree_referrals_with_their_revenue(clinic):
    leader = clinic.patient(("2025-01-05", 100))
    friend = clinic.patient(("2025-02-01", 2000), referred_by=leader)
    clinic.patient(("2025-03-01", 3000), referred_by=friend)
    rows = {r.patient_id: r for r in clinic.run().referrals}
    assert (rows[leader].direct, rows[leader].direct_revenue_fen) == (1, 200000)
    assert (rows[leader].tree, rows[leader].tree_revenue_fen) == (2, 500000)
    assert rows[leader].leader and rows[friend].leader  # 3000 >= 2000 of the friend's own


def test_three_direct_referrals_make_a_leader_whatever_the_money(clinic):
    boss = clinic.patient(("2025-01-05", 50000))
    for _ in range(3):
        clinic.patient(("2025-02-01", 100), referred_by=boss)
    row = clinic.run().referrals[0]
    assert (row.direct, row.leader) == (3, True)
    assert not clinic.run(referrals=ReferralParams(min_direct=4)).referrals[0].leader


def test_a_referral_loop_in_bad_data_neither_hangs_nor_crashes(clinic):
    a = clinic.patient(("2025-01-05", 100))
    b = clinic.patient(("2025-01-06", 100), referred_by=a)
    c = clinic.patient(("2025-01-07", 100), referred_by=b)
    with clinic.db.atomic():  # as an old import could have left it
        clinic.db.execute("UPDATE patients SET referred_by = ? WHERE id = ?", [c, a])
    rows = {r.patient_id: r for r in clinic.run().referrals}
    assert all(rows[p].in_loop for p in (a, b, c))


def test_loops_and_trees_are_laid_out_whatever_the_depth():
    ids = np.arange(1, 100_002, dtype=np.int64)
    referred_by = ids + 1
    referred_by[-1] = 99_991  # a tail of 99,990 patients into a loop of 11
    forest = Forest(ids, referred_by)
    assert np.flatnonzero(forest.in_loop).tolist() == list(range(99_990, 100_001))
    assert forest.size[99_990] == 99_990 and forest.size[0] == 0  # the tail hangs below


def test_membership_by_all_time_spend(clinic):
    clinic.patient(("2019-01-01", 60000))
    clinic.patient(("2025-01-01", 9999))
    levels = clinic.run(membership=MembershipParams()).membership
    assert levels == {1: "gold"}


# Saving, movements, cancellation


def test_a_saved_run_gives_the_next_run_its_movements(clinic):
    first = clinic.patient(("2025-03-01", 1000))
    second = clinic.patient(("2025-03-01", 100))
    save_tier_run(clinic.db, clinic.run())
    third = clinic.patient(("2025-04-01", 5000))
    result = clinic.run()
    moves = {r.patient_id: (r.previous_tier, r.tier, r.movement) for r in result.tiers.rows}
    assert moves[first] == ("A", "B", "down")  # 5000 of 6100 now come before it
    assert moves[second] == ("C", "C", "same")
    assert moves[third] == (None, "A", "new")
    assert result.tiers.movements == {"A→B": 1, "C→C": 1, "new→A": 1}
    assert sorted(moved(result, "zh_CN")) == ["A→B 1", "新进→A 1"]  # no "new" in Chinese
    assert movement_name("B→none", "zh_CN") == "B→本期无消费"
    assert movement_name("new→A", "en") == "new→A"


def test_a_patient_tiered_before_but_not_now_is_counted_as_dropped(clinic):
    clinic.patient(("2025-03-01", 1000))
    leaver = clinic.patient(("2025-03-01", 100))
    save_tier_run(clinic.db, clinic.run())
    update_patient(clinic.db, leaver, archived=True)
    assert clinic.run().tiers.movements == {"A→A": 1, "C→none": 1}


def test_movements_up_and_down(clinic):
    a = clinic.patient(("2025-03-01", 1000))
    b = clinic.patient(("2025-03-01", 100))
    save_tier_run(clinic.db, clinic.run())
    from clinicdesk.core.db.records import add_charge

    add_charge(clinic.db, b, date="2025-05-01", item="种植牙", amount_fen=2_000_000)
    moves = {r.patient_id: r.movement for r in clinic.run().tiers.rows}
    assert moves == {a: "down", b: "up"}


def test_saving_keeps_the_history_of_each_patient(clinic):
    pid = clinic.patient(("2025-03-01", 1000))
    run_id = save_tier_run(clinic.db, clinic.run())
    save_tier_run(clinic.db, clinic.run(period=(dt.date(2025, 6, 1), dt.date(2025, 12, 31))))
    history = tier_history(clinic.db, pid)
    assert [h[2] for h in history] == ["A"]  # no activity in the second period
    stored = clinic.db.execute("SELECT cutoffs, measure FROM tier_runs WHERE id = ?", [run_id])
    assert stored.fetchone() == ("70,90", "revenue")


def test_cancelling_stops_between_stages_and_saves_nothing(clinic):
    clinic.patient(("2025-03-01", 1000))
    cancel, seen = threading.Event(), []

    def progress(_fraction: float, stage: str) -> None:
        seen.append(stage)
        if stage == "rfm":
            cancel.set()

    from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation

    params = EngineParams(TierParams(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    with pytest.raises(Cancelled) as info:
        run_segmentation(clinic.db, params, progress=progress, cancel=cancel)
    assert seen == ["facts", "tiers", "rfm"]
    assert info.value.message("zh_CN") == "计算已取消。"
    assert clinic.db.execute("SELECT count(*) FROM tier_runs").fetchone()[0] == 0


def test_progress_runs_through_every_stage_to_done(clinic):
    clinic.patient(("2025-03-01", 1000))
    from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation

    seen = []
    params = EngineParams(TierParams(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    run_segmentation(clinic.db, params, progress=lambda f, s: seen.append((f, s)))
    stages = ["facts", "tiers", "rfm", "lapse", "referrals", "membership", "done"]
    assert [s for _, s in seen] == stages
    assert [f for f, _ in seen] == sorted(f for f, _ in seen) and seen[-1][0] == 1.0


def test_the_clinics_settings_reach_the_engine(clinic):
    from clinicdesk.core.db.clinic import set_setting
    from clinicdesk.core.segmentation import TierParams, clinic_params, run_segmentation

    clinic.patient(("2025-10-02", 300))
    set_setting(clinic.db, "lapse", {"category_intervals": {"口腔": 180}, "lapsed_ratio": 2.5})
    set_setting(clinic.db, "membership_levels", [["会员", 10000]])
    set_setting(clinic.db, "referrals", {"min_direct": 5, "from_a_newer_version": 1})
    params = clinic_params(clinic.db, TierParams(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    assert (params.lapse.lapsed_ratio, params.referrals.min_direct) == (2.5, 5)
    result = run_segmentation(clinic.db, params)
    assert (result.lapse[0].usual_interval, result.membership) == (180.0, {1: "会员"})
