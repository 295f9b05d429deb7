"""Lapse (churn) detection on each patient's own rhythm: pure functions.

A patient's *usual interval* is the median number of days between their visit days
when they have at least `min_visits` of them (their own rhythm). Otherwise it is the
clinic's usual interval for the category of their last item: the median of the own
intervals of patients with a rhythm whose last item was of that category (when at
least `MIN_CATEGORY_SAMPLE` such patients exist; else the median over all patients
with a rhythm; else `fallback_interval`). A setting can override any category.

``ratio = days since the last visit / usual interval``; the status is ``on_rhythm``
below `due_ratio`, ``due`` below `overdue_ratio`, ``overdue`` below `lapsed_ratio`, else
``lapsed``. The expected return date is the last visit plus the usual interval.

A patient who was A or B (in the tier period, in the period before it, or at the last
saved run) and is now overdue or lapsed raises an *alarm*: they are the first to win
back ("can't lose them").
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np

from clinicdesk.core.segmentation.columns import Coded, Days, Table
from clinicdesk.core.segmentation.params import LapseParams

MIN_CATEGORY_SAMPLE = 5
STATUSES = ("on_rhythm", "due", "overdue", "lapsed")
BASES = ("own", "category", "clinic", "default")


class LapseRow(NamedTuple):
    """One patient's rhythm and lapse status as of the period's end.

    Attributes:
        basis: where the usual interval comes from: own, category, clinic or default.
        former_ab: A or B now, in the prior period or at the last saved run.
        alarm: former A/B and now overdue or lapsed.
    """

    patient_id: int
    last_visit: str
    visit_days: int
    usual_interval: float
    basis: str
    days_since: int
    ratio: float
    expected_return: str
    status: str
    former_ab: bool
    alarm: bool


def median(values: np.ndarray) -> float:
    """The median of `values` (the mean of the two middle ones for an even count)."""
    ordered = np.sort(values)
    n = len(ordered)
    return float((ordered[(n - 1) // 2] + ordered[n // 2]) / 2)


def category_intervals(
    own: np.ndarray, codes: np.ndarray, names: tuple[str, ...], params: LapseParams
) -> tuple[np.ndarray, float | None]:
    """The clinic's usual interval per category (NaN where unknown, by code into `names`),
    and over all patients with a rhythm (None when nobody has one)."""
    rhythm = ~np.isnan(own)
    clinic = median(own[rhythm]) if rhythm.any() else None
    out = np.full(len(names), np.nan)
    sample = rhythm & (codes >= 0)
    # By category, then interval: a median of whole days is a multiple of a half day.
    value = np.sort((codes[sample].astype(np.int64) << 32) | (own[sample] * 2).astype(np.int64))
    code, value = value >> 32, (value & 0xFFFFFFFF) / 2
    present, first, count = np.unique(code, return_index=True, return_counts=True)
    enough = count >= MIN_CATEGORY_SAMPLE
    first, count = first[enough], count[enough]
    out[present[enough]] = (value[first + (count - 1) // 2] + value[first + count // 2]) / 2
    for index, name in enumerate(names):
        if name in params.category_intervals:
            out[index] = float(params.category_intervals[name])
    return out, clinic


def status_of(ratio: np.ndarray, params: LapseParams) -> np.ndarray:
    """The lapse status of each ratio of days since the last visit to the usual interval,
    as an index into `STATUSES`."""
    ratio = np.asarray(ratio, float)
    limits = [ratio < params.due_ratio, ratio < params.overdue_ratio, ratio < params.lapsed_ratio]
    return np.select(limits, [0, 1, 2], 3)


class Rhythm(NamedTuple):
    """What lapse detection needs of each patient, as of the period's end.

    Attributes:
        last: the last visit day (ordinal), -1 for none.
        visits: the visit days up to then.
        own: the median gap between them (NaN without a rhythm of their own).
        category: the last visit's category, as an index into `names` (-1 for none).
    """

    last: np.ndarray
    visits: np.ndarray
    own: np.ndarray
    category: np.ndarray
    names: tuple[str, ...]


def detect(
    ids: np.ndarray, rhythm: Rhythm, former_ab: np.ndarray, as_of: dt.date, params: LapseParams
) -> Table[LapseRow]:
    """The lapse rows of every patient with at least one visit day up to `as_of`.

    Args:
        former_ab: per patient, whether they were A or B (now, before or at the last run).
    """
    usual, basis = _usual(rhythm, params)
    seen = rhythm.last >= 0
    last, usual, basis, own_ab = rhythm.last[seen], usual[seen], basis[seen], former_ab[seen]
    since = as_of.toordinal() - last
    with np.errstate(divide="ignore"):
        ratio = np.where(usual > 0, since / np.where(usual > 0, usual, 1), np.inf)
    status = status_of(ratio, params)
    return Table(
        LapseRow,
        patient_id=ids[seen],
        last_visit=Days(last),
        visit_days=rhythm.visits[seen],
        usual_interval=usual,
        basis=Coded(basis, BASES),
        days_since=since,
        ratio=ratio,
        expected_return=Days(last + np.rint(usual).astype(np.int64)),
        status=Coded(status, STATUSES),
        former_ab=own_ab,
        alarm=own_ab & (status >= 2),  # overdue or lapsed
    )


def _usual(rhythm: Rhythm, params: LapseParams) -> tuple[np.ndarray, np.ndarray]:
    """Each patient's usual interval and its basis (an index into `BASES`)."""
    own = rhythm.own
    per_category, clinic = category_intervals(own, rhythm.category, rhythm.names, params)
    by_category = np.append(per_category, np.nan)[rhythm.category]  # -1 picks the NaN
    fallback = clinic if clinic is not None else float(params.fallback_interval)
    has_own, has_category = ~np.isnan(own), ~np.isnan(by_category)
    usual = np.where(has_own, own, np.where(has_category, by_category, fallback))
    rest = 2 if clinic is not None else 3
    return usual, np.where(has_own, 0, np.where(has_category, 1, rest))
