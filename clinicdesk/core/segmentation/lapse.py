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
import operator
import statistics
from collections import defaultdict
from typing import NamedTuple

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


def own_interval(days: tuple[int, ...], min_visits: int) -> float | None:
    """The median gap between visit days, or None with fewer than `min_visits` days."""
    if len(days) < max(min_visits, 2):
        return None
    gaps = sorted(map(operator.sub, days[1:], days[:-1]))
    middle = len(gaps) // 2
    return float(gaps[middle]) if len(gaps) % 2 else (gaps[middle - 1] + gaps[middle]) / 2


def category_intervals(
    own: list[float | None], categories: list[str | None], params: LapseParams
) -> tuple[dict[str, float], float | None]:
    """The clinic's usual interval per category, and over all patients with a rhythm
    (None when nobody has one)."""
    by_category: dict[str, list[float]] = defaultdict(list)
    everyone = []
    for interval, category in zip(own, categories, strict=True):
        if interval is not None:
            everyone.append(interval)
            if category is not None:
                by_category[category].append(interval)
    clinic = float(statistics.median(everyone)) if everyone else None
    out = {c: float(statistics.median(v)) for c, v in by_category.items()
           if len(v) >= MIN_CATEGORY_SAMPLE}  # fmt: skip
    out.update({c: float(days) for c, days in params.category_intervals.items()})
    return out, clinic


def status_of(ratio: float, params: LapseParams) -> str:
    """The lapse status of a ratio of days since the last visit to the usual interval."""
    if ratio < params.due_ratio:
        return "on_rhythm"
    if ratio < params.overdue_ratio:
        return "due"
    if ratio < params.lapsed_ratio:
        return "overdue"
    return "lapsed"


def detect(
    ids: tuple[int, ...],
    visit_days: tuple[tuple[int, ...], ...],
    last_category: tuple[str | None, ...],
    former_ab: set[int],
    as_of: dt.date,
    params: LapseParams,
) -> tuple[LapseRow, ...]:
    """The lapse rows of every patient with at least one visit day up to `as_of`."""
    own = [own_interval(days, params.min_visits) for days in visit_days]
    per_category, clinic = category_intervals(own, list(last_category), params)
    today = as_of.toordinal()
    iso = _IsoDates()
    out = []
    for pid, days, mine, category in zip(ids, visit_days, own, last_category, strict=True):
        if not days:
            continue
        usual, basis = _usual(mine, category, per_category, clinic, params)
        since = today - days[-1]
        ratio = since / usual if usual > 0 else float("inf")
        status = status_of(ratio, params)
        was_ab = pid in former_ab
        out.append(LapseRow(
            pid, iso[days[-1]], len(days), usual, basis, since,
            ratio, iso[days[-1] + round(usual)], status, was_ab,
            was_ab and status in ("overdue", "lapsed"),
        ))  # fmt: skip
    return tuple(out)


class _IsoDates(dict[int, str]):
    """Date ordinal -> ISO text, computed once per distinct day."""

    def __missing__(self, ordinal: int) -> str:
        text = self[ordinal] = dt.date.fromordinal(ordinal).isoformat()
        return text


def _usual(
    mine: float | None,
    category: str | None,
    per_category: dict[str, float],
    clinic: float | None,
    params: LapseParams,
) -> tuple[float, str]:
    if mine is not None:
        return mine, "own"
    if category is not None and category in per_category:
        return per_category[category], "category"
    if clinic is not None:
        return clinic, "clinic"
    return float(params.fallback_interval), "default"
