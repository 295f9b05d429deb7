"""Importing billing exports (CSV, .xlsx) without losing a row.

`import_file(db, path, options)` reads the file, finds and maps the header, parses every
row (rejecting, with a reason, those without a date, an amount or any identity), matches
rows to patients, and writes it in short steps: cancel, an error or a crash leaves the
clinic file as it was (a crash: once it is opened again, see `core.db.unfinished`). The reading,
parsing and matching (`plan_import`) take no lock; the writing (`apply_import`) holds
the file's write lock a step at a time, so that others can write in between.
Importing the same rows again adds nothing. Rejected rows and warnings go to a report
(CSV, UTF-8 with BOM, in the user's language).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.db import immediate
from clinicdesk.core.db.bulk import write_cache
from clinicdesk.core.db.clinic import charge_limit
from clinicdesk.core.db.lists import mask_mobile
from clinicdesk.core.db.unfinished import undo_batch
from clinicdesk.core.errors import BugError, Cancelled, CancelToken
from clinicdesk.core.importer import known
from clinicdesk.core.importer.columns import Mapping, find_mapping, parse_overrides
from clinicdesk.core.importer.identity import Person, resolve
from clinicdesk.core.importer.load import (
    Begun,
    Load,
    Written,
    begin,
    cards_taken,
    finish,
    prepare,
    snapshot,
    step,
    write_charges,
    write_patients,
    written_by,
)
from clinicdesk.core.importer.parse import Issue, Limits, Record, parse_rows, row_cells
from clinicdesk.core.importer.report import write_report
from clinicdesk.core.importer.table import Table, read_table
from clinicdesk.core.perf import paused_gc, release

__all__ = [
    "ImportOptions",
    "ImportPlan",
    "ImportResult",
    "apply_import",
    "import_file",
    "parse_overrides",
    "plan_import",
    "preview",
]

Progress = Callable[[float, str], None]


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to import.

    Attributes:
        encoding: the text encoding, or None to detect it.
        sheet: the .xlsx sheet, or None for the first.
        overrides: column mappings chosen by the user ({normalised header: field}).
        keep_extra: keep unmapped columns in the charge's note (else ignore them).
        dry_run: do everything, report the counts, write nothing.
        report_path: where to write the report of rejected rows and warnings (none is
            written without one; the result carries the issues either way).
        language: the report's language.
        max_charge_fen: the largest amount of one charge (None: the clinic's setting,
            `charge_limit`).
        today: the import's day, for the dates' bounds (None: today).
    """

    encoding: str | None = None
    sheet: str | None = None
    overrides: dict[str, str] = field(default_factory=dict)
    keep_extra: bool = True
    dry_run: bool = False
    report_path: Path | None = None
    language: str = "zh_CN"
    max_charge_fen: int | None = None
    today: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did; `report` is the report's path, or None when there was nothing
    to report."""

    file_name: str
    rows: int  # the data rows: every non-empty row below the header (see csv_rows)
    imported: int
    rejected: int
    duplicates_skipped: int
    patients_created: int
    patients_matched: int
    warnings: int
    report: Path | None
    encoding: str | None
    sheet: str | None
    columns: dict[str, str]
    dry_run: bool
    previously_imported: str | None
    issues: tuple[Issue, ...] = ()

    def as_json(self) -> dict[str, object]:
        """The issue's JSON object, and a little more."""
        return {
            "rows": self.rows, "imported": self.imported, "rejected": self.rejected,
            "duplicates_skipped": self.duplicates_skipped,
            "patients_created": self.patients_created,
            "patients_matched": self.patients_matched, "warnings": self.warnings,
            "report": str(self.report) if self.report else None, "file": self.file_name,
            "encoding": self.encoding, "sheet": self.sheet, "columns": self.columns,
            "dry_run": self.dry_run, "previously_imported": self.previously_imported,
            "unbalanced_quote_rows": self.quote_rows(),
        }  # fmt: skip

    def quote_rows(self) -> list[int]:
        """The rows rejected for an unbalanced quote."""
        return [i.row for i in self.issues if i.key == "import.reject.quote"]


class _DryRun(Exception):
    """Raised inside the transaction of a dry run, to roll it back."""


def preview(path: Path, options: ImportOptions, rows: int = 20) -> tuple[Table, Mapping]:
    """The table as read and the mapping found, for a preview before importing."""
    table = read_table(path, encoding=options.encoding, sheet=options.sheet)
    mapping = find_mapping(table.rows, options.overrides, options.keep_extra, path.name)
    shown = table.rows[: mapping.header_row + 1 + rows]
    release(table.rows)  # the rest of the file, a slice at a time (see ImportPlan.release)
    return Table(shown, table.row_numbers, table.encoding, table.sheet, table.sheets,
                 table.broken), mapping  # fmt: skip


@dataclass(slots=True)
class ImportPlan:
    """An import read, parsed and matched: what its short steps will write.

    Made by `plan_import` without writing (a reader can make it while others write), then
    written by `apply_import`.
    """

    path: Path
    options: ImportOptions
    table: Table
    mapping: Mapping
    total: int
    records: list[Record]
    issues: list[Issue]
    rejected: int
    previous: str | None
    batch: dict[str, str]
    people: list[Person]
    load: Load

    def release(self) -> None:
        """Let go of the rows the plan holds, a slice at a time (`perf.release`), once
        written or given up. Freed with the plan, its cells, records and charges went in
        one piece wherever its last reference went (60 ms with the GIL held at 100,000
        rows: the window's thread, or the writer before a save)."""
        held = (self.table.rows, self.records, self.people, self.load.patients,
                self.load.fills, self.load.charges)  # fmt: skip
        for values in held:
            release(values)


def import_file(
    db: Database,
    path: Path,
    options: ImportOptions,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ImportResult:
    """Import one billing export into the clinic file (see the module's docstring), the
    cyclic collector paused throughout as the window's runner pauses it for its tasks
    (writing 1,000,000 charges took 108 s CPU with it on, 74 s with it paused)."""
    with paused_gc():
        return apply_import(db, plan_import(db, path, options, progress, cancel), progress, cancel)


def plan_import(
    db: Database,
    path: Path,
    options: ImportOptions,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ImportPlan:
    """Read, parse and match an export, and prepare its rows; writes nothing."""
    with paused_gc():  # millions of rows, no cycles: see clinicdesk.core.perf
        return _plan(db, path, options, _checker(progress, cancel))


def _plan(
    db: Database, path: Path, options: ImportOptions, check: Callable[[float, str], None]
) -> ImportPlan:
    check(0.0, "read")
    table = read_table(path, encoding=options.encoding, sheet=options.sheet)
    mapping = find_mapping(table.rows, options.overrides, options.keep_extra, path.name)
    total = len(table.rows) - mapping.header_row - 1
    limits = Limits(options.max_charge_fen or charge_limit(db), options.today or dt.date.today())
    records, issues = parse_rows(
        table, mapping, lambda done: check(0.1 + 0.3 * done / max(total, 1), "parse"), limits
    )
    check(0.4, "match")
    rejected = _accounted(total, records, issues)
    file_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    previous = db.execute(
        "SELECT min(imported_at) FROM import_batches WHERE file_hash = ? AND state = 'done'",
        [file_hash],
    ).fetchone()[0]
    source = i18n.message("import.source", options.language)
    batch = {"file_name": path.name, "file_hash": file_hash, "source": source}
    people, load = _match(db, records, options, file_hash)
    return ImportPlan(path, options, table, mapping, total, records, issues, rejected,
                      previous, batch, people, load)  # fmt: skip


def apply_import(
    db: Database,
    plan: ImportPlan,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    between: Callable[[], None] | None = None,
) -> ImportResult:
    """Write a planned import, and its report: with `between`, in short steps, each one
    transaction, `between` running after each outside any transaction (the window lets
    its waiting writes through there); without, in one transaction (a command holding
    the clinic lock; also a dry run, rolled back). A failure or
    cancel undoes what the steps wrote (`unfinished.undo_batch`); an import with nothing new
    leaves no trace."""
    check = _checker(progress, cancel)
    check(0.8, "write")
    rejected = plan.rejected
    written, people = _write(db, plan, rejected, lambda f: check(0.8 + 0.2 * f, "write"), between)
    if progress is not None:
        progress(1.0, "write")  # done (no cancelling now: what was written is committed)
    table, mapping, options = plan.table, plan.mapping, plan.options
    issues = sorted(plan.issues + _warnings(people, plan.records, table), key=lambda i: i.row)
    return ImportResult(
        file_name=plan.path.name, rows=plan.total, imported=written.imported, rejected=rejected,
        duplicates_skipped=written.duplicates, patients_created=written.patients_created,
        patients_matched=written.patients_matched,
        warnings=sum(not i.rejected for i in issues),
        report=_report(issues, mapping, options), encoding=table.encoding, sheet=table.sheet,
        columns={mapping.headers[i]: f for f, i in mapping.columns.items()},
        dry_run=options.dry_run, previously_imported=plan.previous, issues=tuple(issues),
    )  # fmt: skip


def _accounted(total: int, records: list[Record], issues: list[Issue]) -> int:
    """The rejected rows (rows, not reasons), once every data row is known to be one
    record or one rejected row; imported + duplicates then make up the records.

    Raises:
        BugError: a row was lost or counted twice (before anything is written).
    """
    rejected = {i.row for i in issues if i.rejected}
    recorded = {r.row for r in records}
    if (
        len(recorded) != len(records)
        or recorded & rejected
        or len(records) + len(rejected) != total
    ):
        raise BugError(f"import accounting: {total} rows, {len(records)} records, "
                       f"{len(rejected)} rejected")  # fmt: skip
    return len(rejected)


def _checker(progress: Progress | None, cancel: CancelToken | None) -> Callable[[float, str], None]:
    report = progress or (lambda _f, _s: None)

    def check(fraction: float, stage: str) -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        report(fraction, stage)

    return check


def _match(
    db: Database, records: list[Record], options: ImportOptions, file_hash: str
) -> tuple[list[Person], Load]:
    """Whose rows they are, and what to write, from one consistent read of the file."""
    with db.atomic():  # one snapshot (a savepoint, when under the write lock already)
        taken = snapshot(db)
        people = resolve(db, records)
        return people, prepare(db, taken, people, records,
                               i18n.message("import.no_item", options.language),
                               lambda p: _unnamed(p, options.language), file_hash)  # fmt: skip


def _write(
    db: Database,
    plan: ImportPlan,
    rejected: int,
    check: Callable[[float], None],
    between: Callable[[], None] | None,
) -> tuple[Written, list[Person]]:
    """Write in steps (see `load`) when others may write in between (`between`: the
    window); else (a command, holding the clinic lock: nobody else writes) all steps in
    one transaction, which spares a commit a step (at 1,000,000 rows, 252 commits cost
    99 s of CPU). A dry run writes them in one transaction and rolls it back; an import
    with nothing new leaves no trace."""
    if between is not None and not plan.options.dry_run:
        return _steps(db, plan, rejected, check, between)
    try:
        with immediate(db):  # each step inside it (see load.step)
            written, people = _steps(db, plan, rejected, check, lambda: None)
            if plan.options.dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return written, people


def _steps(
    db: Database,
    plan: ImportPlan,
    rejected: int,
    check: Callable[[float], None],
    between: Callable[[], None],
) -> tuple[Written, list[Person]]:
    with write_cache(db):
        with step(db):
            people, load, begun = _begin(db, plan)
        between()
        try:
            write_patients(db, begun, check, between)
            imported = write_charges(db, load, begun, check, between)
            if imported == 0 and load.created == 0:  # nothing new: leave no trace
                undo_batch(db, begun.batch_id)
                return written_by(load, begun, imported), people
            with step(db):
                rows = len(plan.records) + rejected
                written = finish(db, load, begun, imported, rows, rejected)
        except BaseException:
            if not db.conn.in_transaction:  # inside one transaction, its rollback undoes it
                _undo(db, begun.batch_id, between)
            raise
    return written, people


def _begin(db: Database, plan: ImportPlan) -> tuple[list[Person], Load, Begun]:
    """The first step; the rows are matched again, under the lock, if the patients
    changed since they were matched (a patient added, a card given), or a charge an
    earlier import of the file wrote was deleted (see `known`)."""
    people, load, file_hash = plan.people, plan.load, plan.batch["file_hash"]
    if (
        snapshot(db) != load.snapshot
        or cards_taken(db, load)
        or known.changed(db, file_hash, load.held)
    ):
        people, load = _match(db, plan.records, plan.options, file_hash)
    return people, load, begin(db, load, plan.batch)


def _undo(db: Database, batch_id: int, between: Callable[[], None]) -> None:
    """Undo a failed or cancelled import; if even that fails (the disk, the lock), the
    next opening does it (`undo_unfinished`), and the first error is the one to tell."""
    try:
        undo_batch(db, batch_id, between=between)
    except sqlite3.Error:
        pass


def _unnamed(person: Person, language: str) -> str:
    ident = person.card or mask_mobile(person.mobile)
    return i18n.message("import.unnamed", language, ident=ident)


def _warnings(people: list[Person], records: list[Record], table: Table) -> list[Issue]:
    by_row = {n: i for i, n in enumerate(table.row_numbers)}
    out = []
    for person in people:
        for index, key, params in person.warnings:
            number = records[index].row
            out.append(
                Issue(number, False, key, dict(params), row_cells(table.rows[by_row[number]]))
            )
        if person.new and not person.name:
            number = records[person.rows[0]].row
            cells = row_cells(table.rows[by_row[number]])
            out.append(Issue(number, False, "import.warn.unnamed", {}, cells))
    return out


def _report(issues: list[Issue], mapping: Mapping, options: ImportOptions) -> Path | None:
    """Write the rejected rows and warnings (by row) where the options say; its path.
    A dry run writes nothing at all: its summary lists them instead."""
    if not issues or options.report_path is None or options.dry_run:
        return None
    write_report(options.report_path, issues, mapping.headers, options.language)
    return options.report_path
