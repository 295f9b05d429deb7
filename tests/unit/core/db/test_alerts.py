"""Alerts when a file opens (birthday today, an important note), shown once per staff
member per day, not every time: the anchors' feedback about pop-up fatigue."""

from __future__ import annotations

import datetime as dt

import pytest

from clinicdesk.core.db.alerts import Alert, mark_shown, pending_alerts
from clinicdesk.core.db.clinic import add_staff
from clinicdesk.core.db.patients import add_patient

DAY = dt.date(2026, 11, 25)


@pytest.fixture
def staff(db):
    return add_staff(db, "张敏", "reception"), add_staff(db, "李娜", "consultant")


def _kinds(db, patient_id, staff_id, day=DAY):
    return [a.kind for a in pending_alerts(db, patient_id, staff_id, day)]


def test_a_birthday_today_is_an_alert_with_the_age_turned(db, staff):
    pid = add_patient(db, name="王丽玲", birth_date="1990-11-25")
    assert pending_alerts(db, pid, staff[0], DAY) == [Alert("birthday", None, 36)]


def test_an_important_note_is_an_alert_with_its_text(db, staff):
    pid = add_patient(db, name="王丽玲", important_note="对青霉素过敏")
    assert pending_alerts(db, pid, staff[0], DAY) == [Alert("important_note", "对青霉素过敏", None)]


def test_once_shown_an_alert_waits_for_the_next_day(db, staff):
    pid = add_patient(db, name="王丽玲", important_note="对青霉素过敏")
    mark_shown(db, pid, staff[0], pending_alerts(db, pid, staff[0], DAY), DAY)
    assert _kinds(db, pid, staff[0]) == []
    assert _kinds(db, pid, staff[0], DAY + dt.timedelta(days=1)) == ["important_note"]


def test_another_staff_member_sees_it_too(db, staff):
    pid = add_patient(db, name="王丽玲", birth_date="1990-11-25")
    mark_shown(db, pid, staff[0], pending_alerts(db, pid, staff[0], DAY), DAY)
    assert _kinds(db, pid, staff[1]) == ["birthday"]


def test_with_no_staff_chosen_this_pc_counts_as_one_viewer(db):
    pid = add_patient(db, name="王丽玲", important_note="对青霉素过敏")
    mark_shown(db, pid, None, pending_alerts(db, pid, None, DAY), DAY)
    mark_shown(db, pid, None, pending_alerts(db, pid, None, DAY), DAY)  # harmless twice
    assert _kinds(db, pid, None) == []


def test_each_alert_is_kept_apart(db, staff):
    pid = add_patient(db, name="王丽玲", birth_date="1990-11-25", important_note="对青霉素过敏")
    birthday = pending_alerts(db, pid, staff[0], DAY)[:1]
    mark_shown(db, pid, staff[0], birthday, DAY)
    assert _kinds(db, pid, staff[0]) == ["important_note"]


def test_a_29_february_birthday_is_on_28_february_in_other_years(db, staff):
    pid = add_patient(db, name="王丽玲", birth_date="1996-02-29")
    assert pending_alerts(db, pid, staff[0], dt.date(2027, 2, 28)) == [Alert("birthday", None, 31)]
    assert _kinds(db, pid, staff[0], dt.date(2028, 2, 28)) == []
    assert _kinds(db, pid, staff[0], dt.date(2028, 2, 29)) == ["birthday"]


def test_no_birthday_today_and_no_note_is_no_alert(db, staff):
    pid = add_patient(db, name="王丽玲", birth_date="1990-11-26", important_note="  ")
    assert _kinds(db, pid, staff[0]) == []
