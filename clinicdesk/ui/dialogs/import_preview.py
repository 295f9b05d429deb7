"""The import dialog's background work: a preview of the first rows, and the import."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from clinicdesk.core.db import open_clinic
from clinicdesk.core.importer import ImportOptions, ImportResult, import_file, preview
from clinicdesk.core.importer.columns import Mapping
from clinicdesk.core.importer.parse import Issue, Record, parse_rows
from clinicdesk.core.importer.table import Table
from clinicdesk.workers.runner import Progress

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


def import_task(
    db_path: Path, source: Path, options: ImportOptions
) -> Callable[[Progress, threading.Event], ImportResult]:
    """A task for the runner: import `source` into the clinic file at `db_path`."""

    def run(progress: Progress, cancel: threading.Event) -> ImportResult:
        db = open_clinic(db_path)
        try:
            return import_file(db, source, options, progress=progress, cancel=cancel)
        finally:
            db.close()

    return run
