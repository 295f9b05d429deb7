"""The clinic file: one SQLite file per clinic, opened, checked and migrated here.

A connection belongs to the thread that opened it: the GUI thread keeps one, each
worker task opens its own with `open_clinic` and closes it when done. WAL lets the GUI
read while a worker writes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from clinicdesk.core.db.schema import migrations, names
from clinicdesk.core.errors import KnownError

__all__ = ["open_clinic", "schema_version", "memory_clinic"]

BUSY_TIMEOUT_MS = 5000


def open_clinic(path: str | Path, *, migrate: bool = True) -> Database:
    """Open (or create) the clinic file at `path`, in WAL mode, migrated to this version.

    Raises:
        KnownError: the file is not a clinic file, is locked, is read-only, or was
            written by a newer ClinicDesk.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise KnownError("db.no_folder", path=str(path.parent))
    try:
        db = Database(sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000))
    except sqlite3.Error as exc:
        raise _known(exc, path) from exc
    try:
        _prepare(db, path, migrate)
    except BaseException:
        db.close()
        raise
    return db


def memory_clinic() -> Database:
    """A migrated clinic in memory, for tests and previews."""
    db = Database(memory=True)
    _prepare(db, Path(":memory:"), migrate=True)
    return db


def schema_version(db: Database) -> list[str]:
    """The names of the migrations applied to `db`, in order."""
    return [m.name for m in migrations.applied(db)]


def _prepare(db: Database, path: Path, migrate: bool) -> None:
    try:
        db.execute("PRAGMA foreign_keys = ON")
        applied = schema_version(db)
        if not applied and [t for t in db.table_names() if not t.startswith("sqlite_")]:
            raise KnownError("db.foreign_database", path=str(path))
        unknown = [n for n in applied if n not in names()]
        if unknown:
            raise KnownError("db.newer_schema", path=str(path), names=", ".join(unknown))
        if not db.memory:
            db.enable_wal()
        if migrate:
            migrations.apply(db)
    except sqlite3.Error as exc:
        raise _known(exc, path) from exc


def _known(exc: sqlite3.Error, path: Path) -> KnownError:
    text = str(exc).lower()
    if "not a database" in text or "file is encrypted" in text:
        return KnownError("db.not_a_clinic_file", path=str(path))
    if "locked" in text or "busy" in text:
        return KnownError("db.locked", path=str(path))
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return KnownError("db.readonly", path=str(path))
    raise exc
