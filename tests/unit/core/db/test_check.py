"""Only a sound ClinicDesk clinic file may replace a clinic: every other file is refused
with the reason, and nothing is written beside it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from clinicdesk.core.backup import backup
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.check import check_clinic_file
from clinicdesk.core.db.clinic import set_setting
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.errors import KnownError


@pytest.fixture
def saved(clinic_path, tmp_path) -> Path:
    """A backup of a clinic named 悦颜 with two patients, one with a marked source."""
    db = open_clinic(clinic_path)
    set_setting(db, "clinic_name", "悦颜")
    add_patient(db, name="王小明", source="MARKER-SOURCE")
    add_patient(db, name="李娜")
    db.close()
    return backup(clinic_path, tmp_path / "backups")


def _refused(path: Path) -> str:
    with pytest.raises(KnownError) as info:
        check_clinic_file(path)
    assert str(path) in info.value.message("en")
    return info.value.key


def _sql(path: Path, *statements: str) -> None:
    with closing(sqlite3.connect(path)) as db:
        for sql in statements:
            db.execute(sql)
        db.commit()


def test_a_sound_backup_tells_its_clinic_patients_and_date(saved):
    facts = check_clinic_file(saved)
    assert (facts.clinic_name, facts.patients) == ("悦颜", 2)
    assert dt.datetime.now() - facts.made_at < dt.timedelta(minutes=1)
    assert facts.schema[0] == "0001_initial"
    assert "悦颜，2 位顾客" in facts.summary("zh_CN")


def test_checking_writes_nothing_beside_the_file(saved):
    before = sorted(p.name for p in saved.parent.iterdir())
    check_clinic_file(saved)
    assert sorted(p.name for p in saved.parent.iterdir()) == before


def test_an_empty_file_is_refused(tmp_path):
    empty = tmp_path / "clinic-20260101-000000.db"
    empty.write_bytes(b"")
    assert _refused(empty) == "check.empty"


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    letter = tmp_path / "letter.db"
    letter.write_text("尊敬的客户：感谢您的光临。" * 100, encoding="utf-8")
    assert _refused(letter) == "db.not_a_clinic_file"


def test_another_programs_sqlite_file_is_refused(tmp_path):
    other = tmp_path / "other.db"
    _sql(other, "CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)")
    assert _refused(other) == "check.foreign"


def test_an_empty_sqlite_database_is_refused(tmp_path):
    other = tmp_path / "blank.db"
    _sql(other, "PRAGMA user_version = 1")
    assert _refused(other) == "check.foreign"


def test_an_unfinished_copy_is_refused_by_its_name(saved):
    partial = saved.with_name(saved.name + ".4242.partial")
    partial.write_bytes(saved.read_bytes())
    assert _refused(partial) == "check.unfinished"


def test_a_clinic_file_missing_a_table_is_refused(saved):
    _sql(saved, "DROP TABLE contacts")
    assert _refused(saved) == "check.missing_tables"


def test_a_file_from_a_newer_clinicdesk_is_refused(saved):
    _sql(
        saved,
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('clinicdesk', '9999_from_the_future', '2030-01-01')",
    )
    assert _refused(saved) == "db.newer_schema"


def test_a_damaged_page_is_refused(saved):
    with closing(sqlite3.connect(saved)) as db:
        (page,) = db.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'patients'"
        ).fetchone()
    data = bytearray(saved.read_bytes())
    data[(page - 1) * 4096 + 100 : page * 4096] = b"\x00" * (4096 - 100)
    saved.write_bytes(bytes(data))
    assert _refused(saved) == "backup.unsound"


def test_one_changed_byte_in_a_text_is_refused_naming_where(saved):
    data = bytearray(saved.read_bytes())
    at = data.index(b"MARKER-SOURCE")
    data[at] = 0xCD  # "M" becomes the start of a two-byte character that never comes
    saved.write_bytes(bytes(data))
    with closing(sqlite3.connect(saved)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with pytest.raises(KnownError) as info:
        check_clinic_file(saved)
    assert info.value.key == "check.bad_text"
    assert info.value.params["table"] == "patients" and info.value.params["column"] == "source"


def test_progress_goes_from_zero_to_one(saved):
    seen: list[float] = []
    check_clinic_file(saved, progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
