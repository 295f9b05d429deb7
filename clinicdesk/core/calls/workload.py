"""Every reason weighed at once: when each opens, who is due today, the days ahead.

The rules of `plan` applied to some 150,000 reasons of a 100,000-patient clinic every
morning, as NumPy arrays indexed by patient id: a reason is a row of parallel arrays
(`pid`, `kind`, `due`, `opens`, `tries`), a patient's state an element of `CallStates`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sqlite_utils import Database

from clinicdesk.core.calls import reasons as find
from clinicdesk.core.calls.entry import Chosen
from clinicdesk.core.calls.priority import (
    AT_RISK_WEIGHT,
    NO_TIER_WEIGHT,
    STATUS_DAYS,
    TIER_WEIGHT,
    WAIT_CAP_DAYS,
    Priority,
    ValueAtRisk,
    risk_value,
    score,
    waiting_of,
)  # fmt: skip
from clinicdesk.core.calls.reasons import Batch
from clinicdesk.core.calls.rules import AS_CAPACITY_ALLOWS, MUST_CALL, REASONS, CallRules
from clinicdesk.core.calls.state import (
    TIERS,
    CallStates,
    ContactRows,
    load_states,
    read_contacts,
    tier_codes,
    window_start,
)
from clinicdesk.core.db.tier_override import with_fixed_tiers
from clinicdesk.core.segmentation.engine import SegmentationResult
from clinicdesk.core.segmentation.lapse import STATUSES

FORECAST_DAYS = 14
_MUST = np.array([r in MUST_CALL for r in REASONS])
_REACTIVATION = REASONS.index("reactivation")
_NOT_WHEN_BOOKED = np.array([r in AS_CAPACITY_ALLOWS or r == "no_show" for r in REASONS])


@dataclass(frozen=True, slots=True)
class ForecastDay:
    """One working day ahead: what comes due, what is carried over, what fits.

    Attributes:
        must_call: patients with a must-call reason due that day.
        newly_due: patients not due before who come due for the capacity lists.
        backlog: due patients carried into the day if every list is worked as planned.
    """

    day: dt.date
    must_call: int
    newly_due: int
    backlog: int
    capacity: int

    @property
    def due(self) -> int:
        """All the calls due that day."""
        return self.must_call + self.newly_due + self.backlog


class Workload:
    """Every reason found once, each patient's open reasons, today and the days ahead.

    Reasons are rows of parallel arrays: `pid` (patient), `kind` (index in `REASONS`),
    `due` and `opens` (the day it is open from; 0: handled or given up), `tries`. With
    `value_at_risk`, reactivation takes its value from it (`priority`). `contacts`: the
    contact rows when read already (`contacts_for`). `check`: a task's cancel check,
    called between the reads.
    """

    def __init__(
        self,
        db: Database,
        today: dt.date,
        rules: CallRules,
        result: SegmentationResult,
        value_at_risk: ValueAtRisk | None = None,
        contacts: ContactRows | None = None,
        check: Callable[[], None] = lambda: None,
    ) -> None:
        self.rules, self.t = rules, today.toordinal()
        self.days = np.array(
            [d.toordinal() for d in rules.working_days_after(today, FORECAST_DAYS)]
        )
        size = int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM patients").fetchone()[0])
        computed = dict(result.tiers.rows.mapping("tier").items())  # columns, no rows built
        self.tiers = with_fixed_tiers(db, computed, today)
        self.tier = tier_codes(size, self.tiers)
        self.status, self.at_risk = _lapse_arrays(size, result)
        self.risk_fen, self.risk_points = _risk_arrays(size, value_at_risk)
        since = window_start(today, rules, WAIT_CAP_DAYS)
        check()
        self.states = load_states(db, since, rules, self.tier, size, contacts)
        check()
        self.batches = _find_all(
            db, self.t, int(self.days[-1]), since.toordinal(), rules, result, self.states, self.tier
        )
        self.pid = np.concatenate([b.patient_ids for b in self.batches])
        self.kind = np.concatenate(
            [np.full(len(b.due), REASONS.index(b.reason)) for b in self.batches]
        )
        self.due = np.concatenate([b.due for b in self.batches])
        check()
        self.blocked = _flags(size, db, _BLOCKED)
        self.booked = _flags(size, db, _BOOKED, today.isoformat())
        self.claimed = _flags(size, db, _CLAIMED, today.isoformat())
        self.opens, self.tries = self._open()

    def _open(self) -> tuple[np.ndarray, np.ndarray]:
        """The day each reason is open from (0: handled or given up) and its unanswered
        calls in a row."""
        s, pid, due, rules = self.states, self.pid, self.due, self.rules
        must = _MUST[self.kind]
        tries = (s.unanswered[pid] >= due[:, None]).sum(axis=1)  # none: 0, never >= a day
        given_up = tries >= rules.max_unanswered
        cadence = np.array([rules.cadence(t) for t in TIERS])[self.tier[pid]]
        # Capacity reasons: back a cadence after giving up, and never before the next date.
        later = np.where(given_up, s.unanswered[pid, 0] + cadence, due)
        capacity = np.maximum(later, s.back_on[pid])
        # Must-call reasons: settled by a call that reached the patient since they were
        # due; after an unanswered call since, open again on its next date.
        retry = (due <= s.last_day[pid]) & (s.back_on[pid] > 0)
        called = np.where(retry, np.maximum(due, s.back_on[pid]), due)
        handled = given_up | (s.last_reached[pid] >= due)
        opens = np.where(must, np.where(handled, 0, called), capacity)
        opens[self.blocked[pid] | (self.booked[pid] & _NOT_WHEN_BOOKED[self.kind])] = 0
        return opens, np.where(must | ~given_up, tries, 0)

    def split(self, capacity: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Today's patients: (must-call, the others fitting the capacity by priority, the
        others waiting: the backlog), as arrays of patient ids."""
        now = self._today_mask()
        size = len(self.tier)
        listed = np.zeros(size, dtype=bool)
        listed[self.pid[now]] = True
        must = np.zeros(size, dtype=bool)
        must[self.pid[now & _MUST[self.kind]]] = True
        ids = np.flatnonzero(listed)
        parts = self._parts()
        score = parts[3][ids]
        first_must = ids[must[ids]]
        others = ids[~must[ids]]
        risk = parts[4][others]
        order = np.lexsort(
            (
                others,
                _TIER_RANK[self.tier[others]],
                -np.nan_to_num(risk, nan=0.0),
                -score[~must[ids]],
                ~self.claimed[others],
            )
        )
        return first_must, others[order[:capacity]], others[order[capacity:]]

    def _today_mask(self) -> np.ndarray:
        called_today = self.states.last_day >= self.t - self.rules.contacted_within_days
        return (self.opens > 0) & (self.opens <= self.t) & ~called_today[self.pid]

    def scores(self) -> np.ndarray:
        """Each patient's priority score today (see `priority`), indexed by patient id."""
        return self._parts()[3]

    def _parts(self) -> tuple[np.ndarray, ...]:
        """Each patient's priority today: value, urgency, waiting, score (`priority`) and
        the value at risk the value was taken from (NaN: the tier's value)."""
        now = self._today_mask()
        first = np.full(len(self.tier), self.t, dtype=np.int64)
        np.minimum.at(first, self.pid[now], self.opens[now])
        used = np.zeros(len(self.tier), dtype=bool)
        used[self.pid[now & (self.kind == _REACTIVATION)]] = True
        used &= self.risk_points > 0
        value = np.where(
            used, self.risk_points, _TIER_WEIGHTS[self.tier] + AT_RISK_WEIGHT * self.at_risk
        )
        urgency = _STATUS_DAYS[self.status]
        waiting = waiting_of(self.t - first)
        risk = np.where(used, self.risk_fen, np.nan)
        return value, urgency, waiting, score(value, urgency, waiting), risk

    def chosen(self, ids: np.ndarray) -> list[Chosen]:
        """The chosen patients with their reasons open today, said, in the given order."""
        now = self._today_mask() & np.isin(self.pid, ids)
        value, urgency, waiting, _score, risk = self._parts()
        tries = np.zeros(len(self.tier), dtype=np.int64)
        np.maximum.at(tries, self.pid[now], self.tries[now])
        whys: dict[int, list[find.Why]] = {int(p): [] for p in ids}
        starts = np.cumsum([0] + [len(b.due) for b in self.batches])
        rows = np.flatnonzero(now)
        batches = np.searchsorted(starts, rows, side="right") - 1
        at = (rows - starts[batches]).tolist()
        for pid, batch, i in zip(self.pid[rows].tolist(), batches.tolist(), at, strict=True):
            whys[pid].append(self.batches[batch].why(i))
        last = self.states.last_day
        return [
            Chosen(
                int(p),
                tuple(whys[int(p)]),
                Priority(int(value[p]), int(urgency[p]), int(waiting[p])),
                int(tries[p]),
                int(last[p]) or None,
                _fen(risk[p]),
            )
            for p in ids
        ]

    def forecast(self, capacity: int, backlog: int) -> tuple[ForecastDay, ...]:
        """The next working days: who comes due on each (a patient on the day their first
        reason opens; patients due today already counted in the backlog), and the backlog
        carried if every list is worked as planned (the capacity's calls off it a day)."""
        ahead = (self.opens > self.t) & (self.opens <= self.days[-1])
        listed = np.zeros(len(self.tier), dtype=bool)
        listed[self.pid[self._today_mask()]] = True
        must = _MUST[self.kind]
        must_days = self._first_days(ahead & must)
        new_days = self._first_days(ahead & ~must & ~listed[self.pid])
        out = []
        for day, n_must, n_new in zip(self.days, must_days, new_days, strict=True):
            out.append(
                ForecastDay(
                    dt.date.fromordinal(int(day)), int(n_must), int(n_new), backlog, capacity
                )
            )
            backlog = max(backlog + int(n_new) - capacity, 0)
        return tuple(out)

    def _first_days(self, rows: np.ndarray) -> np.ndarray:
        """Per forecast day, the patients whose first of `rows` opens on it (a day off
        counts on the next working day)."""
        first = np.full(len(self.tier), np.iinfo(np.int64).max)
        np.minimum.at(first, self.pid[rows], self.opens[rows])
        firsts = first[first <= self.days[-1]]
        return np.bincount(np.searchsorted(self.days, firsts), minlength=len(self.days))


def contacts_for(conn: sqlite3.Connection, today: dt.date, rules: CallRules) -> ContactRows:
    """The contact rows today's workload reads (on any thread's connection: another
    reader may read them beside the engine, in the same snapshot)."""
    return read_contacts(conn, window_start(today, rules, WAIT_CAP_DAYS))


_TIER_RANK = np.array([0, 1, 2, 3])
_TIER_WEIGHTS = np.array([TIER_WEIGHT.get(t or "", NO_TIER_WEIGHT) for t in TIERS])
_STATUS_DAYS = np.array([STATUS_DAYS.get(s, 0) for s in (*STATUSES, "")])


def _lapse_arrays(size: int, result: SegmentationResult) -> tuple[np.ndarray, np.ndarray]:
    """Each patient's lapse status code (`STATUSES`; none: the last code) and whether
    they are revenue at risk (former A/B now overdue or lapsed)."""
    lapse = result.lapse
    status = np.full(size, len(STATUSES), dtype=np.int64)
    at_risk = np.zeros(size, dtype=np.int64)
    status[lapse.column("patient_id")] = lapse.codes_of("status", STATUSES)
    at_risk[lapse.column("patient_id")] = lapse.column("alarm")
    return status, at_risk


def _risk_arrays(size: int, at_risk: ValueAtRisk | None) -> tuple[np.ndarray, np.ndarray]:
    """Each patient's value at risk (fen; NaN: none) and its value points (0: none)."""
    fen = np.full(size, np.nan)
    points = np.zeros(size, dtype=np.int64)
    if at_risk is None:
        return fen, points
    known = np.isfinite(at_risk.fen)
    ids, values = at_risk.ids[known], at_risk.fen[known]
    here = ids < size
    fen[ids[here]] = values[here]
    points[ids[here]] = risk_value(values[here], np.sort(values))
    return fen, points


def _fen(value: float) -> int | None:
    """A value at risk as whole fen, or None for NaN."""
    return None if np.isnan(value) else int(round(value))


# On no list: do not call, archived or merged, no phone.
_BLOCKED = (
    "SELECT id FROM patients WHERE do_not_call = 1 OR archived = 1 OR merged_into IS NOT NULL"
    " OR coalesce(mobile, mobile2) IS NULL"
)
# An open appointment from today on.
_BOOKED = (
    "SELECT patient_id FROM appointments WHERE starts_at >= ? AND status IN ('booked', 'confirmed')"
)
_CLAIMED = "SELECT patient_id FROM call_claims WHERE day = ?"


def _flags(size: int, db: Database, sql: str, *params: object) -> np.ndarray:
    """A flag per patient id: set for the ids `sql` returns."""
    flags = np.zeros(size, dtype=bool)
    ids = [r[0] for r in db.execute(sql, list(params))]
    flags[np.asarray(ids, dtype=np.int64)] = True
    return flags


def _find_all(
    db: Database,
    today: int,
    until: int,
    since: int,
    rules: CallRules,
    result: SegmentationResult,
    states: CallStates,
    tiers: np.ndarray,
) -> list[Batch]:
    return [
        find.callbacks(db, today, until),
        find.confirmations(db, today, until, rules),
        find.no_shows(db, today),
        find.follow_ups(db, today, until, rules),
        find.care(db, today, until, rules),
        find.thanks(db, today, rules),
        *find.recalls(db, today, until, rules),
        find.reactivation(result, today, until),
        find.cadence(tiers, states, since, until, rules),
    ]
