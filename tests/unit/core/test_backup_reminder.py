"""The backup reminder counts from the file's creation, and only once it holds data: a
file made a minute ago is not "30 days without a backup elsewhere"."""

from __future__ import annotations

import datetime as dt

from clinicdesk.core.backup import offsite_reminder_days
from clinicdesk.core.db.clinic import holds_data_since
from clinicdesk.core.db.patients import add_patient

TODAY = dt.date(2026, 12, 1)


def test_an_empty_clinic_is_never_reminded():
    assert offsite_reminder_days(None, None, TODAY) is None


def test_the_count_starts_when_the_file_first_holds_data():
    since = dt.date(2026, 11, 20)
    assert offsite_reminder_days(None, since, TODAY) is None
    assert offsite_reminder_days(None, since, dt.date(2026, 12, 20)) == 30


def test_a_backup_elsewhere_starts_the_count_again():
    since, last = dt.date(2025, 1, 1), dt.date(2026, 11, 25)
    assert offsite_reminder_days(last, since, TODAY) is None
    assert offsite_reminder_days(last, since, dt.date(2026, 12, 26)) == 31


def test_a_new_file_holds_no_data(db):
    assert holds_data_since(db) is None


def test_a_file_holds_data_from_its_first_patient(db):
    add_patient(db, name="王丽玲")
    assert holds_data_since(db) == dt.date.today()


def test_history_imported_today_counts_from_today_not_from_its_old_dates(db):
    db.execute(
        "INSERT INTO patients (name, created_at, updated_at)"
        " VALUES ('王丽玲', '2019-12-03T09:30:00', '2019-12-03T09:30:00')"
    )
    assert holds_data_since(db) == dt.date.today()  # the file itself was made today
