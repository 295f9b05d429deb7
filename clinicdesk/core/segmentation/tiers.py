"""ABC tiers, the Pareto curve and the Gini coefficient: pure functions.

The rules (DOMAIN.md idea 2, issue 3), literally:

- Patients are sorted by measure, descending; ties by patient id, ascending.
- A patient's tier is decided by the cumulative share of everyone ranked *before* it:
  A while that share is < the first cut-off, B while < the second, else C. So the top
  patient is always A, even if they alone exceed the first cut-off.
- Patients whose measure is <= 0 get no tier and are not part of the shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import NamedTuple

import numpy as np

from clinicdesk.core.segmentation.columns import Coded, Table

TIERS = ("A", "B", "C")
MOVES = ("new", "same", "up", "down")
PLOT_POINTS = 1000


class TierRow(NamedTuple):
    """One tiered patient.

    Attributes:
        share_before: cumulative share of the measure of everyone ranked before.
        share: cumulative share including this patient.
        movement: against the previous saved run: up, down, same or new.
    """

    patient_id: int
    measure: int
    rank: int
    share_before: float
    share: float
    tier: str
    previous_tier: str | None
    movement: str


class Point(NamedTuple):
    """A point of the Pareto curve: share of patients (x), share of the measure (y)."""

    x: float
    y: float


class TierSummary(NamedTuple):
    """One tier's totals; revenue is net fen in the period, whatever the measure."""

    tier: str
    patients: int
    patient_share: float
    revenue_fen: int
    revenue_share: float
    visits: int
    average_revenue_fen: int


class Assigned(NamedTuple):
    """Tiered patients in rank order (rank = position + 1), as parallel arrays.

    Attributes:
        ids: patient ids; measure: their measure (> 0).
        before: the sum of the measure of everyone ranked before.
        tier: 0, 1, 2 for A, B, C.
        position: each one's position in the arrays `assign` was given.
    """

    ids: np.ndarray
    measure: np.ndarray
    before: np.ndarray
    tier: np.ndarray
    position: np.ndarray

    @property
    def total(self) -> int:
        """The sum of the measure over tiered patients."""
        return int(self.measure.sum())


def assign(ids: np.ndarray, measures: np.ndarray, cutoffs: tuple[float, float]) -> Assigned:
    """Rank and tier the patients whose measure is > 0 (sorted by measure descending, ties
    by id ascending).

    The cut-off comparison is exact (integers against the cut-off as a fraction), so a
    boundary patient is never misplaced by floating-point rounding.
    """
    ids, measures = np.asarray(ids, np.int64), np.asarray(measures, np.int64)
    index = np.flatnonzero(measures > 0)
    ids, measures = ids[index], measures[index]
    order = rank_order(ids, measures)
    ids, measures, index = ids[order], measures[order], index[order]
    before = np.cumsum(measures) - measures
    total = int(measures.sum())
    (a_num, a_den), (b_num, b_den) = (Fraction(str(c)).as_integer_ratio() for c in cutoffs)
    if total * max(a_num, a_den, b_num, b_den) >= 2**62:  # beyond int64: Python integers
        running = before.astype(object)
    else:
        running = before
    # running / total < a_num / a_den, in integers.
    tier = np.where(
        running * a_den < a_num * total, 0, np.where(running * b_den < b_num * total, 1, 2)
    )
    return Assigned(ids, measures, before, tier.astype(np.int8), index)


def rank_order(ids: np.ndarray, measures: np.ndarray) -> np.ndarray:
    """The order of measure descending, ties by id ascending (measures > 0)."""
    if len(ids) and measures.max() < 2**31 and ids.min() >= 0 and ids.max() < 2**32:
        # One sort of (measure, id) packed in an integer: several times a lexsort's speed.
        return np.argsort(((2**31 - measures) << 32) | ids)
    return np.lexsort((ids, -measures))


# MOVES code of (previous code + 1, current code); previous -1 means none.
_MOVES = np.array([[0, 0, 0], [1, 3, 3], [2, 1, 3], [2, 2, 1]], np.int8)


def rows(assigned: Assigned, previous: np.ndarray) -> Table[TierRow]:
    """The per-patient output rows, with the previous tier and the movement.

    Args:
        previous: each tiered patient's previous tier code (-1 for none), in rank order.
    """
    total = assigned.total
    before = assigned.before / total if total else assigned.before.astype(float)
    share = (assigned.before + assigned.measure) / total if total else before
    return Table(
        TierRow,
        patient_id=assigned.ids,
        measure=assigned.measure,
        rank=np.arange(1, len(assigned.ids) + 1),
        share_before=before,
        share=share,
        tier=Coded(assigned.tier, TIERS),
        previous_tier=Coded(previous + 1, (None, *TIERS)),
        movement=Coded(_MOVES[previous + 1, assigned.tier], MOVES),
    )


def summaries(tier: np.ndarray, revenue: np.ndarray, visits: np.ndarray) -> dict[str, TierSummary]:
    """Per tier: patients, share of patients, revenue, share of revenue, visits, average.

    Args:
        tier, revenue, visits: each tiered patient's tier code, net revenue (fen) and
            visit days in the period.
    """
    n = len(tier)
    total_revenue = int(revenue.sum())
    out = {}
    for code, name in enumerate(TIERS):
        members = tier == code
        count, money = int(members.sum()), int(revenue[members].sum())
        out[name] = TierSummary(
            tier=name,
            patients=count,
            patient_share=count / n if n else 0.0,
            revenue_fen=money,
            revenue_share=money / total_revenue if total_revenue else 0.0,
            visits=int(visits[members].sum()),
            average_revenue_fen=round(money / count) if count else 0,
        )
    return out


def movements(assigned: Assigned, previous: np.ndarray, gone: np.ndarray) -> dict[str, int]:
    """How many moved between tiers since the previous run: ``{"A→B": 12, ...}``.

    Includes ``new→X`` (no tier before) and ``X→none`` (tiered before, not now).

    Args:
        previous: each tiered patient's previous tier code (-1 for none), in rank order.
        gone: the previous tier codes of patients tiered before but not now.
    """
    names = ("new", *TIERS)
    pairs = np.bincount((previous + 1) * 3 + assigned.tier, minlength=12)
    counts = {f"{names[i // 3]}→{TIERS[i % 3]}": int(n) for i, n in enumerate(pairs) if n}
    for code, n in enumerate(np.bincount(gone, minlength=3).tolist()):
        if n:
            counts[f"{TIERS[code]}→none"] = n
    return dict(sorted(counts.items()))


def pareto_curve(measures_desc: np.ndarray) -> Table[Point]:
    """Cumulative share of patients (x) against cumulative share of the measure (y).

    Exact: one point per patient, starting at (0, 0) and ending at (1, 1).
    """
    measures_desc = np.asarray(measures_desc, np.int64)
    n, total = len(measures_desc), int(measures_desc.sum())
    if not n or not total:
        return Table(Point, x=np.zeros(0), y=np.zeros(0))
    x = np.arange(n + 1) / n
    y = np.concatenate(([0], np.cumsum(measures_desc))) / total
    return Table(Point, x=x, y=y)


def downsample(
    curve: Sequence[tuple[float, float]], limit: int = PLOT_POINTS
) -> Sequence[tuple[float, float]]:
    """At most `limit` points of `curve`, evenly spaced in x, first and last kept."""
    if len(curve) <= limit:
        return curve
    step = (len(curve) - 1) / (limit - 1)
    picked = np.rint(np.arange(limit) * step).astype(np.int64)  # round() to even, as Python's
    if isinstance(curve, Table):
        return curve.take(picked)
    return tuple(curve[i] for i in picked.tolist())


def share_of_top(curve: Sequence[tuple[float, float]], fraction: float) -> float:
    """The measure's share held by the top `fraction` of patients (linear between points)."""
    if not curve:
        return 0.0
    n = len(curve) - 1
    position = fraction * n
    low = int(position)
    if low >= n:
        return 1.0
    (_, y0), (_, y1) = curve[low], curve[low + 1]
    return y0 + (y1 - y0) * (position - low)


def gini(measures: np.ndarray) -> float:
    """The Gini coefficient of positive measures (0 = everyone equal, → 1 = one has all)."""
    values = np.sort(np.asarray(measures, np.int64)[np.asarray(measures) > 0])
    n, total = len(values), int(values.sum())
    if n < 2 or not total:
        return 0.0
    rank = np.arange(1, n + 1, dtype=np.int64)
    if n * total < 2**62:  # exact in int64
        weighted = int(rank @ values)
    else:  # exact in Python integers
        weighted = sum(r * v for r, v in zip(rank.tolist(), values.tolist(), strict=True))
    return (2 * weighted) / (n * total) - (n + 1) / n
