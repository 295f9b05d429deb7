"""The NumPy engine equals the straightforward pure-Python one on random clinics."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from clinicdesk.core.segmentation import EngineParams, LapseParams, TierParams, segment
from clinicdesk.core.segmentation.columns import ByPatient, Coded
from clinicdesk.core.segmentation.facts import Facts
from tests.unit.core.segmentation import reference

START = dt.date(2023, 1, 1).toordinal()
CATEGORIES = st.sampled_from([None, "口腔", "注射", "光电"])
charge = st.tuples(st.integers(0, 1000), st.sampled_from([-500, 0, 100, 100, 250, 9900, 45000]))
patient = st.tuples(
    st.lists(charge, max_size=12), CATEGORIES, st.sampled_from([None, "A", "B", "C"])
)


def _facts(patients, referrers, as_of: dt.date) -> Facts:
    n = len(patients)
    ids = np.arange(1, n + 1, dtype=np.int64) * 3  # ids with gaps
    charges = [sorted(c) for c, _, _ in patients]
    counts = [len(c) for c in charges]
    previous = {int(ids[i]): t for i, (_, _, t) in enumerate(patients) if t}
    previous[10**6] = "A"  # a patient tiered last time and archived since
    codes = np.array([" ABC".index(t) - 1 if t else -1 for _, _, t in patients], np.int8)
    previous_ids = np.array(list(previous), np.int64)
    previous_codes = np.array(["ABC".index(t) for t in previous.values()], np.int8)
    referred = np.array([ids[r % n] if r is not None and n else 0 for r in referrers[:n]]
                        + [0] * max(0, n - len(referrers)), np.int64)  # fmt: skip
    referred[referred == ids] = 0
    names = ("口腔", "注射", "光电")
    return Facts.of(
        ids=ids,
        referred_by=referred,
        starts=np.concatenate(([0], np.cumsum(counts))).astype(np.int64),
        day=np.array([START + d for c in charges for d, _ in c], np.int32),
        amount=np.array([a for c in charges for _, a in c], np.int64),
        owner=np.repeat(np.arange(n, dtype=np.int32), counts),
        category_codes=np.array([names.index(c) if c else -1 for _, c, _ in patients], np.int32),
        category_names=names,
        categories_as_of=as_of,
        previous_tiers=ByPatient(previous_ids, Coded(previous_codes, "ABC")),
        previous_codes=codes,
        previous_run_id=7,
    )


@settings(max_examples=150, deadline=None)
@given(
    patients=st.lists(patient, max_size=40),
    referrers=st.lists(st.one_of(st.none(), st.integers(0, 60)), max_size=40),
    end=st.integers(200, 1100),
    length=st.integers(0, 500),
    measure=st.sampled_from(["revenue", "visits"]),
    cutoffs=st.sampled_from([(0.7, 0.9), (0.75, 0.95), (0.5, 0.51), (0.123456789, 0.9)]),
    min_visits=st.integers(1, 4),
)
def test_the_numpy_engine_equals_the_reference(
    patients, referrers, end, length, measure, cutoffs, min_visits
):
    to = dt.date.fromordinal(START + end)
    tiers = TierParams(to - dt.timedelta(days=length), to, measure=measure, cutoffs=cutoffs)
    params = EngineParams(tiers, lapse=LapseParams(min_visits=min_visits))
    facts = _facts(patients, referrers, to)
    assert segment(facts, params) == reference.segment(facts, params)


def test_a_category_sample_large_enough_gives_the_category_interval():
    # Six regulars of one category (interval 10 days), one newcomer of the same: the
    # reference and the engine agree on "category" (the case random clinics rarely hit).
    regular = ([(d, 100) for d in (0, 10, 20, 30)], "口腔", None)
    newcomer = ([(35, 100)], "口腔", None)
    to = dt.date.fromordinal(START + 60)
    params = EngineParams(TierParams(to - dt.timedelta(days=90), to))
    facts = _facts([regular] * 6 + [newcomer], [], to)
    result = segment(facts, params)
    assert result.lapse[-1].basis == "category" and result.lapse[-1].usual_interval == 10.0
    assert result == reference.segment(facts, params)
