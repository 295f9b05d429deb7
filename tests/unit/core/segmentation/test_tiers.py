"""ABC tiers: the issue's rules, tested literally on hand-computed clinics."""

from __future__ import annotations

import pytest

from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.segmentation import PRESETS, TierParams, parse_cutoffs
from clinicdesk.core.segmentation.tiers import assign, gini, pareto_curve, share_of_top

# Ten patients (yuan in 2025). Sorted: 1, 2, 3, 4 (tie with 3, higher id), 5, 6, 7, 8, 9
# (tie with 8); patient 10 has no charge. Cumulative share *before* each, of 10,000:
# 0, .40, .60, .70, .80, .88, .93, .96, .98.
TEN = [4000, 2000, 1000, 1000, 800, 500, 300, 200, 200, None]


@pytest.fixture
def ten(clinic):
    for yuan in TEN:
        clinic.patient(*([("2025-06-01", yuan)] if yuan else []))
    return clinic


def _tiers(result) -> dict[int, str]:
    return {r.patient_id: r.tier for r in result.tiers.rows}


def test_default_cutoffs_70_90(ten):
    tiers = _tiers(ten.run())
    assert tiers == {1: "A", 2: "A", 3: "A", 4: "B", 5: "B", 6: "B", 7: "C", 8: "C", 9: "C"}


def test_preset_75_20_5(ten):
    tiers = _tiers(ten.run(cutoffs=PRESETS["75/20/5"]))
    assert tiers == {1: "A", 2: "A", 3: "A", 4: "A", 5: "B", 6: "B", 7: "B", 8: "C", 9: "C"}


def test_the_boundary_patient_whose_share_before_equals_the_cutoff_is_not_a(ten):
    row = next(r for r in ten.run().tiers.rows if r.patient_id == 4)
    assert row.share_before == pytest.approx(0.70)
    assert row.tier == "B"


def test_ties_are_ranked_by_patient_id(ten):
    ranks = {r.patient_id: r.rank for r in ten.run().tiers.rows}
    assert (ranks[3], ranks[4]) == (3, 4)
    assert (ranks[8], ranks[9]) == (8, 9)


def test_per_patient_output(ten):
    row = ten.run().tiers.rows[1]
    assert (row.patient_id, row.measure, row.rank, row.tier) == (2, 200000, 2, "A")
    assert (row.share_before, row.share) == (pytest.approx(0.4), pytest.approx(0.6))
    assert (row.previous_tier, row.movement) == (None, "new")


def test_per_tier_summaries(ten):
    summary = ten.run().tiers.summaries
    a = summary["A"]
    assert (a.patients, a.revenue_fen, a.visits) == (3, 700000, 3)
    assert (a.patient_share, a.revenue_share) == (pytest.approx(1 / 3), pytest.approx(0.7))
    assert a.average_revenue_fen == 233333
    assert [summary[t].patients for t in "ABC"] == [3, 3, 3]


def test_patients_without_activity_get_no_tier_and_are_counted(ten):
    result = ten.run()
    assert 10 not in _tiers(result)
    assert result.tiers.no_activity == 1
    assert result.tiers.total_measure == 1_000_000


def test_the_top_patient_is_a_even_alone_above_the_first_cutoff(clinic):
    clinic.patient(("2025-03-01", 9000))
    clinic.patient(("2025-03-01", 1000))
    assert _tiers(clinic.run()) == {1: "A", 2: "C"}


def test_visits_measure_counts_distinct_visit_days(clinic):
    clinic.patient(("2025-02-01", 100), ("2025-02-01", 50), ("2025-05-01", 100))  # 2 days
    clinic.patient(("2025-02-01", 9000))  # 1 day, more money
    result = clinic.run(measure="visits")
    assert [(r.patient_id, r.measure) for r in result.tiers.rows] == [(1, 2), (2, 1)]


def test_refunds_are_netted_in_the_revenue_measure(clinic):
    clinic.patient(("2025-02-01", 1000), ("2025-02-10", -300))
    assert clinic.run().tiers.rows[0].measure == 70000


def test_a_patient_whose_refunds_make_the_period_negative_gets_no_tier(clinic):
    clinic.patient(("2024-12-20", 1000), ("2025-01-05", -1000))
    clinic.patient(("2025-03-01", 500))
    result = clinic.run()
    assert _tiers(result) == {2: "A"}
    assert result.tiers.no_activity == 1


def test_a_refund_day_is_not_a_visit(clinic):
    clinic.patient(("2024-12-20", 1000), ("2025-01-05", -1000))
    assert clinic.run(measure="visits").tiers.rows == ()


def test_period_boundaries_are_inclusive(clinic):
    clinic.patient(("2024-12-31", 999), ("2025-01-01", 100), ("2025-12-31", 10), ("2026-01-01", 5))
    assert clinic.run().tiers.rows[0].measure == 11000


def test_archived_patients_are_excluded(clinic):
    clinic.patient(("2025-03-01", 500), archived=True)
    clinic.patient(("2025-03-01", 100))
    result = clinic.run()
    assert _tiers(result) == {2: "A"}
    assert result.tiers.no_activity == 0


def test_an_empty_clinic(clinic):
    tiers = clinic.run().tiers
    assert (tiers.rows, tiers.curve, tiers.no_activity, tiers.gini) == ((), (), 0, 0.0)
    assert tiers.top20_share == 0.0
    assert all(s.patients == 0 and s.revenue_share == 0.0 for s in tiers.summaries.values())


def test_one_patient(clinic):
    clinic.patient(("2025-03-01", 500))
    tiers = clinic.run().tiers
    assert [(r.tier, r.share) for r in tiers.rows] == [("A", 1.0)]
    assert tiers.curve == ((0.0, 0.0), (1.0, 1.0))
    assert tiers.gini == 0.0


def test_all_equal_values(clinic):
    for _ in range(10):
        clinic.patient(("2025-03-01", 100))
    tiers = clinic.run().tiers
    assert "".join(r.tier for r in tiers.rows) == "AAAAAAABBC"
    assert tiers.gini == pytest.approx(0.0)
    assert tiers.top20_share == pytest.approx(0.2)


def test_headline_gini_and_curve_on_the_ten(ten):
    tiers = ten.run().tiers
    # Top 20% of 9 patients = 1.8 patients: 40% + 0.8 * 20% = 56%.
    assert tiers.top20_share == pytest.approx(0.56)
    assert tiers.curve[0] == (0.0, 0.0) and tiers.curve[-1] == (1.0, 1.0)
    assert len(tiers.curve) == 10 and tiers.curve_plot == tiers.curve
    assert tiers.gini == pytest.approx(gini([4000, 2000, 1000, 1000, 800, 500, 300, 200, 200]))


def test_gini_by_hand():
    # Values 1, 2, 3: G = 2*(1*1+2*2+3*3)/(3*6) - 4/3 = 28/18 - 24/18 = 2/9.
    assert gini([3, 1, 2]) == pytest.approx(2 / 9)
    assert gini([5, 0, 0, 0]) == 0.0  # only one positive value: nobody to compare


def test_the_plot_curve_has_at_most_1000_points_and_keeps_both_ends():
    curve = pareto_curve(list(range(5000, 0, -1)))
    from clinicdesk.core.segmentation.tiers import downsample

    plot = downsample(curve)
    assert len(plot) == 1000 and plot[0] == curve[0] and plot[-1] == curve[-1]
    assert share_of_top(curve, 0.2) == pytest.approx(share_of_top(plot, 0.2), abs=1e-3)


def test_assign_is_exact_at_the_boundary_whatever_floats_say():
    # Before patient 2: 4 + 3 = 7 of 10, exactly the cut-off (in floats .4 + .3 > .7).
    result = assign([1, 2, 3, 4], [4, 2, 1, 3], (0.7, 0.9))
    assert result.ids.tolist() == [1, 4, 2, 3]
    assert result.tier.tolist() == [0, 0, 1, 2]  # A, A, B, C


@pytest.mark.parametrize(("text", "cutoffs"), [("70,90", (0.7, 0.9)), ("75/20/5", (0.75, 0.95)),
                                               ("60,85", (0.6, 0.85))])  # fmt: skip
def test_cutoffs_from_text(text, cutoffs):
    assert parse_cutoffs(text) == pytest.approx(cutoffs)


@pytest.mark.parametrize("text", ["90,70", "70", "a,b", "0,50", "70,120"])
def test_bad_cutoffs_are_refused_with_a_message(text):
    with pytest.raises(InvalidValue) as info:
        parse_cutoffs(text)
    assert "70,90" in info.value.message("zh_CN")


def test_a_period_that_ends_before_it_starts_is_refused():
    import datetime as dt

    with pytest.raises(InvalidValue):
        TierParams(dt.date(2025, 2, 1), dt.date(2025, 1, 1))


def test_the_default_period_is_the_last_twelve_months():
    import datetime as dt

    params = TierParams.last_twelve_months(dt.date(2026, 2, 28))
    assert (params.period_from, params.period_to) == (dt.date(2025, 3, 1), dt.date(2026, 2, 28))
