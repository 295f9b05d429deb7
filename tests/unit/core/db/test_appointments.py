"""Appointments: booked with a date and time, moved, confirmed, cancelled, attended or not."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from clinicdesk.core.db.appointments import (
    appointments_of,
    book,
    get_appointment,
    may_become,
    move,
    set_status,
    split_upcoming,
)
from clinicdesk.core.db.audit import entries_for
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.errors import InvalidValue

T = "2024-01-02T09:00:00"


@pytest.fixture
def wang(db) -> int:
    return add_patient(db, name="王小明", mobile="13800138000")


def test_a_booking_has_a_time_an_item_and_starts_as_booked(db, wang):
    aid = book(db, wang, starts_at="2026-12-03 14:30", item="洁牙", note="怕疼")
    got = get_appointment(db, aid)
    assert (got.starts_at, got.item, got.status, got.note) == (
        "2026-12-03T14:30", "洁牙", "booked", "怕疼")  # fmt: skip


@pytest.mark.parametrize("raw", ["2026-02-30 10:00", "明天下午", "2026-12-03 25:00"])
def test_a_time_that_is_not_real_is_refused_and_nothing_written(db, wang, raw):
    with pytest.raises(InvalidValue) as info:
        book(db, wang, starts_at=raw, item="洁牙")
    said = info.value.message("zh_CN")
    assert said == f"预约时间：“{raw}”不是有效的日期时间（应为 YYYY-MM-DD HH:MM）。"
    assert appointments_of(db, wang) == []


@pytest.mark.parametrize(("field", "values"), [("starts_at", {"starts_at": " "}),
                                               ("item", {"item": ""})])  # fmt: skip
def test_time_and_item_are_required(db, wang, field, values):
    with pytest.raises(InvalidValue) as info:
        book(db, wang, **{"starts_at": "2026-12-03 14:30", "item": "洁牙", **values})
    assert info.value.params["field"] == field


def test_the_file_itself_refuses_a_bad_time_or_status(db, wang):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO appointments (patient_id, starts_at, item, created_at, updated_at)"
                   " VALUES (?, '2026-12-03 14:30', '洁牙', ?, ?)", [wang, T, T])  # fmt: skip
    aid = book(db, wang, starts_at="2026-12-03 14:30", item="洁牙")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE appointments SET status = 'maybe' WHERE id = ?", [aid])


def test_moving_a_confirmed_appointment_asks_for_a_new_confirmation(db, wang):
    aid = book(db, wang, starts_at="2026-12-03 14:30", item="洁牙")
    set_status(db, aid, "confirmed")
    move(db, aid, "2026-12-05 10:00")
    got = get_appointment(db, aid)
    assert (got.starts_at, got.status) == ("2026-12-05T10:00", "booked")


@pytest.mark.parametrize("status", ["cancelled", "attended", "no_show"])
def test_a_closed_appointment_cannot_be_moved(db, wang, status):
    aid = book(db, wang, starts_at="2026-12-03 14:30", item="洁牙")
    set_status(db, aid, status)
    with pytest.raises(InvalidValue) as info:
        move(db, aid, "2026-12-05 10:00")
    assert "2026-12-03 14:30" in info.value.message("zh_CN")
    assert get_appointment(db, aid).starts_at == "2026-12-03T14:30"


@pytest.mark.parametrize(("first", "then", "allowed"), [
    ("cancelled", "booked", False), ("cancelled", "attended", False),
    ("attended", "no_show", True), ("no_show", "attended", True),
    ("attended", "cancelled", False), ("confirmed", "cancelled", True),
])  # fmt: skip
def test_what_may_follow_what(db, wang, first, then, allowed):
    aid = book(db, wang, starts_at="2026-12-03 14:30", item="洁牙")
    set_status(db, aid, first)
    assert may_become(first, then) is allowed  # what the patient file's buttons offer
    if allowed:
        set_status(db, aid, then)
        assert get_appointment(db, aid).status == then
    else:
        with pytest.raises(InvalidValue):
            set_status(db, aid, then)
        assert get_appointment(db, aid).status == first


def test_every_change_is_audited(db, wang):
    aid = book(db, wang, starts_at="2026-12-03 14:30", item="洁牙", staff_id=None)
    move(db, aid, "2026-12-04 09:00")
    set_status(db, aid, "attended")
    assert [e["action"] for e in entries_for(db, "appointment", aid)] == ["book", "move", "status"]
    assert entries_for(db, "appointment", aid)[2]["details"] == {"from": "booked",
                                                                 "to": "attended"}  # fmt: skip


def test_the_patient_file_splits_upcoming_from_past(db, wang):
    past = book(db, wang, starts_at="2026-11-20 10:00", item="补牙")
    set_status(db, past, "attended")
    later = book(db, wang, starts_at="2026-12-10 10:00", item="洁牙")
    soon = book(db, wang, starts_at="2026-12-01 16:00", item="复查")
    gone = book(db, wang, starts_at="2026-12-02 10:00", item="美白")
    set_status(db, gone, "cancelled")
    upcoming, rest = split_upcoming(appointments_of(db, wang), dt.date(2026, 12, 1))
    assert [a.id for a in upcoming] == [soon, later]
    assert [a.id for a in rest] == [gone, past]


def test_an_unknown_appointment_is_named(db):
    with pytest.raises(InvalidValue) as info:
        set_status(db, 99, "confirmed")
    assert info.value.message("en") == "There is no appointment with id 99."
