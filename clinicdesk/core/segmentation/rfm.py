"""RFM scores and named segments: pure functions.

Who is scored: patients *active* in the look-back window (default the 24 months up to
the period's end), i.e. with at least one visit day in it.

The three metrics, over the window:
- R (recency): days from the last visit to the period's end; fewer is better;
- F (frequency): distinct visit days;
- M (monetary): net revenue (refunds subtracted).

Scores 1-5 by quintile: a patient's score for a metric is ``ceil(5 * r / n)``, where
``n`` is the number of active patients and ``r`` is 1 + the number of them with a worse
value. Ties share the lowest position, so equal values always get equal scores (when
60% of patients came once, they all get F = 1 and a patient who came twice lands in
the fourth fifth, F = 4).

Segments, from R and FM = the mean of F and M rounded half up (``(F + M + 1) // 2``),
the usual RFM grid; every one of the 25 cells has exactly one segment:

    FM→    1               2               3                  4               5
    R=5  new             potential_loyalist potential_loyalist champions      champions
    R=4  promising       potential_loyalist potential_loyalist loyal          champions
    R=3  about_to_sleep  about_to_sleep  need_attention       loyal           loyal
    R=2  hibernating     hibernating     at_risk              at_risk         cant_lose
    R=1  lost            lost            at_risk              at_risk         cant_lose
"""

from __future__ import annotations

import bisect
import math
from typing import NamedTuple

SEGMENTS = (
    "champions", "loyal", "potential_loyalist", "new", "promising", "need_attention",
    "about_to_sleep", "at_risk", "cant_lose", "hibernating", "lost",
)  # fmt: skip
_GRID = {
    5: ("new", "potential_loyalist", "potential_loyalist", "champions", "champions"),
    4: ("promising", "potential_loyalist", "potential_loyalist", "loyal", "champions"),
    3: ("about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"),
    2: ("hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"),
    1: ("lost", "lost", "at_risk", "at_risk", "cant_lose"),
}


class RfmRow(NamedTuple):
    """One active patient's RFM values, scores and segment."""

    patient_id: int
    recency_days: int
    frequency: int
    monetary_fen: int
    r: int
    f: int
    m: int
    segment: str


def scores(values: list[int]) -> list[int]:
    """Quintile scores 1-5 of `values` (larger is better), ties sharing the lowest."""
    ordered = sorted(values)
    n = len(values)
    return [math.ceil(5 * (bisect.bisect_left(ordered, v) + 1) / n) for v in values]


def segment(r: int, f: int, m: int) -> str:
    """The named segment of a patient's R, F and M scores."""
    return _GRID[r][(f + m + 1) // 2 - 1]


def score_patients(
    ids: list[int], recency_days: list[int], frequency: list[int], monetary: list[int]
) -> tuple[RfmRow, ...]:
    """Score active patients (the lists are parallel, one entry per active patient)."""
    if not ids:
        return ()
    r_scores = scores([-d for d in recency_days])
    f_scores, m_scores = scores(frequency), scores(monetary)
    return tuple(
        RfmRow(pid, rec, freq, mon, r, f, m, segment(r, f, m))
        for pid, rec, freq, mon, r, f, m in zip(
            ids, recency_days, frequency, monetary, r_scores, f_scores, m_scores, strict=True
        )
    )
