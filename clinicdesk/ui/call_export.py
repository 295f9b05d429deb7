"""The call list's export: the list as shown, each script filled in for the caller,
written on a reader to .xlsx, .csv or a printable A4 .pdf (issue 14's `Exporter`)."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QWidget
from sqlite_utils import Database

from clinicdesk.core.calls import CallEntry, filled_scripts
from clinicdesk.core.db.lists import mask_mobile
from clinicdesk.core.export import write_table, written
from clinicdesk.ui.exports import Exporter
from clinicdesk.workers.runner import Handle, Task, TaskRunner

_SCRIPT_BATCH = 2000  # entries whose scripts are filled in at once (progress, cancel)


@dataclass(frozen=True)
class ScriptFill:
    """What filling in the scripts needs besides the entries (read on the GUI thread)."""

    language: str
    today: dt.date
    caller: str | None
    offer: str | None


class CallExport(QObject):
    """Exports a call list in the background, with the exporter's progress window."""

    def __init__(self, owner: QWidget, runner: TaskRunner, language: str) -> None:
        super().__init__(owner)
        self.language = language
        self.exporter = Exporter(owner, runner, language)

    def headers(self) -> list[str]:
        """The export's column names: name, phone (as shown), tier, reasons, owner, script."""
        return [
            self.tr("Name"),
            self.tr("Mobile"),
            self.tr("Tier"),
            self.tr("Why"),
            self.tr("Owner"),
            self.tr("Script"),
        ]

    def export(
        self, path: Path, entries: list[CallEntry], title: str, reveal: bool, fill_in: ScriptFill
    ) -> Handle:
        """Write `entries` to `path` (.xlsx, .csv or .pdf by the suffix) on a reader."""
        headers = self.headers()

        def write(task: Task) -> None:
            rows = call_rows(task.db, entries, fill_in, reveal, task)
            if path.suffix.lower() == ".pdf":
                write_pdf(path, title, headers, rows)
            else:
                write_table(path, headers, rows, task.progress, task.cancel)

        return self.exporter.export(self.tr("Export the call list"), path, write)


def call_rows(
    db: Database, entries: list[CallEntry], fill_in: ScriptFill, reveal: bool, task: Task
) -> list[list[Any]]:
    """The list's rows for export, each script filled in (reads on the task's connection,
    a batch at a time; the first half of the task's progress)."""
    rows = []
    for start in range(0, len(entries), _SCRIPT_BATCH):
        task.check()
        task.progress(0.5 * start / max(len(entries), 1), "scripts")
        batch = entries[start : start + _SCRIPT_BATCH]
        scripts = filled_scripts(db, batch, fill_in.language, today=fill_in.today,
                                 caller=fill_in.caller, offer=fill_in.offer)  # fmt: skip
        for entry, script in zip(batch, scripts, strict=True):
            phone = entry.mobile if reveal else mask_mobile(entry.mobile)
            rows.append([entry.name, phone, entry.tier or "", entry.why(fill_in.language),
                         entry.owner or "", script.text])  # fmt: skip
    return rows


def write_pdf(path: Path, title: str, headers: list[str], rows: list[list[Any]]) -> None:
    """A printable A4 list, Chinese included (Qt draws the text with the system's fonts).

    Raises:
        KnownError: the file cannot be written.
    """
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    page = (
        f"<h2>{html.escape(title)}</h2><table border='1' cellspacing='0' cellpadding='3'"
        f" width='100%'><tr>{cells}</tr>{body}</table>"
    )
    with written(path) as partial:
        writer = QPdfWriter(str(partial))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setResolution(96)
        document = QTextDocument()
        document.setHtml(page)
        document.setPageSize(writer.pageLayout().paintRectPixels(96).size().toSizeF())
        document.print_(writer)
        del writer  # closes the file before it is moved into place
