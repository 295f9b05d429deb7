"""ABC tiers, the Pareto curve and the Gini coefficient: pure functions.

The rules (DOMAIN.md idea 2, issue 3), literally:

- Patients are sorted by measure, descending; ties by patient id, ascending.
- A patient's tier is decided by the cumulative share of everyone ranked *before* it:
  A while that share is < the first cut-off, B while < the second, else C. So the top
  patient is always A, even if they alone exceed the first cut-off.
- Patients whose measure is <= 0 get no tier and are not part of the shares.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import NamedTuple

TIERS = ("A", "B", "C")
_ORDER = {"A": 0, "B": 1, "C": 2}
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


class TierSummary(NamedTuple):
    """One tier's totals; revenue is net fen in the period, whatever the measure."""

    tier: str
    patients: int
    patient_share: float
    revenue_fen: int
    revenue_share: float
    visits: int
    average_revenue_fen: int


def assign(
    ids: tuple[int, ...] | list[int], measures: list[int], cutoffs: tuple[float, float]
) -> list[tuple[int, int, int, int, str]]:
    """Rank and tier: ``(patient_id, measure, rank, measure_before, tier)`` for measure > 0.

    ``measure_before`` is the sum of the measure of everyone ranked before. The cut-off
    comparison is exact (integers against the cut-off as a fraction), so a boundary
    patient is never misplaced by floating-point rounding.
    """
    # Sorting (-measure, id) pairs: measure descending, ties by id ascending.
    ranked = sorted((-m, pid) for pid, m in zip(ids, measures, strict=True) if m > 0)
    total = -sum(m for m, _ in ranked)
    (a_num, a_den), (b_num, b_den) = (Fraction(str(c)).as_integer_ratio() for c in cutoffs)
    out, running = [], 0
    for rank, (negative, pid) in enumerate(ranked, start=1):
        measure = -negative
        # running / total < a_num / a_den, in integers.
        if running * a_den < a_num * total:
            tier = "A"
        elif running * b_den < b_num * total:
            tier = "B"
        else:
            tier = "C"
        out.append((pid, measure, rank, running, tier))
        running += measure
    return out


def movement(previous: str | None, current: str) -> str:
    """``new`` without a previous tier, else ``up``, ``down`` or ``same``."""
    if previous is None:
        return "new"
    if previous == current:
        return "same"
    return "up" if _ORDER[current] < _ORDER[previous] else "down"


def rows(
    assigned: list[tuple[int, int, int, int, str]], previous: dict[int, str]
) -> tuple[TierRow, ...]:
    """The per-patient output rows, with the previous tier and the movement."""
    total = sum(a[1] for a in assigned)
    out = []
    for pid, measure, rank, before, tier in assigned:
        prev = previous.get(pid)
        out.append(TierRow(pid, measure, rank, before / total, (before + measure) / total,
                           tier, prev, movement(prev, tier)))  # fmt: skip
    return tuple(out)


def summaries(
    tiered: tuple[TierRow, ...], revenue: dict[int, int], visits: dict[int, int]
) -> dict[str, TierSummary]:
    """Per tier: patients, share of patients, revenue, share of revenue, visits, average."""
    n = len(tiered)
    total_revenue = sum(revenue[r.patient_id] for r in tiered)
    out = {}
    for tier in TIERS:
        members = [r.patient_id for r in tiered if r.tier == tier]
        money = sum(revenue[p] for p in members)
        out[tier] = TierSummary(
            tier=tier,
            patients=len(members),
            patient_share=len(members) / n if n else 0.0,
            revenue_fen=money,
            revenue_share=money / total_revenue if total_revenue else 0.0,
            visits=sum(visits[p] for p in members),
            average_revenue_fen=round(money / len(members)) if members else 0,
        )
    return out


def movements(tiered: tuple[TierRow, ...], previous: dict[int, str]) -> dict[str, int]:
    """How many moved between tiers since the previous run: ``{"A→B": 12, ...}``.

    Includes ``new→X`` (no tier before) and ``X→none`` (tiered before, not now).
    """
    counts: Counter[str] = Counter()
    now = {r.patient_id for r in tiered}
    for r in tiered:
        counts[f"{r.previous_tier or 'new'}→{r.tier}"] += 1
    for pid, tier in previous.items():
        if pid not in now:
            counts[f"{tier}→none"] += 1
    return dict(sorted(counts.items()))


def pareto_curve(measures_desc: list[int]) -> tuple[tuple[float, float], ...]:
    """Cumulative share of patients (x) against cumulative share of the measure (y).

    Exact: one point per patient, starting at (0, 0) and ending at (1, 1).
    """
    n, total = len(measures_desc), sum(measures_desc)
    if not n or not total:
        return ()
    points, running = [(0.0, 0.0)], 0
    for i, m in enumerate(measures_desc, start=1):
        running += m
        points.append((i / n, running / total))
    return tuple(points)


def downsample(
    curve: tuple[tuple[float, float], ...], limit: int = PLOT_POINTS
) -> tuple[tuple[float, float], ...]:
    """At most `limit` points of `curve`, evenly spaced in x, first and last kept."""
    if len(curve) <= limit:
        return curve
    step = (len(curve) - 1) / (limit - 1)
    return tuple(curve[round(i * step)] for i in range(limit))


def share_of_top(curve: tuple[tuple[float, float], ...], fraction: float) -> float:
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


def gini(measures: list[int]) -> float:
    """The Gini coefficient of positive measures (0 = everyone equal, → 1 = one has all)."""
    values = sorted(m for m in measures if m > 0)
    n, total = len(values), sum(values)
    if n < 2 or not total:
        return 0.0
    weighted = sum(i * v for i, v in enumerate(values, start=1))
    return (2 * weighted) / (n * total) - (n + 1) / n
