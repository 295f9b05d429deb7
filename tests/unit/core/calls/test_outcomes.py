"""Logging an outcome: who called, the booking it makes, what it confirms; and undo."""

from __future__ import annotations

import datetime as dt

import pytest

from clinicdesk.core.calls import (
    Booking,
    CallRules,
    build_call_list,
    log_outcome,
    undo_call,
    undoable_calls,
)
from clinicdesk.core.db.appointments import appointments_of, book, get_appointment
from clinicdesk.core.db.audit import entries_for
from clinicdesk.core.db.clinic import add_staff
from clinicdesk.core.db.patients import add_patient, get_patient
from clinicdesk.core.db.records import add_care_date, add_charge, care_dates_of, log_contact
from clinicdesk.core.errors import InvalidValue, KnownError
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation

TODAY = dt.date(2026, 11, 25)
RULES = CallRules()


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def entry_of(db, pid, today=TODAY):
    result = run_segmentation(db, EngineParams(TierParams.last_twelve_months(today)))
    return next((e for e in build_call_list(db, today, RULES, result) if e.patient_id == pid), None)


@pytest.fixture
def caller(db) -> int:
    return add_staff(db, "李娜")


@pytest.fixture
def wang(db) -> int:
    pid = add_patient(db, name="王小明", mobile="13800138000")
    add_charge(db, pid, date=day(-185).isoformat(), item="洁牙", amount_fen=29800)
    return pid


def _log(db, pid, outcome, caller, **kwargs) -> int:
    return log_outcome(db, entry_of(db, pid), outcome, RULES, today=TODAY, caller_id=caller,
                       at=dt.time(10, 0), **kwargs)  # fmt: skip


def test_the_caller_is_recorded_on_the_contact(db, wang, caller):
    contact = _log(db, wang, "reached", caller)
    row = db.execute("SELECT staff_id, reason FROM contacts WHERE id = ?", [contact]).fetchone()
    assert row == (caller, "recall")


def test_a_booked_call_books_the_appointment_in_the_same_transaction(db, wang, caller):
    contact = _log(db, wang, "booked", caller, booking=Booking("2026-12-02 15:00", "洁牙"))
    [appointment] = appointments_of(db, wang)
    assert (appointment.starts_at, appointment.item, appointment.status) == (
        "2026-12-02T15:00", "洁牙", "booked")  # fmt: skip
    assert appointment.contact_id == contact


def test_a_booking_with_a_time_that_is_not_real_writes_nothing(db, wang, caller):
    with pytest.raises(InvalidValue) as info:
        _log(db, wang, "booked", caller, booking=Booking("2026-12-32 15:00", "洁牙"))
    assert info.value.params["field"] == "starts_at"
    assert db.execute("SELECT count(*) FROM contacts").fetchone() == (0,)


def test_a_booked_call_without_an_appointment_is_refused_and_nothing_written(db, wang, caller):
    with pytest.raises(InvalidValue) as info:
        _log(db, wang, "booked", caller)
    assert info.value.params["field"] == "booking"
    assert db.execute("SELECT count(*) FROM contacts").fetchone() == (0,)


def test_only_a_booked_call_makes_an_appointment(db, wang, caller):
    with pytest.raises(InvalidValue):
        _log(db, wang, "reached", caller, booking=Booking("2026-12-02 15:00", "洁牙"))
    assert appointments_of(db, wang) == []


def test_a_confirmation_call_that_reached_the_patient_confirms_the_appointment(db, wang, caller):
    aid = book(db, wang, starts_at=f"{day(1)} 09:30", item="洁牙")
    _log(db, wang, "reached", caller)
    assert get_appointment(db, aid).status == "confirmed"


def test_an_unanswered_confirmation_call_confirms_nothing(db, wang, caller):
    aid = book(db, wang, starts_at=f"{day(1)} 09:30", item="洁牙")
    _log(db, wang, "no_answer", caller)
    assert get_appointment(db, aid).status == "booked"


def test_an_answered_follow_up_call_marks_the_follow_up_done(db, wang, caller):
    add_care_date(db, wang, kind="follow_up", date=TODAY.isoformat(), title="术后第7天回访")
    _log(db, wang, "reached", caller)
    assert care_dates_of(db, wang)[0].done_at is not None


def test_an_unanswered_follow_up_call_leaves_it_to_do(db, wang, caller):
    add_care_date(db, wang, kind="follow_up", date=TODAY.isoformat(), title="术后第7天回访")
    _log(db, wang, "no_answer", caller)
    assert care_dates_of(db, wang)[0].done_at is None


# Undo


def test_undo_takes_the_call_and_its_booking_away_and_the_patient_returns(db, wang, caller):
    contact = _log(db, wang, "booked", caller, booking=Booking("2026-12-02 15:00", "洁牙"))
    assert entry_of(db, wang) is None
    undo_call(db, contact, today=TODAY, caller_id=caller)
    assert db.execute("SELECT count(*) FROM contacts").fetchone() == (0,)
    assert appointments_of(db, wang) == []
    assert entry_of(db, wang).reason == "recall"


def test_undo_of_do_not_call_clears_the_flag_it_set(db, wang, caller):
    contact = _log(db, wang, "do_not_call", caller)
    assert get_patient(db, wang).do_not_call == 1
    undo_call(db, contact, today=TODAY, caller_id=caller)
    assert get_patient(db, wang).do_not_call == 0


def test_undo_puts_back_the_confirmation_and_the_follow_up(db, wang, caller):
    aid = book(db, wang, starts_at=f"{day(1)} 09:30", item="洁牙")
    add_care_date(db, wang, kind="follow_up", date=TODAY.isoformat(), title="术后第7天回访")
    contact = _log(db, wang, "reached", caller)
    undo_call(db, contact, today=TODAY, caller_id=caller)
    assert get_appointment(db, aid).status == "booked"
    assert care_dates_of(db, wang)[0].done_at is None


def test_undo_is_audited_with_what_was_taken_away(db, wang, caller):
    contact = _log(db, wang, "booked", caller, booking=Booking("2026-12-02 15:00", "洁牙"),
                   note="周三下午")  # fmt: skip
    undo_call(db, contact, today=TODAY, caller_id=caller)
    done = [e for e in entries_for(db, "patient", wang) if e["action"] == "call_undone"]
    assert len(done) == 1 and done[0]["staff_id"] == caller
    assert done[0]["details"]["contact"]["note"] == "周三下午"
    assert done[0]["details"]["effects"]["booked"] is not None


def test_only_todays_calls_can_be_undone(db, wang, caller):
    contact = _log(db, wang, "reached", caller)
    with pytest.raises(KnownError) as info:
        undo_call(db, contact, today=day(1), caller_id=caller)
    assert info.value.message("zh_CN") == "只能撤销今天的回访记录（这条是 2026-11-25 的）。"
    assert db.execute("SELECT count(*) FROM contacts").fetchone() == (1,)


def test_a_contact_not_logged_from_the_call_list_cannot_be_undone_here(db, wang, caller):
    contact = log_contact(db, wang, outcome="reached", contacted_at=f"{TODAY}T09:00:00")
    with pytest.raises(KnownError):
        undo_call(db, contact, today=TODAY, caller_id=caller)


def test_the_calls_to_undo_are_todays_of_the_caller_the_last_first(db, wang, caller):
    other = add_staff(db, "张敏")
    zhao = add_patient(db, name="赵敏", mobile="13800138001")
    add_charge(db, zhao, date=day(-185).isoformat(), item="洁牙", amount_fen=19800)
    first = _log(db, wang, "no_answer", caller)
    log_outcome(db, entry_of(db, zhao), "reached", RULES, today=TODAY, caller_id=other,
                at=dt.time(11, 0))  # fmt: skip
    assert [c.contact_id for c in undoable_calls(db, TODAY, caller)] == [first]
    assert [c.name for c in undoable_calls(db, TODAY)] == ["赵敏", "王小明"]


def test_logging_and_undoing_read_the_patients_rows_only(db, wang, caller):
    # Without statistics SQLite chose the (kind, date) index for the patient's follow-ups:
    # every follow-up to date read, about a second a call at 100,000 patients.
    add_care_date(db, wang, kind="follow_up", date=TODAY.isoformat(), title="术后第7天回访")
    book(db, wang, starts_at=f"{day(1)} 09:30", item="洁牙")
    entry = entry_of(db, wang)
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        contact = log_outcome(db, entry, "reached", RULES, today=TODAY, caller_id=caller)
        undo_call(db, contact, today=TODAY, caller_id=caller)
    finally:
        db.conn.set_trace_callback(None)
    steps = [row[3] for sql in statements
             if sql.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE"))
             for row in db.execute("EXPLAIN QUERY PLAN " + sql)]  # fmt: skip
    on_tables = [s for s in steps if s.startswith(("SCAN", "SEARCH")) and "json_each" not in s]
    assert on_tables and not [s for s in on_tables if s.startswith("SCAN")]
    assert not [s for s in on_tables if "idx_care_dates_kind_date" in s]
