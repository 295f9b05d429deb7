"""Invariants of the engine, checked on many random clinics (hypothesis)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from clinicdesk.core.segmentation.rfm import scores
from clinicdesk.core.segmentation.tiers import assign, gini, pareto_curve

measures = st.lists(st.integers(min_value=-5_000_00, max_value=500_000_00), max_size=200)
cutoffs = (
    st.tuples(st.integers(1, 98), st.integers(1, 99))
    .filter(lambda ab: ab[0] < ab[1])
    .map(lambda ab: (ab[0] / 100, ab[1] / 100))
)


def _assigned(values, cuts):
    """(patient_id, measure, rank, measure_before, tier) per tiered patient, by rank."""
    result = assign(list(range(1, len(values) + 1)), values, cuts)
    return list(
        zip(
            result.ids.tolist(),
            result.measure.tolist(),
            range(1, len(result.ids) + 1),
            result.before.tolist(),
            ("ABC"[t] for t in result.tier.tolist()),
            strict=True,
        )
    )


@given(measures, cutoffs)
def test_every_patient_with_a_positive_measure_has_exactly_one_tier(values, cuts):
    tiered = [pid for pid, *_ in _assigned(values, cuts)]
    assert sorted(tiered) == [i + 1 for i, v in enumerate(values) if v > 0]


@given(measures, cutoffs)
def test_tiers_are_monotone_in_rank_and_ranks_follow_the_measure(values, cuts):
    result = _assigned(values, cuts)
    assert [t for *_, t in result] == sorted((t for *_, t in result))
    assert [r for _, _, r, _, _ in result] == list(range(1, len(result) + 1))
    keys = [(-m, pid) for pid, m, *_ in result]
    assert keys == sorted(keys)


@given(measures, cutoffs)
def test_a_reaches_the_first_cutoff_and_a_plus_b_the_second_minimally(values, cuts):
    result = _assigned(values, cuts)
    total = sum(m for _, m, *_ in result)
    if not total:
        return
    for tiers, cut in (("A", cuts[0]), ("AB", cuts[1])):
        inside = [m for _, m, _, _, t in result if t in tiers]
        share = Fraction(sum(inside), total)
        assert share >= Fraction(str(cut)) or len(inside) == len(result)
        # Without its last member the group would not reach the cut-off.
        assert not inside or Fraction(sum(inside) - inside[-1], total) < Fraction(str(cut))


@given(measures)
def test_the_pareto_curve_rises_concavely_to_one(values):
    positive = sorted((v for v in values if v > 0), reverse=True)
    curve = pareto_curve(positive)
    if not positive:
        assert curve == ()
        return
    ys = [y for _, y in curve]
    steps = [b - a for a, b in zip(ys, ys[1:], strict=False)]
    assert curve[0] == (0.0, 0.0) and curve[-1][0] == 1.0 and abs(ys[-1] - 1) < 1e-9
    assert all(s >= 0 for s in steps)
    assert all(b <= a + 1e-12 for a, b in zip(steps, steps[1:], strict=False))
    assert 0.0 <= gini(positive) < 1.0


@given(st.lists(st.integers(-1000, 1000), min_size=1, max_size=300))
def test_rfm_scores_are_1_to_5_equal_for_equal_values_and_monotone(values):
    result = scores(values).tolist()
    assert set(result) <= {1, 2, 3, 4, 5}
    by_value = dict(zip(values, result, strict=True))
    assert all(by_value[v] == s for v, s in zip(values, result, strict=True))
    ordered = [by_value[v] for v in sorted(by_value)]
    assert ordered == sorted(ordered)
