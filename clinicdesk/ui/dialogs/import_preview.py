"""The import dialog's background work: a preview of the first rows, and the import
(planned on a reader, written by the writer)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from clinicdesk.core.importer import (
    ImportOptions,
    ImportPlan,
    ImportResult,
    apply_import,
    plan_import,
    preview,
)
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


def plan_task(source: Path, options: ImportOptions) -> Callable[[Task], ImportPlan]:
    """A read task: read, parse and match `source` (no lock taken)."""
    return lambda task: plan_import(task.db, source, options, task.progress, task.cancel)


def apply_task(plan: ImportPlan) -> Callable[[Task], ImportResult]:
    """A write task: write a planned import, in short steps that let the window's other
    writes through between them; then let go of the plan's rows, on the writer."""

    def work(task: Task) -> ImportResult:
        try:
            return apply_import(
                task.db, plan, task.progress, task.cancel, between=task.let_writes_through
            )
        finally:
            plan.release()

    return work
