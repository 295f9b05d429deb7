"""Where each patient stands with the calls: the last one, the retries, when back on.

One grouped query over the recent contact log (the covering index by patient and time)
gives, per patient: the day of the last call, when the capacity lists may have them back
(the next date of the last call, agreed or suggested by the rules), the last call that
reached them, and the unanswered calls since. A patient's calls are ordered by time, and
calls logged at the same second by their id (the later logged counts as the later call),
in every query. Older calls do not change today's list: a patient last reached before the
window has waited the longest anyone counts. Each query's rows come back packed, a
comma-separated string per column (`_columns`): a row per call would hand the GIL to the
reading thread some 100,000 times at 100,000 patients, each a wait beside a busy window.

The states are arrays indexed by patient id (days as date ordinals, 0 for none), so that
the planner applies its rules to every reason at once.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from sqlite_utils import Database

from clinicdesk.core.calls.rules import CallRules
from clinicdesk.core.db.records import OUTCOMES
from clinicdesk.core.segmentation.reading import numbers

TIERS = ("A", "B", "C", None)  # tier codes 0-3 (3: no tier)
# SQL for the date ordinal of a date or timestamp column (as date.toordinal()).
DAY = "CAST(julianday({}) - 1721424.5 AS INTEGER)"
# SQL text ordering the calls as (contacted_at, id): the time, then a character below any
# in a time, then the id in 13 digits (ids below 9e12).
LATEST = "contacted_at || char(1) || (1000000000000 + id)"


@dataclass(frozen=True)
class CallStates:
    """Every patient's calls in the window, indexed by patient id (0: none).

    Attributes:
        last_day: the day of the last call, answered or not.
        back_on: the day the capacity lists may have the patient back.
        last_reached: the day of the last call that was not unanswered.
        unanswered: the days of the unanswered calls since then, the newest first (as
            many as the rules' limit counts; 0 for none).
    """

    last_day: np.ndarray
    back_on: np.ndarray
    last_reached: np.ndarray
    unanswered: np.ndarray


def window_start(today: dt.date, rules: CallRules, wait_cap_days: int) -> dt.date:
    """The first day whose calls count: the longest cadence plus the longest wait counted
    before it, so that every date that can change today's order is read."""
    return today - dt.timedelta(days=max(rules.cadence_days.values(), default=180) + wait_cap_days)


def tier_codes(size: int, tiers: Mapping[int, str]) -> np.ndarray:
    """Each patient's tier code (`TIERS`), indexed by patient id."""
    codes = np.full(size, 3, dtype=np.int8)
    if tiers:
        ids = np.fromiter(tiers, dtype=np.int64, count=len(tiers))
        codes[ids] = [TIERS.index(t) if t in TIERS else 3 for t in tiers.values()]
    return codes


class ContactRows(NamedTuple):
    """The contact log's rows the states come from (`read_contacts`).

    Attributes:
        last: per patient called in the window, the last call: patient id, outcome code
            (`OUTCOMES`), day and next date (0: none), as columns.
        streaks: the calls in the window of the patients whose last call went
            unanswered: patient id, day, whether unanswered; by patient, newest first
            (of calls at the same time, the one logged later first).
    """

    last: np.ndarray
    streaks: np.ndarray


def read_contacts(conn: sqlite3.Connection, since: dt.date) -> ContactRows:
    """The contact rows since `since` that `load_states` needs (any thread's connection)."""
    outcome_code = " ".join(f"WHEN '{o}' THEN {n}" for n, o in enumerate(OUTCOMES))
    # With a single max(), SQLite takes the other columns from the row holding it: the
    # latest call, of those at the same time the one logged last (`LATEST`). Its column
    # is read too, so that no optimisation can leave it out as unused.
    last = _columns(
        conn,
        f"SELECT patient_id p, CASE outcome {outcome_code} END o, {DAY.format('contacted_at')} d,"
        f" coalesce({DAY.format('next_contact')}, 0) n, length(max({LATEST})) k"
        " FROM contacts WHERE contacted_at >= ? GROUP BY patient_id",
        [since.isoformat()],
        "podnk",
    )[:4]
    unanswered = last[0][last[1] == OUTCOMES.index("no_answer")]
    streaks = _columns(
        conn,
        f"SELECT patient_id p, {DAY.format('contacted_at')} d, outcome = 'no_answer' u"
        " FROM contacts WHERE patient_id IN (SELECT value FROM json_each(?)) AND contacted_at >= ?"
        " ORDER BY patient_id, contacted_at DESC, id DESC",
        [json.dumps(unanswered.tolist()), since.isoformat()],
        "pdu",
    )
    return ContactRows(last, streaks)


def _columns(conn: sqlite3.Connection, sql: str, params: list[str], names: str) -> np.ndarray:
    """The integer columns `names` (one letter each) of `sql`'s rows, in its order, as an
    array of a row per column. SQLite packs each column into one comma-separated string
    (an aggregate reads an ordered subquery in its order), so that the reading thread
    takes the GIL back a few times rather than at every row: a busy window beside it
    waits less, and so does the reader."""
    packed = ", ".join(f"group_concat({n})" for n in names)
    row = conn.execute(f"SELECT {packed} FROM ({sql})", params).fetchone()
    return np.array([numbers(text) for text in row], dtype=np.int64).reshape(len(names), -1)


def load_states(
    db: Database,
    since: dt.date,
    rules: CallRules,
    tiers: np.ndarray,
    size: int,
    rows: ContactRows | None = None,
) -> CallStates:
    """The call states since `since` for patient ids below `size` (`tiers`: their tier
    codes, for the retry days of a call that set no next date), from `rows` when they
    were read already (in the same snapshot as the rest of the list)."""
    rows = read_contacts(db.conn, since) if rows is None else rows
    pid, outcome, last_day, back_on = rows.last
    suggested = np.array([[rules.next_contact_days(o, t) or 0 for t in TIERS] for o in OUTCOMES])
    days = suggested[outcome, tiers[pid]]
    back_on = np.where((back_on == 0) & (days > 0), last_day + days, back_on)
    reached = np.where(outcome == OUTCOMES.index("no_answer"), 0, last_day)
    states = CallStates(
        last_day=np.zeros(size, dtype=np.int64),
        back_on=np.zeros(size, dtype=np.int64),
        last_reached=np.zeros(size, dtype=np.int64),
        unanswered=np.zeros((size, max(rules.max_unanswered, 1)), dtype=np.int64),
    )
    states.last_day[pid], states.back_on[pid], states.last_reached[pid] = last_day, back_on, reached
    _streaks(rows.streaks, states)
    return states


def _streaks(rows: np.ndarray, states: CallStates) -> None:
    """Fill in, for patients whose last call went unanswered, the last call before that
    was not (none in the window: 0) and the unanswered ones since (`rows`: their calls,
    see `ContactRows`)."""
    pid, day, unanswered = rows
    # Each patient's calls newest first: their position in the patient's run, and where
    # the first call that was not unanswered comes (past the end when none did).
    first = np.flatnonzero(np.diff(pid, prepend=pid[:1] - 1))
    count = np.diff(first, append=len(pid))
    position = np.arange(len(pid)) - np.repeat(first, count)
    reached = np.where(unanswered == 0, position, len(pid))
    stop = np.repeat(np.minimum.reduceat(reached, first), count) if len(pid) else reached
    streak = (position < stop) & (position < states.unanswered.shape[1])
    states.unanswered[pid[streak], position[streak]] = day[streak]
    found = position == stop
    states.last_reached[pid[found]] = day[found]
