"""Importing billing exports (CSV, .xlsx) without losing a row.

`import_file(db, path, options)` reads the file, finds and maps the header, parses every
row (rejecting, with a reason, those without a date, an amount or any identity), matches
rows to patients, and writes everything in one transaction: cancel, an error or a crash
leaves the clinic file as it was. Importing the same rows again adds nothing. Rejected
rows and warnings go to a report (CSV, UTF-8 with BOM, in the user's language).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.errors import Cancelled, CancelToken
from clinicdesk.core.importer.columns import Mapping, find_mapping, parse_overrides
from clinicdesk.core.importer.identity import Person, resolve
from clinicdesk.core.importer.load import write
from clinicdesk.core.importer.parse import Issue, Record, parse_rows
from clinicdesk.core.importer.report import write_report
from clinicdesk.core.importer.table import Table, read_table

__all__ = ["ImportOptions", "ImportResult", "import_file", "parse_overrides", "preview"]

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
    """

    encoding: str | None = None
    sheet: str | None = None
    overrides: dict[str, str] = field(default_factory=dict)
    keep_extra: bool = True
    dry_run: bool = False
    report_path: Path | None = None
    language: str = "zh_CN"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did; `report` is the report's path, or None when there was nothing
    to report."""

    file_name: str
    rows: int
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
        }  # fmt: skip


class _DryRun(Exception):
    """Raised inside the transaction of a dry run, to roll it back."""


def preview(path: Path, options: ImportOptions, rows: int = 20) -> tuple[Table, Mapping]:
    """The table as read and the mapping found, for a preview before importing."""
    table = read_table(path, encoding=options.encoding, sheet=options.sheet)
    mapping = find_mapping(table.rows, options.overrides, options.keep_extra, path.name)
    return Table(table.rows[: mapping.header_row + 1 + rows], table.row_numbers,
                 table.encoding, table.sheet, table.sheets), mapping  # fmt: skip


def import_file(
    db: Database,
    path: Path,
    options: ImportOptions,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ImportResult:
    """Import one billing export into the clinic file (see the module's docstring)."""
    report = progress or (lambda _f, _s: None)

    def check(fraction: float, stage: str) -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        report(fraction, stage)

    check(0.0, "read")
    table = read_table(path, encoding=options.encoding, sheet=options.sheet)
    mapping = find_mapping(table.rows, options.overrides, options.keep_extra, path.name)
    total = len(table.rows) - mapping.header_row - 1
    records, issues = parse_rows(
        table, mapping, lambda done: check(0.1 + 0.3 * done / max(total, 1), "parse")
    )
    check(0.4, "match")
    rejected = sum(i.rejected for i in issues)
    written, people = _write(db, path, records, rejected, options, check)
    issues += _warnings(people, records, table, mapping)
    report_path = _report(issues, table, mapping, path, options)
    return ImportResult(
        file_name=path.name, rows=total, imported=written[0],
        rejected=sum(i.rejected for i in issues),
        duplicates_skipped=written[1], patients_created=written[2], patients_matched=written[3],
        warnings=sum(not i.rejected for i in issues), report=report_path,
        encoding=table.encoding, sheet=table.sheet,
        columns={mapping.headers[i]: f for f, i in mapping.columns.items()},
        dry_run=options.dry_run, previously_imported=written[4],
        issues=tuple(sorted(issues, key=lambda i: i.row)),
    )  # fmt: skip


def _write(
    db: Database,
    path: Path,
    records: list[Record],
    rejected: int,
    options: ImportOptions,
    check: Callable[[float, str], None],
) -> tuple[tuple[int, int, int, int, str | None], list[Person]]:
    file_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    previous = db.execute("SELECT min(imported_at) FROM import_batches WHERE file_hash = ?",
                          [file_hash]).fetchone()[0]  # fmt: skip
    say = lambda key: i18n.message(key, options.language)  # noqa: E731
    batch = {"file_name": path.name, "file_hash": file_hash, "source": say("import.source")}
    people: list[Person] = []
    counts = (0, 0, 0, 0)
    try:
        with db.atomic():
            people = resolve(db, records)
            check(0.5, "write")
            written = write(db, people, records, batch, say("import.no_item"),
                            lambda p: _unnamed(p, options.language),
                            lambda f: check(0.5 + 0.5 * f, "write"))  # fmt: skip
            counts = (written.imported, written.duplicates, written.patients_created,
                      written.patients_matched)  # fmt: skip
            _finish_batch(db, written.batch_id, len(records) + rejected, rejected, counts)
            if options.dry_run or (written.imported == 0 and written.patients_created == 0):
                raise _DryRun  # nothing new, or only looking: leave no trace
    except _DryRun:
        pass
    return (*counts, previous), people


def _finish_batch(
    db: Database, batch_id: int, rows: int, rejected: int, counts: tuple[int, int, int, int]
) -> None:
    db.execute(
        "UPDATE import_batches SET rows_total = ?, rows_imported = ?, rows_rejected = ?,"
        " patients_created = ? WHERE id = ?",
        [rows, counts[0], rejected, counts[2], batch_id],
    )


def _unnamed(person: Person, language: str) -> str:
    ident = person.card or (
        person.mobile[:3] + "****" + person.mobile[-4:] if person.mobile else ""
    )
    return i18n.message("import.unnamed", language, ident=ident)


def _warnings(
    people: list[Person], records: list[Record], table: Table, mapping: Mapping
) -> list[Issue]:
    by_row = {n: i for i, n in enumerate(table.row_numbers)}
    out = []
    for person in people:
        for index, key, params in person.warnings:
            number = records[index].row
            cells = tuple("" if v is None else str(v) for v in table.rows[by_row[number]])
            out.append(Issue(number, False, key, dict(params), cells))
        if person.new and not person.name:
            number = records[person.rows[0]].row
            cells = tuple("" if v is None else str(v) for v in table.rows[by_row[number]])
            out.append(Issue(number, False, "import.warn.unnamed", {}, cells))
    return out


def _report(issues: list[Issue], table: Table, mapping: Mapping, path: Path,
            options: ImportOptions) -> Path | None:  # fmt: skip
    if not issues or options.report_path is None:
        return None
    ordered = sorted(issues, key=lambda i: i.row)
    write_report(options.report_path, ordered, mapping.headers, options.language)
    return options.report_path
