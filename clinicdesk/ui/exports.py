"""A tab's exports, built and written on a reader with a small progress window.

A list of 70,000 tiered patients takes tens of seconds to write as .xlsx, and the call
list fills in every patient's script: both ran on the GUI thread. Here the rows are
read on the task's own connection and the file is written there too; the window goes
on, a progress window appears after a second and can cancel (nothing is left behind:
`core.export.written`), and a file that cannot be written is a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from clinicdesk.core.errors import Cancelled
from clinicdesk.ui.dialogs.progress_window import ProgressWindow
from clinicdesk.workers.runner import Handle, Task, TaskRunner, describe


class Exporter(QObject):
    """Runs the exports of one tab."""

    def __init__(self, owner: QWidget, runner: TaskRunner, language: str) -> None:
        super().__init__(owner)
        self.owner, self.runner, self.language = owner, runner, language

    def export(self, title: str, path: Path, write: Callable[[Task], object]) -> Handle:
        """Run `write` (it writes `path`, reporting progress and checking the task's
        cancel event) on a reader; returns its handle."""
        window = ProgressWindow(
            self.owner,
            title,
            self.tr("Writing %1…").replace("%1", path.name),
            cancel_text=self.tr("Cancel"),
        )

        def done(_result: object) -> None:
            window.finish()

        def failed(error: Exception) -> None:
            window.finish()
            if not isinstance(error, Cancelled):
                QMessageBox.warning(self.owner, title, describe(error, self.language))

        handle = self.runner.read(
            write, owner=self.owner, progress=window.set_progress, success=done, failure=failed
        )
        window.track(handle)
        return handle
