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

from typing import NamedTuple

import numpy as np

from clinicdesk.core.segmentation.columns import Coded, Table

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


def scores(values: np.ndarray) -> np.ndarray:
    """Quintile scores 1-5 of `values` (larger is better), ties sharing the lowest."""
    values = np.asarray(values, np.int64)
    low, span = (int(values.min()), int(values.max() - values.min())) if len(values) else (0, 0)
    if span <= 4 * len(values):  # days or visit counts: count the smaller values
        counts = np.bincount(values - low, minlength=span + 1)
        position = (np.cumsum(counts) - counts)[values - low] + 1
    else:
        position = np.searchsorted(np.sort(values), values, side="left") + 1
    return np.ceil(5 * position / len(values)).astype(np.int64)


_GRID_CODES = np.array([[SEGMENTS.index(name) for name in _GRID[r]] for r in range(1, 6)])


def segment(r: np.ndarray, f: np.ndarray, m: np.ndarray) -> np.ndarray:
    """The named segment of each patient's R, F and M scores, as an index into
    `SEGMENTS` (arrays or single scores)."""
    return _GRID_CODES[np.asarray(r) - 1, (np.asarray(f) + m + 1) // 2 - 1]


def score_patients(
    ids: np.ndarray, recency_days: np.ndarray, frequency: np.ndarray, monetary: np.ndarray
) -> Table[RfmRow]:
    """Score active patients (the arrays are parallel, one entry per active patient)."""
    r, f, m = (scores(v) if len(ids) else v for v in (-recency_days, frequency, monetary))
    return Table(
        RfmRow, patient_id=ids, recency_days=recency_days, frequency=frequency,
        monetary_fen=monetary, r=r, f=f, m=m, segment=Coded(segment(r, f, m), SEGMENTS),
    )  # fmt: skip
