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

from clinicdesk.core.segmentation.facts import Visits
from clinicdesk.core.segmentation.params import LapseParams

MIN_CATEGORY_SAMPLE = 5
STATUSES = ("on_rhythm", "due", "overdue", "lapsed")


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


def own_intervals(visits: Visits, min_visits: int) -> np.ndarray:
    """Each patient's median gap between visit days; NaN with fewer than `min_visits`
    days (or fewer than 2)."""
    count = visits.count
    eligible = count >= max(min_visits, 2)
    out = np.full(len(count), np.nan)
    keep = eligible[visits.owner]
    days, owner = visits.days[keep].astype(np.int64), visits.owner[keep].astype(np.int64)
    if not len(days):
        return out
    same = owner[1:] == owner[:-1]
    # Sort each patient's gaps: one sort of (patient, gap) keys.
    keys = np.sort((owner[1:][same] << 32) | (days[1:] - days[:-1])[same])
    gaps = keys & 0xFFFFFFFF
    n = count[eligible] - 1
    first = np.concatenate(([0], np.cumsum(n)[:-1]))
    out[eligible] = (gaps[first + (n - 1) // 2] + gaps[first + n // 2]) / 2
    return out


def median(values: np.ndarray) -> float:
    """The median of `values` (the mean of the two middle ones for an even count)."""
    ordered = np.sort(values)
    n = len(ordered)
    return float((ordered[(n - 1) // 2] + ordered[n // 2]) / 2)


def category_intervals(
    own: np.ndarray, categories: tuple[str | None, ...], params: LapseParams
) -> tuple[dict[str, float], float | None]:
    """The clinic's usual interval per category, and over all patients with a rhythm
    (None when nobody has one)."""
    rhythm = ~np.isnan(own)
    clinic = median(own[rhythm]) if rhythm.any() else None
    names, codes = _codes(categories)
    out = {}
    for code, name in enumerate(names):
        sample = own[rhythm & (codes == code)]
        if len(sample) >= MIN_CATEGORY_SAMPLE:
            out[name] = median(sample)
    out.update({c: float(days) for c, days in params.category_intervals.items()})
    return out, clinic


def status_of(ratio: np.ndarray, params: LapseParams) -> np.ndarray:
    """The lapse status of each ratio of days since the last visit to the usual interval."""
    ratio = np.asarray(ratio, float)
    limits = [ratio < params.due_ratio, ratio < params.overdue_ratio, ratio < params.lapsed_ratio]
    return np.select(limits, STATUSES[:3], STATUSES[3])


def detect(
    ids: np.ndarray,
    visits: Visits,
    last_category: tuple[str | None, ...],
    former_ab: np.ndarray,
    as_of: dt.date,
    params: LapseParams,
) -> tuple[LapseRow, ...]:
    """The lapse rows of every patient with at least one visit day up to `as_of`.

    Args:
        former_ab: per patient, whether they were A or B (now, before or at the last run).
    """
    own = own_intervals(visits, params.min_visits)
    per_category, clinic = category_intervals(own, last_category, params)
    usual, basis = _usual(own, last_category, per_category, clinic, params)
    seen = visits.count > 0
    last = visits.days[visits.starts[1:][seen] - 1].astype(np.int64)
    usual, basis, own_ab = usual[seen], basis[seen], former_ab[seen]
    since = as_of.toordinal() - last
    with np.errstate(divide="ignore"):
        ratio = np.where(usual > 0, since / np.where(usual > 0, usual, 1), np.inf)
    status = status_of(ratio, params)
    alarm = own_ab & ((status == "overdue") | (status == "lapsed"))
    columns = (ids[seen], _iso(last), visits.count[seen], usual, basis, since, ratio,
               _iso(last + np.rint(usual).astype(np.int64)), status, own_ab, alarm)  # fmt: skip
    return tuple(map(LapseRow._make, zip(*(c.tolist() for c in columns), strict=True)))


def _iso(days: np.ndarray) -> np.ndarray:
    """Date ordinals as ISO text, each distinct day formatted once."""
    unique, inverse = np.unique(days, return_inverse=True)
    texts = [dt.date.fromordinal(d).isoformat() for d in unique.tolist()]
    return np.array(texts, dtype=object)[inverse] if texts else np.array([], dtype=object)


def _codes(categories: tuple[str | None, ...]) -> tuple[list[str], np.ndarray]:
    """The distinct categories (None left out) and each patient's code (-1 for None)."""
    index: dict[str | None, int] = {None: -1}
    codes = [index.setdefault(c, len(index) - 1) for c in categories]
    return [c for c in index if c is not None], np.array(codes, np.int64)


def _usual(
    own: np.ndarray,
    categories: tuple[str | None, ...],
    per_category: dict[str, float],
    clinic: float | None,
    params: LapseParams,
) -> tuple[np.ndarray, np.ndarray]:
    """Each patient's usual interval and its basis: own, category, clinic or default."""
    names, codes = _codes(categories)
    table = np.array([per_category.get(n, np.nan) for n in names] + [np.nan])
    by_category = table[codes]  # code -1 picks the trailing NaN
    fallback = clinic if clinic is not None else float(params.fallback_interval)
    has_own, has_category = ~np.isnan(own), ~np.isnan(by_category)
    usual = np.where(has_own, own, np.where(has_category, by_category, fallback))
    rest = "clinic" if clinic is not None else "default"
    basis = np.where(has_own, "own", np.where(has_category, "category", rest)).astype(object)
    return usual, basis
