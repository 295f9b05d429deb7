"""A patient's last call is the one with the latest time, and of calls logged at the same
second the one logged later: the same call for the last outcome and the unanswered streak."""

from __future__ import annotations

from clinicdesk.core.db.records import log_contact
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
