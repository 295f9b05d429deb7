"""The import dialog's background work: a preview of the first rows, and the import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from clinicdesk.core.importer import ImportOptions, ImportResult, import_file, preview
from clinicdesk.core.importer.columns import Mapping
from clinicdesk.core.importer.parse import Issue, Record, parse_rows
from clinicdesk.core.importer.table import Table
from clinicdesk.workers.runner import Task

PREVIEW_ROWS = 20


@dataclass(frozen=True)
class Preview:
    """What the dialog shows before importing."""

    table: Table
    mapping: Mapping
    records: list[Record]
    issues: list[Issue]


def preview_task(path: Path, options: ImportOptions) -> Preview:
    """Read the file, find the mapping and parse the first rows (run in the worker)."""
    table, mapping = preview(path, options, PREVIEW_ROWS)
    records, issues = parse_rows(table, mapping)
    return Preview(table, mapping, records, issues)


def import_task(source: Path, options: ImportOptions) -> Callable[[Task], ImportResult]:
    """A task for the runner: import `source` into the runner's clinic file."""

    def run(task: Task) -> ImportResult:
        return import_file(task.db, source, options, progress=task.progress, cancel=task.cancel)

    return run
