"""A second reader of a clinic file, in a thread of its own, in the first one's snapshot.

Python's sqlite3 lets other threads run while SQLite steps through a query, so two
connections on two threads read about twice as fast as one on a 2-core PC. What they
read must be one snapshot of the file, and SQLite gives no way from Python to open a
second connection on a given snapshot. `PRAGMA data_version` proves it instead: on a
connection, its value changes when, and only when, another connection has committed
to the file since the previous read of it (it is read as a read transaction begins and
stays the same within it). So:

1. this reader reads the data version (``before``), outside any transaction;
2. the first connection begins its read transaction (its snapshot: the file at that
   time, later than 1);
3. this reader begins its own (later than 2) and reads the version again: equal to
   ``before``, nobody committed between 1 and 3, so both transactions see the file as
   it was at 1. Otherwise `same` is False and the caller reads it all itself.

This reader never writes (``mode=ro``); the first connection must not either while it is
used (an uncommitted change of its own is not in the file: the caller reads alone then).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlite_utils import Database

T = TypeVar("T")


class Beside:
    """A read-only connection to the file of `db`, used on a thread of its own.

    Open it before the first connection's read transaction begins, call `follow` once it
    has (after its first read), then `submit` work, which runs in order in one read
    transaction; `same` says whether that transaction reads the first one's snapshot.
    """

    def __init__(self, path: str) -> None:
        uri = Path(path).as_uri() + "?mode=ro"
        self._conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        self._before = _data_version(self._conn)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="clinicdesk-reader")
        self._same: Future[bool] | None = None

    def follow(self) -> None:
        """Begin this reader's read transaction: after the first connection began its own."""
        self._same = self._pool.submit(self._begin)

    def _begin(self) -> bool:
        self._conn.execute("BEGIN")
        return _data_version(self._conn) == self._before  # also begins the read

    def same(self) -> bool:
        """Whether this reader's transaction reads the first connection's snapshot."""
        try:
            return self._same is not None and self._same.result()
        except sqlite3.Error:  # could not begin (the file busy, gone): not the same
            return False

    def submit(self, work: Callable[[sqlite3.Connection], T]) -> Future[T | None]:
        """Run ``work(connection)`` on the reader's thread, in its read transaction;
        its result is None, and it is not run, when that is not the first one's snapshot."""
        return self._pool.submit(lambda: work(self._conn) if self.same() else None)

    def close(self) -> None:
        """End the read transaction, the thread and the connection. As the interpreter
        exits (a task still running at the window's close), the pool takes no more work:
        its thread is done by then, so this one ends the transaction itself."""
        refused = False
        try:
            self._pool.submit(self._end)
        except RuntimeError:  # "cannot schedule new futures after (interpreter) shutdown"
            refused = True
        self._pool.shutdown(wait=True)
        if refused:
            self._end()
        self._conn.close()

    def _end(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")


@contextmanager
def one_snapshot(db: Database) -> Iterator[Beside | None]:
    """A read transaction on `db` (a savepoint inside one) and a second reader following
    it (`Beside`), or None when there is none to be had (see `beside`)."""
    other = beside(db)
    try:
        with db.atomic():
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # its snapshot begins
            if other is not None:
                other.follow()
            yield other
    finally:
        if other is not None:
            other.close()


def beside(db: Database) -> Beside | None:
    """A second reader of the file of `db`, or None when there is none to be had: a
    clinic in memory, or `db` in a transaction (changes of its own not committed)."""
    if db.conn.in_transaction:
        return None
    path = file_of(db)
    if path is None:
        return None
    try:
        return Beside(path)
    except sqlite3.Error:  # cannot open it a second time: read with one connection
        return None


def file_of(db: Database) -> str | None:
    """The main database file of `db`, or None when it lives in memory."""
    for _seq, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return str(Path(file).resolve()) if file else None
    return None


def _data_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA data_version").fetchone()[0])
