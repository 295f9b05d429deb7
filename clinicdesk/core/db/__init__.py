"""The clinic file: one SQLite file per clinic, opened, checked and migrated here.

A connection belongs to the thread that opened it: the GUI thread keeps one, each
worker task opens its own with `open_clinic` and closes it when done. WAL lets the GUI
read while a worker writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from clinicdesk.core.db.errors import known_error
from clinicdesk.core.db.schema import migrations, names
from clinicdesk.core.errors import KnownError
from clinicdesk.core.lock import ClinicLock
from clinicdesk.core.private import private_file, tighten

__all__ = [
    "connect",
    "immediate",
    "open_clinic",
    "pending_upgrades",
    "schema_version",
    "memory_clinic",
    "upgrade_clinic",
]

BUSY_TIMEOUT_MS = 5000
# No sqlite-utils plugins (`execute_plugins=False` on every Database made here): any
# installed package could register one and run on each connection to patient data, and
# finding them (importlib.metadata's scan of the entry points) took 47 ms of the first
# window's start on the GUI thread. The program uses none.
PLUGINS = False


def open_clinic(
    path: str | Path,
    *,
    migrate: bool = True,
    read_only: bool = False,
    lock: ClinicLock | None = None,
) -> Database:
    """Open (or create) the clinic file at `path`, in WAL mode, migrated to this version.

    With `read_only` the file is opened as it is, for reading only (SQLite's ``mode=ro``):
    never created, migrated or switched to WAL; an empty file is refused.

    An import the program died in the middle of is undone as the file opens (see
    `unfinished`), when the clinic file's lock is the caller's (`lock`, held) or free.

    Raises:
        KnownError: the file is not a clinic file, is locked, is read-only, or was
            written by a newer ClinicDesk.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise KnownError("db.no_folder", path=str(path.parent))
    try:
        db = Database(_connect(path, read_only), execute_plugins=PLUGINS)
    except sqlite3.Error as exc:
        raise _known(exc, path) from exc
    try:
        _prepare(db, path, migrate and not read_only, read_only)
        if migrate and not read_only:
            _undo_interrupted(db, path, lock)
    except BaseException:
        db.close()
        raise
    return db


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    timeout = BUSY_TIMEOUT_MS / 1000
    if not read_only:
        for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            tighten(companion)  # files made by older versions were 0644
        private_file(path)  # 0600 before SQLite writes, so -wal and -shm are 0600 too
        return sqlite3.connect(str(path), timeout=timeout)
    if not path.is_file():
        raise KnownError("db.missing", path=str(path))
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", timeout=timeout, uri=True)


def connect(path: str | Path, *, read_only: bool = False) -> Database:
    """Another connection to a clinic file that is open already (checked and migrated),
    for a worker thread: foreign keys on, the busy timeout, no automatic checkpoint
    (the pool runs them, see `workers.runner`), and with `read_only` no writes at all
    (``PRAGMA query_only``; a checkpoint is still allowed).

    It may be closed by another thread than the one that used it (a pool closes its
    connections as it stops), never used by two at once.
    """
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA wal_autocheckpoint = 0")  # whoever pools them checkpoints
    if read_only:
        conn.execute("PRAGMA query_only = ON")
    return Database(conn, execute_plugins=PLUGINS)


@contextmanager
def immediate(db: Database) -> Iterator[Database]:
    """One write transaction that takes the write lock as it begins (``BEGIN IMMEDIATE``);
    inside another transaction, a savepoint of it.

    A plain ``BEGIN`` takes the lock at the first write: if another connection committed
    since the transaction's first read, SQLite cannot wait for it and fails at once with
    "database is locked". Taking the lock first makes it wait up to the busy timeout.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    try:
        db.execute("COMMIT")
    except BaseException:
        db.conn.rollback()
        raise


def memory_clinic() -> Database:
    """A migrated clinic in memory, for tests and previews."""
    db = Database(memory=True, execute_plugins=PLUGINS)
    _prepare(db, Path(":memory:"), migrate=True)
    return db


def schema_version(db: Database) -> list[str]:
    """The names of the migrations applied to `db`, in order."""
    return [m.name for m in migrations.applied(db)]


def pending_upgrades(path: str | Path) -> list[str]:
    """The migrations the clinic file at `path` still needs, in order (none for a file
    that does not exist yet: it is created at the newest version).

    Raises:
        KnownError: as `open_clinic` with ``read_only``.
    """
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        return []
    db = open_clinic(path, read_only=True)
    try:
        applied = set(schema_version(db))
    finally:
        db.close()
    return [name for name in names() if name not in applied]


def upgrade_clinic(path: str | Path, progress: Callable[[float, str], None] | None = None) -> None:
    """Apply the pending migrations to the clinic file at `path`, one after another, each
    in its own transaction with its record, reporting `progress` (fraction done, name).

    An upgrade stopped half-way (a crash, the power) leaves the file at the last whole
    migration; the next open goes on from there.

    Raises:
        KnownError: as `open_clinic`.
    """
    db = open_clinic(path, migrate=False)
    try:
        pending = [m.name for m in migrations.pending(db)]
        for done, name in enumerate(pending):
            if progress:
                progress(done / len(pending), name)
            try:
                migrations.apply(db, stop_before=set(pending[done + 1 :]))
            except sqlite3.Error as exc:
                raise _known(exc, Path(path)) from exc
        if progress:
            progress(1.0, "")
    finally:
        db.close()


def _prepare(db: Database, path: Path, migrate: bool, read_only: bool = False) -> None:
    try:
        db.execute("PRAGMA foreign_keys = ON")
        applied = schema_version(db)
        if not applied and [t for t in db.table_names() if not t.startswith("sqlite_")]:
            raise KnownError("db.foreign_database", path=str(path))
        if not applied and read_only:
            raise KnownError("db.empty", path=str(path))
        unknown = [n for n in applied if n not in names()]
        if unknown:
            raise KnownError("db.newer_schema", path=str(path), names=", ".join(unknown))
        if not db.memory and not read_only:
            db.enable_wal()
        if migrate:
            migrations.apply(db)
    except sqlite3.Error as exc:
        raise _known(exc, path) from exc


def _undo_interrupted(db: Database, path: Path, lock: ClinicLock | None) -> None:
    from clinicdesk.core.db.unfinished import undo_unfinished, unfinished

    if not unfinished(db):
        return
    if lock is not None and lock.held:
        undo_unfinished(db)
        return
    own = ClinicLock(path)
    try:
        if not own.try_acquire():  # someone has the file: their import may be under way
            return
    except KnownError:  # no lock file can be made here (a read-only folder)
        return
    try:
        undo_unfinished(db)
    finally:
        own.release()


def _known(exc: sqlite3.Error, path: Path) -> KnownError:
    known = known_error(exc, path)
    if known is None:
        raise exc
    return known
