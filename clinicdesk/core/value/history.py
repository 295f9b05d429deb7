"""What the value model reads: each patient's days with charges, from the engine's facts.

`load_visit_log` is the one function that reads the clinic file, through the
segmentation engine's facts (one indexed pass over the charges; from the facts cache
when the file's data has not changed since the engine last read it), and `visit_log`
turns the facts' per-charge arrays into one entry per (patient, day). `histories` gives
the models' data as of any date (the calibration check uses an earlier one), in NumPy.

A visit is a day with a charge that is not a refund (the engine's rule), so same-day
charges are one visit and a refund-only day is none; money counts every day's net.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from sqlite_utils import Database

from clinicdesk.core.segmentation.cache import FactsCache
from clinicdesk.core.segmentation.facts import Facts
from clinicdesk.core.segmentation.reading import load_facts


@dataclass(frozen=True, slots=True)
class VisitLog:
    """The days with charges of the patients who are not archived.

    Attributes:
        patient, day, net_fen, visit: one entry per (patient, day), sorted by patient then
            day: the patient id, the date ordinal, the day's net amount, and whether the
            day had a charge that is not a refund.
    """

    patient: np.ndarray
    day: np.ndarray
    net_fen: np.ndarray
    visit: np.ndarray


@dataclass(frozen=True, slots=True)
class Histories:
    """The models' data per patient with a first visit before the end date.

    Attributes:
        ids: patient ids, ascending.
        x: repeat visit days (visit days after the first).
        t_x: days from the first visit to the last.
        T: days from the first visit to the end date.
        repeat_fen: net amount of the days after the first visit (Gamma-Gamma's spend).
        net_fen: net amount of all days up to the end date.
    """

    ids: np.ndarray
    x: np.ndarray
    t_x: np.ndarray
    T: np.ndarray
    repeat_fen: np.ndarray
    net_fen: np.ndarray


def load_visit_log(db: Database, to: dt.date, cache: FactsCache | None = None) -> VisitLog:
    """The visit log of `db` (from `cache` when its facts are current); `to` is the
    analysis date, the day the engine's facts read the last visits' categories for."""
    return visit_log(load_facts(db, to) if cache is None else cache.facts(db, to))


def visit_log(facts: Facts) -> VisitLog:
    """One entry per (patient, day) of the facts' charges (grouped by patient, by day)."""
    fresh = np.ones(len(facts.day), dtype=bool)
    fresh[1:] = (facts.day[1:] != facts.day[:-1]) | (facts.owner[1:] != facts.owner[:-1])
    starts = np.flatnonzero(fresh)
    if len(starts) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return VisitLog(empty, empty, empty, np.zeros(0, dtype=bool))
    return VisitLog(
        patient=facts.ids[facts.owner[starts]],
        day=facts.day[starts].astype(np.int64),
        net_fen=np.add.reduceat(facts.amount, starts),
        visit=np.maximum.reduceat(facts.amount, starts) >= 0,
    )


def histories(log: VisitLog, end: dt.date) -> Histories:
    """Each patient's x, t_x, T and spend as the history stood at `end` (included)."""
    end_day = end.toordinal()
    upto = log.day <= end_day
    visits = upto & log.visit
    ids, start, count = np.unique(log.patient[visits], return_index=True, return_counts=True)
    days = log.day[visits]
    first, last = days[start], days[start + count - 1]
    keep = first < end_day
    ids, first, last, count = ids[keep], first[keep], last[keep], count[keep]
    row, found = _positions(ids, log.patient)
    mine = upto & found
    after = mine.copy()
    after[mine] = log.day[mine] > first[row[mine]]
    return Histories(
        ids=ids,
        x=(count - 1).astype(float),
        t_x=(last - first).astype(float),
        T=(end_day - first).astype(float),
        repeat_fen=_sums(row, after, log.net_fen, len(ids)),
        net_fen=_sums(row, mine, log.net_fen, len(ids)),
    )


def visits_between(log: VisitLog, ids: np.ndarray, start: dt.date, end: dt.date) -> np.ndarray:
    """How many visit days each of `ids` had after `start` up to `end` (included)."""
    inside = log.visit & (log.day > start.toordinal()) & (log.day <= end.toordinal())
    row, found = _positions(ids, log.patient)
    return np.bincount(row[inside & found], minlength=len(ids))


def _positions(ids: np.ndarray, patients: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of `patients` stands in the sorted `ids`, and whether it is there at
    all (the position of one that is not is 0, to be masked by the second array)."""
    if len(ids) == 0:
        return np.zeros(len(patients), dtype=np.int64), np.zeros(len(patients), dtype=bool)
    row = np.minimum(np.searchsorted(ids, patients), len(ids) - 1)
    return row, ids[row] == patients


def _sums(row: np.ndarray, where: np.ndarray, amounts: np.ndarray, size: int) -> np.ndarray:
    # Float sums of integer fen are exact below 2**53 fen (90 billion yuan).
    total = np.bincount(row[where], weights=amounts[where], minlength=size)
    return total.astype(np.int64)
