"""Undoing an import that did not finish: what its steps wrote, and nothing else.

An import writes in steps (see `clinicdesk.core.importer.load`), each committed, so
that others can write in between. Until its last step its batch is 'writing'. If a step
fails or the import is cancelled, `undo_batch` removes what the import created: its
charges, and the patients and staff in the batch's id ranges that nothing else refers to
(a patient someone called, booked or changed meanwhile stays, without the import's
charges). If the program died between two steps, `undo_unfinished` does the same when
the file is next opened for writing by whoever holds, or can take, the clinic file's
lock (`open_clinic`): no import can be under way then, since an import holds that lock.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from clinicdesk.core.db import immediate
from clinicdesk.core.db.bulk import write_cache

__all__ = [
    "interrupted",
    "rows_before",
    "undo_batch",
    "undo_interrupted",
    "undo_unfinished",
    "unfinished",
]

_CHUNK = 5_000  # charges deleted a step (about 0.1 s under the lock at 100,000 patients)
_PATIENTS = 500  # patients deleted a step (each is looked for in every table that refers to it)
Progress = Callable[[float, str], None]


def unfinished(db: Database) -> list[int]:
    """The batches of imports that began and did not finish."""
    return [i for (i,) in db.execute("SELECT id FROM import_batches WHERE state = 'writing'")]


def undo_unfinished(db: Database, progress: Progress | None = None) -> int:
    """Undo every unfinished import (call with the clinic file's lock held); how many."""
    batches = unfinished(db)
    for done, batch_id in enumerate(batches):
        undo_batch(db, batch_id, _part(progress, done, len(batches)))
    return len(batches)


def _part(progress: Progress | None, done: int, parts: int) -> Callable[[float], None]:
    return lambda f: progress((done + f) / parts, "undo") if progress is not None else None


def undo_batch(
    db: Database,
    batch_id: int,
    progress: Callable[[float], None] | None = None,
    between: Callable[[], None] = lambda: None,
) -> None:
    """Remove an unfinished import, in short transactions (`between` after each): its
    charges, the staff names and patients it added that nothing refers to, and last its
    batch. Stopped part-way, it is still unfinished: the next try goes on. Nothing
    happens to a finished batch."""
    row = db.execute(
        "SELECT patients_from, patients_to, staff_from, staff_to, rows_before"
        " FROM import_batches WHERE id = ? AND state = 'writing'",
        [batch_id],
    ).fetchone()
    if row is None:
        return
    first, last, staff_first, staff_last, before = row
    report = progress or (lambda _fraction: None)
    with write_cache(db):
        _delete_charges(db, batch_id, lambda f: report(0.8 * f), between)  # most of the work
        _delete_staff(db, staff_first, staff_last, json.loads(before or "{}"))
        between()
        free = _unreferenced(db, "patients")
        for start in range(first or 0, (last or -1) + 1, _PATIENTS):
            report(0.8 + 0.2 * (start - first) / (last - first + 1))
            with immediate(db):
                db.execute(
                    f"DELETE FROM patients WHERE id BETWEEN ? AND ? AND updated_at = created_at"
                    f" AND {free}",
                    [start, min(start + _PATIENTS - 1, last)],
                )
            between()
        with immediate(db):
            db.execute("DELETE FROM import_batches WHERE id = ?", [batch_id])


def rows_before(db: Database, table: str) -> dict[str, int]:
    """The largest rowid of each table (with rowids) whose foreign keys refer to `table`."""
    without = _without_rowid(db)
    return {
        other: int(db.execute(f"SELECT coalesce(max(rowid), 0) FROM {other}").fetchone()[0])
        for other, _column in _references(db, table)
        if other not in without
    }


def _delete_charges(
    db: Database, batch_id: int, report: Callable[[float], None], between: Callable[[], None]
) -> None:
    """The batch's charges, `_CHUNK` a transaction, until none is left."""
    total = db.execute("SELECT count(*) FROM charges WHERE batch_id = ?", [batch_id]).fetchone()[0]
    deleted = 0
    while deleted < total:
        report(deleted / total)
        with immediate(db):
            cursor = db.execute(
                "DELETE FROM charges WHERE id IN (SELECT id FROM charges WHERE batch_id = ?"
                " LIMIT ?)",
                [batch_id, _CHUNK],
            )
        between()
        if cursor.rowcount < _CHUNK:
            return
        deleted += cursor.rowcount


def interrupted(path: Path) -> bool:
    """Whether the clinic file at `path` (at this version) holds an unfinished import: a
    quick look, read-only."""
    from clinicdesk.core.db import open_clinic

    if not path.is_file() or path.stat().st_size == 0:
        return False
    db = open_clinic(path, read_only=True)
    try:
        return bool(unfinished(db))
    finally:
        db.close()


def undo_interrupted(path: Path, progress: Progress | None = None) -> int:
    """Undo the unfinished imports of the clinic file at `path`, whose lock the caller
    holds (the window, before it opens: at 100,000 patients this takes seconds)."""
    from clinicdesk.core.db import open_clinic

    db = open_clinic(path, migrate=False)
    try:
        return undo_unfinished(db, progress)
    finally:
        db.close()


def _unreferenced(db: Database, table: str, before: dict[str, int] | None = None) -> str:
    """The SQL condition that no row of any table refers to a row of `table`; with
    `before`, only rows above those rowids are looked at, in the tables it names."""
    return " AND ".join(
        f"NOT EXISTS (SELECT 1 FROM {other} AS ref WHERE ref.{column} = {table}.id"
        + (f" AND ref.rowid > {before[other]})" if before and other in before else ")")
        for other, column in _references(db, table)
    )


def _delete_staff(
    db: Database, first: int | None, last: int | None, before: dict[str, int]
) -> None:
    """Delete the staff names first..last that no row refers to, where a row that refers to
    them can only be newer than `before` (their tables' largest rowids when they were
    made). With those rows checked, SQLite need not check every charge and call again
    for each name (the charges' and calls' staff columns have no index): foreign keys
    are off for this one transaction (a no-op inside a caller's transaction: checked then)."""
    if first is None or last is None or last < first:
        return
    free = _unreferenced(db, "staff", before)
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        with immediate(db):
            db.execute(f"DELETE FROM staff WHERE id BETWEEN ? AND ? AND {free}", [first, last])
    finally:
        db.execute("PRAGMA foreign_keys = ON")


def _without_rowid(db: Database) -> set[str]:
    return {t for (t, sql) in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
            if sql and sql.rstrip().upper().endswith("WITHOUT ROWID")}  # fmt: skip


def _references(db: Database, table: str) -> list[tuple[str, str]]:
    """Every (table, column) whose foreign key refers to `table`, from the schema itself
    (so that a table added later is counted without anyone remembering to)."""
    tables = [t for (t,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
    )]  # fmt: skip
    return [
        (other, fk[3])
        for other in tables
        for fk in db.execute(f"PRAGMA foreign_key_list({other})")
        if fk[2] == table
    ]
