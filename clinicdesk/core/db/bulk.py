"""Writing many rows at once: the indexes and triggers of the tables built afterwards.

Maintaining a B-tree index row by row costs a random insert per index per row, and the
search-index trigger on patients runs an FTS5 insert per patient. For a bulk write
into a file (the demo clinic) it is cheaper to drop the secondary indexes and the
triggers of the tables written, insert the rows, then create the indexes in one sorted
pass each, recreate the triggers and fill the search index in one statement. Everything
happens inside the caller's transaction: a failure leaves the file as it was.

Rows that a program made itself, consistent by construction (the demo's), can also be
written without SQLite testing each one's foreign keys and CHECKs (`unchecked`): 0.6 us
a row for two foreign keys, 0.4 us for a date, a trim and a type test. Whoever does so
proves the rows sound another way (the demo's tests run integrity_check, which tests
the CHECKs, and foreign_key_check on the files it builds).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from clinicdesk.core.db.schema import _SEARCH_KEYS


@contextmanager
def deferred_indexes(db: Database, tables: tuple[str, ...]) -> Iterator[None]:
    """Drop the non-unique indexes and the triggers of `tables` for the block, then
    recreate them exactly as they were (their SQL is read from the schema). Use inside
    a transaction."""
    marks = ", ".join("?" * len(tables))
    saved = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN (" + marks + ")"
        " AND sql IS NOT NULL AND ((type = 'index' AND sql NOT LIKE 'CREATE UNIQUE%')"
        " OR type = 'trigger') ORDER BY type, name",
        list(tables),
    ).fetchall()
    for kind, name, _sql in saved:
        db.execute(f"DROP {kind.upper()} [{name}]")
    yield
    for _kind, _name, sql in saved:
        db.execute(sql)


@contextmanager
def unchecked(db: Database) -> Iterator[None]:
    """Foreign keys and CHECK constraints not enforced for the block (outside a
    transaction: SQLite ignores the foreign-keys switch inside one)."""
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("PRAGMA ignore_check_constraints = ON")
    try:
        yield
    finally:
        db.execute("PRAGMA ignore_check_constraints = OFF")
        db.execute("PRAGMA foreign_keys = ON")


def fill_patient_search(db: Database) -> None:
    """(Re)fill the patient search index from the patients table in one statement."""
    db.execute("DELETE FROM patient_search")
    db.execute(
        "INSERT INTO patient_search (rowid, keys) SELECT id, "
        + _SEARCH_KEYS.format(p="patients")
        + " FROM patients"
    )


WRITE_CACHE_KIB = 131_072  # 128 MB of page cache while many rows are written


@contextmanager
def write_cache(db: Database) -> Iterator[None]:
    """A large page cache for the block, then the connection's own again.

    The indexes of a large clinic's charges do not fit SQLite's default page cache
    (2 MB): with 128 MB, 100,000 imported rows went in 1.0 s instead of 4.3 s (measured
    on the 100k demo, a loaded 2-core machine), and the write lock is held that much less.
    """
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(cache)}")
