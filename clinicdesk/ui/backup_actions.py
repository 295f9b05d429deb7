"""The window's backups and restores: each in the background, with a small progress window.

A backup reads the clinic file while the window goes on (SQLite's online backup sees one
consistent state); at 100,000 patients it takes tens of seconds (the copy, then its
integrity check), so it shows its progress and can be cancelled. A restore checks the
backup first (every check of `core.db.check`, cancellable), asks what it holds, then
closes the file and puts the backup in its place with a window that cannot be stopped
half-way, and opens the file again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from clinicdesk import paths
from clinicdesk.core import i18n
from clinicdesk.core.backup import backup, offsite_reminder_days, prune, restore
from clinicdesk.core.db.check import ClinicFileFacts, check_clinic_file
from clinicdesk.core.db.clinic import holds_data_since
from clinicdesk.core.errors import Cancelled
from clinicdesk.core.lock import ClinicLock
from clinicdesk.core.segmentation import cache as facts_cache
from clinicdesk.ui.dialogs.progress_window import ProgressWindow
from clinicdesk.workers.runner import Handle, describe

if TYPE_CHECKING:
    from clinicdesk.ui.main_window import MainWindow

_log = logging.getLogger("clinicdesk")


class BackupActions(QObject):
    """File > Back up now, Back up to a folder, Restore, and the backup before closing.

    Signals:
        backed_up(Path): a backup asked for was written and checked.
    """

    backed_up = Signal(Path)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.closing: Handle | None = None  # the backup before closing, once started

    def back_up_now(self) -> None:
        """File > Back up now: into the backups folder."""
        self.back_up_to(paths.backups_dir())

    def back_up_elsewhere(self) -> None:
        """File > Back up to a folder (a USB drive)."""
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Back up to a folder"))
        if folder:
            self.back_up_to(Path(folder))

    def back_up_to(self, folder: Path) -> None:
        """Write a checked copy of the clinic file into `folder`, in the background."""
        progress = self._progress(self.tr("Backing up the clinic file…"), modal=False)
        self._run_backup(folder, progress, self._on_backed_up, self._on_backup_failed)

    def back_up_before_closing(self, then: Callable[[], object]) -> None:
        """The automatic backup (at most daily, the last 14 kept) in a window that stays
        until it is done or skipped; `then` (closing the window) runs after, either way."""
        progress = self._progress(
            self.tr("Backing up the clinic file before closing…"),
            modal=True,
            cancel=self.tr("Skip this time"),
        )

        def done(_made: Path) -> None:
            prune(paths.backups_dir(), self.window.path.stem)
            QTimer.singleShot(0, self, then)  # not inside the closing event: Qt ignores that

        def failed(error: Exception) -> None:
            if not isinstance(error, Cancelled):
                _log.warning("automatic backup failed: %s", getattr(error, "key", "unexpected"))
            QTimer.singleShot(0, self, then)

        self.closing = self._run_backup(paths.backups_dir(), progress, done, failed)

    def closing_under_way(self) -> bool:
        """Whether the backup before closing runs (the window closes when it ends)."""
        return self.closing is not None and not self.closing.done

    def restore_from(self, backup_file: Path, confirm: bool = True) -> None:
        """Check `backup_file` (every check of `check_clinic_file`, in the background),
        ask (the question says what it holds), then replace the open clinic file by it
        and open the file again."""
        progress = ProgressWindow(
            self.window,
            self.tr("Restore"),
            self.tr("Checking the backup…"),
            cancel_text=self.tr("Cancel"),
        )

        def checked(facts: ClinicFileFacts) -> None:
            progress.finish()
            self._on_backup_checked(facts, confirm)

        def failed(error: Exception) -> None:
            progress.finish()
            if not isinstance(error, Cancelled):
                self._warn_restore(describe(error, self._lang))

        handle = self.window.runner.read(
            lambda task: check_clinic_file(
                backup_file, progress=lambda f: task.progress(f, ""), cancel=task.cancel
            ),
            owner=self.window,
            progress=progress.set_progress,
            success=checked,
            failure=failed,
        )
        progress.track(handle)

    def remind_offsite(self, every: int = 30) -> bool:
        """Say so when the file went `every` days or more without a backup to another
        folder (a USB drive), counted from when it first held data (an empty or new file
        is never overdue): a copy on the same disk does not survive a disk failure. True
        if reminded."""
        from clinicdesk.ui.main_window import window_settings

        last = str(window_settings().value("offsite_backup", ""))
        since = holds_data_since(self.window.db)
        last_day = dt.date.fromisoformat(last) if last else None
        days = offsite_reminder_days(last_day, since, dt.date.today(), every)
        if days is None:
            return False
        self.window.statusBar().showMessage(
            self.tr(
                "No backup was made to another drive for %1 days: File > Back up to a folder, "
                "onto a USB drive."
            ).replace("%1", str(days)),
            60_000,
        )
        return True

    # Backing up

    @property
    def _lang(self) -> str:
        return self.window.language

    def _progress(self, text: str, modal: bool, cancel: str | None = None) -> ProgressWindow:
        return ProgressWindow(
            self.window,
            self.tr("Back up"),
            text,
            cancel_text=cancel or self.tr("Cancel"),
            stages={
                "copy": self.tr("Copying the clinic file…"),
                "check": self.tr("Checking the copy…"),
            },
            modal=modal,
        )

    def _run_backup(
        self,
        folder: Path,
        progress: ProgressWindow,
        success: Callable[[Path], None],
        failure: Callable[[Exception], None],
    ) -> Handle:
        source = self.window.path

        def done(made: Path) -> None:
            progress.finish()
            success(made)

        def failed(error: Exception) -> None:
            progress.finish()
            failure(error)

        handle = self.window.runner.read(
            lambda task: backup(source, folder, progress=task.progress, cancel=task.cancel),
            owner=self.window,
            progress=progress.set_progress,
            success=done,
            failure=failed,
        )
        progress.track(handle)
        return handle

    def _on_backed_up(self, made: Path) -> None:
        from clinicdesk.ui.main_window import window_settings

        prune(paths.backups_dir(), self.window.path.stem)
        if made.parent != paths.backups_dir():  # a copy off this disk: remember when
            window_settings().setValue("offsite_backup", dt.date.today().isoformat())
        self.window.statusBar().showMessage(
            self.tr("Backed up to %1").replace("%1", str(made)), 15_000
        )
        self.backed_up.emit(made)

    def _on_backup_failed(self, error: Exception) -> None:
        if isinstance(error, Cancelled):
            self.window.statusBar().showMessage(
                self.tr("Backup cancelled; nothing was written."), 15_000
            )
        else:
            QMessageBox.warning(self.window, self.tr("Back up"), describe(error, self._lang))

    # Restoring

    def _on_backup_checked(self, facts: ClinicFileFacts, confirm: bool) -> None:
        window = self.window
        question = self.tr(
            "Replace the clinic file by this backup?\n\n%1\n\nThe file as it is now is "
            "kept as a backup first, so this can be undone."
        ).replace("%1", facts.summary(self._lang))
        if confirm and (
            QMessageBox.question(window, self.tr("Restore"), question)
            != QMessageBox.StandardButton.Yes
        ):
            return
        if not window.patient_tab.confirm_leave():
            return
        held = window.lock is not None and window.lock.held
        lock = window.lock if held and window.lock is not None else ClinicLock(window.path)
        if not lock.try_acquire():  # a second window on the file: the first one has it
            self._warn_restore(i18n.message("db.in_use", self._lang, path=window.path))
            return
        self._replace_by(facts, lock if lock is not window.lock else None)

    def _replace_by(self, facts: ClinicFileFacts, own_lock: ClinicLock | None) -> None:
        """Close the file (every connection: Windows cannot replace an open file) and put
        the backup in its place, then open the file again, restored or not; `own_lock`,
        taken for the restore only, is let go after it."""
        window, old_runner = self.window, self.window.runner
        old_runner.shutdown(wait=False)
        for timer in window.findChildren(QTimer):
            timer.stop()  # nothing may read the file while it is replaced
        window.hand_over()
        progress = ProgressWindow(
            window, self.tr("Restore"), self.tr("Restoring the backup…"), delay_ms=0
        )
        restorer = type(old_runner)(None, self._lang, self)
        path = window.path

        def work(_task: object) -> Path:
            old_runner.join()  # the window's readers and writer have closed their connections
            facts_cache.SHARED.clear()  # its connection would hold the file open too
            try:
                return restore(facts.path, path, paths.backups_dir(), checked=facts)[0]
            finally:
                if own_lock is not None:
                    own_lock.release()

        def done(safety: Path) -> None:
            progress.finish()
            restorer.shutdown(wait=False)
            _log.info("restored a backup; the previous file was kept")
            notice = self.tr("Restored; the previous file is kept as %1").replace("%1", safety.name)
            window.open_requested.emit(path, notice)

        def failed(error: Exception) -> None:
            progress.finish()
            restorer.shutdown(wait=False)
            self._warn_restore(describe(error, self._lang))
            window.open_requested.emit(path, "")  # the file as it was

        progress.track(restorer.read(work, success=done, failure=failed))

    def _warn_restore(self, text: str) -> None:
        QMessageBox.warning(self.window, self.tr("Restore"), text)
