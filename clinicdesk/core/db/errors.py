"""SQLite's errors as messages for the user: busy, read-only, full, damaged, cannot open.

Every open and every write of a clinic file runs inside `sqlite_errors`: an error that
comes from the environment (another program holds the write lock beyond the busy
timeout, a read-only file or folder, a full disk, a damaged file, a drive that is gone)
becomes a `KnownError` naming the file, in the user's language, and the transaction it
interrupted is rolled back by whoever opened it. Anything else (bad SQL, a constraint
the code should have checked first) is a bug and goes on as it is. The model is
qutebrowser's ``misc/sql.py`` (``raise_sqlite_error``).

Example::

    with sqlite_errors(path):
        db = open_clinic(path)
        save_tier_run(db, result)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from clinicdesk.core.errors import KnownError

__all__ = ["known_error", "sqlite_errors"]

# SQLite's primary result codes (the low byte of an extended code) and what they mean
# for the person at the desk.
_KEYS = {
    3: "db.readonly",  # SQLITE_PERM
    5: "db.locked",  # SQLITE_BUSY: the busy timeout ran out
    6: "db.locked",  # SQLITE_LOCKED
    8: "db.readonly",  # SQLITE_READONLY
    10: "db.io_error",  # SQLITE_IOERR: a disk error, a drive unplugged
    11: "db.corrupt",  # SQLITE_CORRUPT
    13: "db.full",  # SQLITE_FULL
    14: "db.cannot_open",  # SQLITE_CANTOPEN
    26: "db.not_a_clinic_file",  # SQLITE_NOTADB
}


def known_error(exc: BaseException, where: Database | Path | str) -> KnownError | None:
    """The message for `exc` if it is an environment error of SQLite, else None.

    Args:
        exc: any exception; only `sqlite3.Error` with a result code is mapped.
        where: the clinic file (its path, or an open `Database` on it), for the message.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(exc, sqlite3.Error) or code is None:
        return None
    key = _KEYS.get(code & 0xFF)
    return KnownError(key, path=_path_of(where)) if key else None


@contextmanager
def sqlite_errors(where: Database | Path | str) -> Iterator[None]:
    """Raise SQLite's environment errors inside the block as `KnownError`s (see the
    module's docstring); other errors pass unchanged."""
    try:
        yield
    except sqlite3.Error as exc:
        known = known_error(exc, where)
        if known is None:
            raise
        raise known from exc


def _path_of(where: Database | Path | str) -> str:
    if not isinstance(where, Database):
        return str(where)
    try:
        row = where.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return "?"
    return str(row[2]) if row and row[2] else ":memory:"
