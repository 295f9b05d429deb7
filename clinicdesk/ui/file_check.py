"""The full check of the clinic file: in the background, when it is due, never at opening.

A complete check (``PRAGMA quick_check``) reads the whole file: at 100,000 patients
600 MB, 15 s on a reception PC, and it ran before the window appeared. SQLite finds
damage by itself on every page it reads (the user then gets a message, and opening a
file damaged where opening reads is refused with its newest backup offered), so the
full check is maintenance, done the way Firefox maintains its places database: at an
idle moment, at most weekly (``PlacesDBUtils.maintenanceOnIdle``,
``MAINTENANCE_INTERVAL_SECONDS``), and replacing the file from a backup when it was
found damaged. Here: after the start-up work has finished (the runner is idle), when
the last shutdown was not clean (a crash, a power cut, a PC switched off while the
window was open: the window's own "open" mark was left set) or when the last complete
check is a week old. A damaged result offers the newest sound backup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QMessageBox

from clinicdesk import paths
from clinicdesk.core import i18n
from clinicdesk.core.backup import is_sound, newest_sound

if TYPE_CHECKING:
    from pathlib import Path

    from clinicdesk.ui.main_window import MainWindow

CHECK_EVERY = dt.timedelta(days=7)


class FileCheck(QObject):
    """The window's clean-shutdown mark and the background check it decides.

    Attributes:
        due: whether a check is to run once the window is idle.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.due = False
        digest = hashlib.sha1(str(window.path.resolve()).encode()).hexdigest()[:16]
        self._key = f"file_check/{digest}"

    def opened(self) -> None:
        """The window opened its file: note it (a clean close clears the mark) and, when
        the check is due, run it as soon as the start-up work is done."""
        settings = self._settings()
        unclean = str(settings.value(f"{self._key}/open", "false")) == "true"
        last = str(settings.value(f"{self._key}/checked", ""))
        stale = not last or dt.date.fromisoformat(last) <= dt.date.today() - CHECK_EVERY
        settings.setValue(f"{self._key}/open", "true")
        settings.sync()
        self.due = unclean or stale
        if self.due:
            self.window.runner.idle.connect(self._start)

    def closed(self) -> None:
        """The window closed normally."""
        settings = self._settings()
        settings.setValue(f"{self._key}/open", "false")
        settings.sync()

    def _settings(self) -> QSettings:
        from clinicdesk.ui.main_window import window_settings

        return window_settings()

    def _start(self) -> None:
        self.window.runner.idle.disconnect(self._start)
        path = self.window.path
        self.window.runner.read(
            lambda task: _check(path, task.cancel),
            owner=self.window,
            success=self._on_checked,
            failure=lambda _error: None,  # cancelled as the window closed: next time
        )

    def _on_checked(self, outcome: tuple[bool, Path | None]) -> None:
        sound, newest = outcome
        self.due = False
        if sound:
            settings = self._settings()
            settings.setValue(f"{self._key}/checked", dt.date.today().isoformat())
            settings.sync()
            return
        logging.getLogger("clinicdesk").warning("the background check found the file damaged")
        self._offer(newest)

    def _offer(self, newest: Path | None) -> None:
        language, path = self.window.language, self.window.path
        if newest is None:
            text = i18n.message("app.damaged_no_backup", language, path=path)
            QMessageBox.critical(self.window, "ClinicDesk", text)
            return
        text = i18n.message("app.damaged_found", language, path=path, backup=newest.name)
        if QMessageBox.question(self.window, "ClinicDesk", text) == QMessageBox.StandardButton.Yes:
            self.window.backups.restore_from(newest, confirm=False)


def _check(path: Path, cancel: threading.Event) -> tuple[bool, Path | None]:
    """(sound, None), or (False, the newest sound backup or None)."""
    if is_sound(path, quick=True, cancel=cancel):
        return True, None
    found = newest_sound(paths.backups_dir(), path.stem, cancel)
    return False, found.path if found is not None else None
