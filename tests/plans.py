"""Query plans as part of the contract: what SQLite does for the queries a person waits on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database


@contextmanager
def plans(db: Database) -> Iterator[list[str]]:
    """Collect the query plan (``EXPLAIN QUERY PLAN`` details, one string per step) of
    every SELECT run on `db` inside the block."""
    statements: list[str] = []
    db.conn.set_trace_callback(
        lambda sql: statements.append(sql) if sql.lstrip().upper().startswith("SELECT") else None
    )
    seen: list[str] = []
    try:
        yield seen
    finally:
        db.conn.set_trace_callback(None)
    for sql in statements:
        seen.extend(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql))
