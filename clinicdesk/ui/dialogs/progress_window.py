"""A small window for one long task: what it does, how far it is, and Cancel where safe."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from clinicdesk.workers.runner import Handle, Task, TaskRunner

SHOW_AFTER_MS = 1000  # a task quicker than this shows no window at all


class ProgressWindow(QDialog):
    """The progress of one task of the runner (a backup, a restore, an export).

    It appears only when the task takes longer than `delay_ms`, and cannot be closed by
    its title bar or lost behind the main window (it is the main window's child): it
    goes when the task ends (`finish`). With `cancel_text` it has a button that asks
    the task to stop; without, the task is one that must not be stopped half-way.

    Example::

        window = ProgressWindow(self, self.tr("Back up"), self.tr("Backing up…"),
                                cancel_text=self.tr("Cancel"))
        handle = self.runner.read(work, owner=self, progress=window.set_progress,
                                  success=lambda r: (window.finish(), ...),
                                  failure=lambda e: (window.finish(), ...))
        window.track(handle)
    """

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        cancel_text: str | None = None,
        stages: dict[str, str] | None = None,
        modal: bool = False,
        delay_ms: int = SHOW_AFTER_MS,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setWindowModality(
            Qt.WindowModality.WindowModal if modal else Qt.WindowModality.NonModal
        )
        self.stages = stages or {}
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.cancel_button = QPushButton(cancel_text or "")
        self.cancel_button.setVisible(cancel_text is not None)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(380)
        self._handle: Handle | None = None
        self._finished = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.show)
        self._timer.start(delay_ms)

    def track(self, handle: Handle) -> None:
        """The task this window shows (its Cancel button asks it to stop)."""
        self._handle = handle
        if handle.done:
            self.finish()

    def set_progress(self, fraction: float, stage: str = "") -> None:
        """Show how far the task is (a fraction 0..1) and what its stage means."""
        self.bar.setValue(int(fraction * 1000))
        if stage in self.stages:
            self.label.setText(self.stages[stage])

    def finish(self) -> None:
        """The task ended: the window goes (or never appears)."""
        self._finished = True
        self._timer.stop()
        self.hide()
        self.deleteLater()

    def _on_cancel_clicked(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
        self.cancel_button.setEnabled(False)

    # Qt overrides

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._finished:
            event.ignore()  # it goes when the task ends

    def reject(self) -> None:
        # Esc: the same as the Cancel button, when there is one; never just hiding.
        if self.cancel_button.isVisible() and self.cancel_button.isEnabled():
            self._on_cancel_clicked()


def wait_for(
    work: Callable[[Task], Any], title: str, text: str, parent: QWidget | None = None
) -> Any:
    """Run `work` off the GUI thread while a modal progress window shows, and return its
    result (or raise its error). For long steps before the main window exists or inside
    a modal dialog (recovering a damaged file at start, building the demo clinic), where
    the user has nothing else to do; everywhere else, use the runner's callbacks.
    """
    loop = QEventLoop()
    window = ProgressWindow(parent, title, text, modal=True)
    window.setWindowModality(Qt.WindowModality.ApplicationModal)
    outcome: list[tuple[bool, Any]] = []

    def done(ok: bool, value: Any) -> None:
        outcome.append((ok, value))
        loop.quit()

    runner = TaskRunner()
    window.track(
        runner.read(
            work,
            success=lambda result: done(True, result),
            failure=lambda error: done(False, error),
            progress=window.set_progress,
        )
    )
    if not outcome:
        loop.exec()
    window.finish()
    runner.shutdown(wait=False)
    ok, value = outcome[0]
    if not ok:
        raise value
    return value
