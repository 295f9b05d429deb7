"""A patient's last call is the one with the latest time, and of calls logged at the same
second the one logged later: the same call for the last outcome and the unanswered streak.
The contact rows read packed are those a row-by-row reading gives."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinicdesk.core.calls.state import read_contacts
from clinicdesk.core.db import memory_clinic
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import OUTCOMES, log_contact
from tests.unit.core.calls.test_workload import TODAY, day, entry_of, recall_patient

AT = f"{TODAY}T10:00:00"


def two_calls_at_the_same_second(db, pid: int, first: str, then: str) -> None:
    for outcome in (first, then):
        log_contact(db, pid, outcome=outcome, contacted_at=AT)


def test_a_reached_call_logged_after_an_unanswered_one_at_the_same_second_is_the_last(db):
    pid = recall_patient(db, "复诊")  # tier A: retry in 3 days, cadence 30
    two_calls_at_the_same_second(db, pid, "no_answer", "reached")
    assert entry_of(db, pid, day(3)) is None
    assert entry_of(db, pid, day(30)).tries == 0


def test_an_unanswered_call_logged_after_a_reached_one_at_the_same_second_is_the_last(db):
    pid = recall_patient(db, "复诊")
    two_calls_at_the_same_second(db, pid, "reached", "no_answer")
    back = entry_of(db, pid, day(3))
    assert (back.tries, back.last_try) == (1, TODAY.isoformat())


def test_an_unanswered_streak_takes_calls_at_the_same_second_in_the_order_logged(db):
    pid = recall_patient(db, "复诊")
    two_calls_at_the_same_second(db, pid, "no_answer", "reached")  # reached: the later
    log_contact(db, pid, outcome="no_answer", contacted_at=f"{day(30)}T10:00:00")
    assert entry_of(db, pid, day(33)).tries == 1


# The packed read


@pytest.fixture(scope="module")
def clinic():
    db = memory_clinic()
    for n in range(3):
        add_patient(db, name=f"顾客{n}", mobile=f"1380000000{n}")
    yield db
    db.close()


def ordinal(text: str) -> int:
    return dt.date.fromisoformat(text[:10]).toordinal()


def row_by_row(db, since: dt.date) -> tuple[np.ndarray, np.ndarray]:
    """Each patient's last call and, when it went unanswered, their calls newest first,
    from the contact rows one by one."""
    calls = defaultdict(list)
    for pid, at, cid, outcome, next_contact in db.execute(
        "SELECT patient_id, contacted_at, id, outcome, next_contact FROM contacts"
        " WHERE contacted_at >= ?", [since.isoformat()]):  # fmt: skip
        calls[pid].append((at, cid, outcome, next_contact))
    last, streaks = [], []
    for pid in sorted(calls):
        mine = sorted(calls[pid], reverse=True)  # by (time, id), the latest first
        at, _, outcome, next_contact = mine[0]
        next_day = ordinal(next_contact) if next_contact else 0
        last.append((pid, OUTCOMES.index(outcome), ordinal(at), next_day))
        if outcome == "no_answer":
            streaks += [(pid, ordinal(c[0]), int(c[2] == "no_answer")) for c in mine]
    return np.array(last, np.int64).reshape(-1, 4).T, np.array(streaks, np.int64).reshape(-1, 3).T


CALLS = st.lists(
    st.tuples(
        st.integers(1, 3),  # patient
        st.integers(-2, 4),  # day (before the window: < 0)
        st.integers(0, 2),  # second: ties are common
        st.sampled_from(["no_answer", "no_answer", "reached", "declined", "booked"]),
        st.none() | st.integers(1, 30),  # next date, days after the call
    ),
    max_size=30,
)


@settings(max_examples=100, deadline=None)
@given(CALLS)
def test_the_packed_read_gives_what_a_row_by_row_reading_gives(clinic, calls):
    clinic.execute("DELETE FROM contacts")
    for pid, offset, second, outcome, after in calls:
        when = day(offset)
        clinic.execute(
            "INSERT INTO contacts (patient_id, contacted_at, outcome, next_contact, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [pid, f"{when}T10:00:0{second}", outcome,
             None if after is None else (when + dt.timedelta(days=after)).isoformat(), f"{when}"],
        )  # fmt: skip
    read = read_contacts(clinic.conn, TODAY)
    last, streaks = row_by_row(clinic, TODAY)
    assert np.array_equal(read.last, last) and np.array_equal(read.streaks, streaks)
