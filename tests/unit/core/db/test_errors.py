"""SQLite's environment errors become messages; bugs stay bugs. Each error is real."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.errors import known_error, sqlite_errors
from clinicdesk.core.errors import KnownError


def _busy(path: Path) -> None:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        sqlite3.connect(path, timeout=0.05).execute("CREATE TABLE t (x)")
    finally:
        holder.execute("ROLLBACK")


def _read_only(path: Path) -> None:
    sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True).execute("CREATE TABLE t (x)")


def _full(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA max_page_count = 30")
    db.execute("CREATE TABLE t (x)")
    db.executemany("INSERT INTO t VALUES (?)", [("x" * 1000,)] * 1000)


def _corrupt(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db:
        (page,) = db.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'patients'"
        ).fetchone()
    data = bytearray(path.read_bytes())
    data[(page - 1) * 4096 : page * 4096] = b"\xff" * 4096  # the patients table's root page
    path.write_bytes(bytes(data))
    sqlite3.connect(path).execute("SELECT * FROM patients NOT INDEXED").fetchall()


def _not_a_database(path: Path) -> None:
    path.write_bytes(b"this is a letter, not a database" * 200)
    sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()


def _cannot_open(path: Path) -> None:
    sqlite3.connect(path.parent / "gone" / "clinic.db")


@pytest.mark.parametrize(
    ("cause", "key"),
    [
        (_busy, "db.locked"),
        (_read_only, "db.readonly"),
        (_full, "db.full"),
        (_corrupt, "db.corrupt"),
        (_not_a_database, "db.not_a_clinic_file"),
        (_cannot_open, "db.cannot_open"),
    ],
)
def test_an_environment_error_is_a_message_naming_the_file(clinic_path, cause, key):
    with pytest.raises(KnownError) as info, sqlite_errors(clinic_path):
        cause(clinic_path)
    assert info.value.key == key and str(clinic_path) in info.value.message("zh_CN")
    assert isinstance(info.value.__cause__, sqlite3.Error)


def test_a_bug_is_not_dressed_up_as_a_message(clinic_path):
    db = open_clinic(clinic_path)
    with pytest.raises(sqlite3.OperationalError), sqlite_errors(db):
        db.execute("SELECT nothing FROM nowhere")
    db.close()


def test_the_message_names_the_file_of_an_open_database(clinic_path):
    db = open_clinic(clinic_path)
    try:
        db.execute("SELECT nothing FROM nowhere")
    except sqlite3.Error as exc:
        assert known_error(exc, db) is None
    busy = sqlite3.OperationalError("database is locked")
    assert known_error(busy, db) is None  # no result code: not from SQLite itself
    db.close()


def test_read_only_opens_never_create_migrate_or_switch_to_wal(tmp_path):
    path = tmp_path / "old.db"
    open_clinic(path).close()
    plain = sqlite3.connect(path)
    plain.execute("PRAGMA journal_mode = DELETE")
    plain.close()
    before = path.read_bytes()
    db = open_clinic(path, read_only=True)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    with pytest.raises(sqlite3.OperationalError):
        db.execute("INSERT INTO staff (name, created_at) VALUES ('x', 'y')")
    db.close()
    assert path.read_bytes() == before
    with pytest.raises(KnownError) as info:
        open_clinic(tmp_path / "none.db", read_only=True)
    assert info.value.key == "db.missing" and not (tmp_path / "none.db").exists()


def test_an_empty_file_opened_read_only_is_not_a_clinic(tmp_path):
    path = tmp_path / "zero.db"
    path.write_bytes(b"")
    with pytest.raises(KnownError) as info:
        open_clinic(path, read_only=True)
    assert info.value.key == "db.empty" and path.read_bytes() == b""
