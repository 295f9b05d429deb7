"""The facts of the last engine run, kept while the clinic file's data is unchanged.

Changing the period, the measure or the cut-offs in the tier overview runs the engine
again on the same data: reading the charges is most of a run, so the facts are kept in
memory, keyed by the file and its data version, and only the stages run again.

The data version is SQLite's ``PRAGMA data_version`` read on a connection of the cache's
own that never writes: it changes whenever any other connection, in this process or
another (an import from the command line), commits to the file. (It is per connection:
the numbers of two connections cannot be compared, hence the cache's own.) A file
replaced on disk (a restore, a rebuilt demo) is another file: the cache also keys on
its inode. Facts read inside a transaction that has not committed are never kept.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from pathlib import Path

from sqlite_utils import Database

from clinicdesk.core.segmentation.beside import file_of, one_snapshot
from clinicdesk.core.segmentation.facts import Facts
from clinicdesk.core.segmentation.reading import load_facts, with_categories


class FactsCache:
    """The facts of the last read of one clinic file (safe to share between threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watch: tuple[tuple[str, int], sqlite3.Connection] | None = None
        self._key: tuple[str, int, int] | None = None
        self._facts: Facts | None = None

    def facts(self, db: Database, as_of: dt.date) -> Facts:
        """The facts of `db` with the last visits' categories as of `as_of`: the kept
        ones when the file's data has not changed since they were read."""
        path = file_of(db)
        if path is None or db.conn.in_transaction:  # in memory, or uncommitted changes
            return load_facts(db, as_of)
        with self._lock:
            try:
                key = self._version(path)
            except (OSError, sqlite3.Error):  # cannot watch the file: read without keeping
                self._forget()
                return load_facts(db, as_of)
            if self._facts is None or self._key != key:
                self._facts, self._key = None, None  # free the old ones before reading
                self._facts, self._key = load_facts(db, as_of), key
            elif self._facts.categories_as_of != as_of:
                with one_snapshot(db) as other:  # half of the categories read beside
                    self._facts = with_categories(db, self._facts, as_of, other)
            return self._facts

    def clear(self) -> None:
        """Forget the kept facts and close the cache's connection (before the file is
        replaced: Windows cannot replace a file a connection holds open)."""
        with self._lock:
            self._forget()

    def _forget(self) -> None:
        self._facts = self._key = None
        if self._watch is not None:
            self._watch[1].close()
            self._watch = None

    def _version(self, path: str) -> tuple[str, int, int]:
        """(path, inode, data version) of the file as it is now."""
        inode = os.stat(path).st_ino
        if self._watch is None or self._watch[0] != (path, inode):
            if self._watch is not None:
                self._watch[1].close()
            uri = Path(path).as_uri() + "?mode=ro"
            self._watch = ((path, inode), sqlite3.connect(uri, uri=True, check_same_thread=False))
        version = self._watch[1].execute("PRAGMA data_version").fetchone()[0]
        return path, inode, int(version)


SHARED = FactsCache()
"""The process's cache: the window's engine runs and the command line use it."""
