"""The main window: three tabs (patient file, tier overview, call list), menus, status bar.

The engine runs in the background when the window opens (and
after an import), through the tier overview, so the patient file can show each
patient's tier, RFM segment and rhythm.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk import __version__, paths
from clinicdesk.core import i18n
from clinicdesk.core.backup import backup, backup_due, prune, restore
from clinicdesk.core.calls import CallRules
from clinicdesk.core.db.check import ClinicFileFacts, check_clinic_file
from clinicdesk.core.db.clinic import get_setting, is_demo
from clinicdesk.core.db.patients import count_patients
from clinicdesk.core.errors import Cancelled, KnownError
from clinicdesk.core.lock import ClinicLock
from clinicdesk.core.segmentation import cache as facts_cache
from clinicdesk.core.segmentation.engine import SegmentationResult
from clinicdesk.ui.call_tab import CallTab
from clinicdesk.ui.dialogs.import_dialog import ImportDialog
from clinicdesk.ui.dialogs.progress_window import ProgressWindow
from clinicdesk.ui.patient_tab import PatientTab
from clinicdesk.ui.tier_tab import TierTab
from clinicdesk.ui.translation import fill
from clinicdesk.workers.runner import Handle, TaskRunner, describe


def window_settings() -> QSettings:
    """The window's own settings (size, last tab), an INI file in the data folder."""
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    """The ClinicDesk window on one open clinic file.

    Attributes:
        db: the GUI thread's connection to the clinic file.
        path: the clinic file's path.
        tabs: the three tabs, in the order patient file, tier overview, call list.
        segmentation: the latest engine result, once it has run.

    Signals:
        open_requested(Path): the user chose another clinic file to open.
        backed_up(Path): a backup asked for was written (and checked).
    """

    open_requested = Signal(Path)
    backed_up = Signal(Path)

    def __init__(
        self,
        db: Database,
        path: Path,
        language: str | None = None,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.path = path
        self.language = language or i18n.system_language()
        self.runner = runner or TaskRunner(path, self.language, self)
        self.segmentation: SegmentationResult | None = None
        self.lock: ClinicLock | None = None  # the clinic file's lock, set by whoever opened it
        self._closing_backup: Handle | None = None
        self.patient_tab = PatientTab(db, self.runner, self.language)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.patient_tab, self.tr("Patient file"))
        self.tier_tab = TierTab(db, self.runner, self.language)
        self.tabs.addTab(self.tier_tab, self.tr("Tier overview"))
        self.call_tab = CallTab(db, self.runner, self.language)
        self.call_tab.load_staff()
        self.call_tab.load_campaigns()
        self.tabs.addTab(self.call_tab, self.tr("Call list"))
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        if is_demo(db):  # nobody should mistake invented patients for real ones
            banner = QLabel(self.tr("Demo clinic: the patients are invented. Try anything."))
            banner.setStyleSheet("background: #fff3cd; color: #7a5d00; padding: 4px;")
            central_layout.addWidget(banner)
        central_layout.addWidget(self.tabs)
        self.setCentralWidget(central)
        self.status_label = QLabel()
        # Permanent: temporary messages (backups, reminders) show beside it, not over it.
        self.statusBar().addPermanentWidget(self.status_label)
        self._build_menus()
        self.patient_tab.patients_changed.connect(self.refresh_status)
        self.tier_tab.computed.connect(self._on_tiers_computed)
        self.tier_tab.saved.connect(self._on_tiers_saved)
        self.tier_tab.open_patient.connect(self._on_open_patient)
        self.call_tab.open_patient.connect(self._on_open_patient)
        self.call_tab.logged.connect(self._on_call_logged)
        self._restore_settings()
        self.refresh_status()
        masked = str(window_settings().value("mask_phones", "true")).lower() == "true"
        self.patient_tab.reveal_check.setChecked(not masked)
        self.tier_tab.load_cutoffs()
        self.run_engine()
        self.remind_offsite_backup()

    # Status and engine

    def refresh_status(self) -> None:
        """Show the clinic, its file, its patient count and the last saved tier run."""
        name = get_setting(self.db, "clinic_name") or self.path.stem
        self.setWindowTitle(f"{name} — ClinicDesk")
        count = count_patients(self.db)
        last = self.db.execute("SELECT max(created_at) FROM tier_runs").fetchone()[0]
        run = (
            self.tr("last tier run %1").replace("%1", last[:10])
            if last
            else self.tr("no tier run saved yet")
        )
        self.status_label.setText(
            fill(self.tr("%1 · %2 patients · %3"), str(self.path), f"{count:,}", run)
        )

    def run_engine(self) -> None:
        """Run the engine in the background with the tier overview's settings (not saved)."""
        self.tier_tab.run(save=False)

    def _on_tiers_computed(self, result: SegmentationResult) -> None:
        self.segmentation = result
        self.patient_tab.file.set_segmentation(result)
        self.patient_tab.model.set_segmentation(result)
        self.call_tab.set_segmentation(result)

    def _on_tiers_saved(self, _run_id: int) -> None:
        self.refresh_status()  # the list has the run already: `computed` comes first

    def _on_call_logged(self, patient_id: int) -> None:
        # The open file shows the new contact, unless it holds edits of its own.
        file = self.patient_tab.file
        if file.patient_id == patient_id and not file.is_dirty():
            file.show_patient(patient_id)

    def _on_open_patient(self, patient_id: int) -> None:
        self.tabs.setCurrentIndex(0)
        self.patient_tab.open_patient(patient_id)

    # Menus

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: object,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_file_action = self._action(self.tr("&New clinic file…"), None, self._on_new_file)
        self.open_action = self._action(
            self.tr("&Open clinic file…"), QKeySequence.StandardKey.Open, self._on_open_file
        )
        self.import_action = self._action(
            self.tr("&Import billing export…"), "Ctrl+I", self.open_import_dialog
        )
        self.backup_action = self._action(self.tr("&Back up now"), None, self._on_backup)
        self.backup_elsewhere_action = self._action(
            self.tr("Back up to a &folder…"), None, self._on_backup_elsewhere
        )
        self.restore_action = self._action(
            self.tr("&Restore from a backup…"), None, self._on_restore
        )
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        for action in (
            self.new_file_action,
            self.open_action,
            None,
            self.import_action,
            self.backup_action,
            self.backup_elsewhere_action,
            self.restore_action,
            None,
            self.quit_action,
        ):
            file_menu.addAction(action) if action else file_menu.addSeparator()
        edit_menu = bar.addMenu(self.tr("&Edit"))
        tab = self.patient_tab
        self.new_patient_action = self._action(
            self.tr("&New patient"), QKeySequence.StandardKey.New, self._on_new_patient
        )
        self.find_action = self._action(
            self.tr("&Find patient"), QKeySequence.StandardKey.Find, self._on_find
        )
        self.save_action = self._action(
            self.tr("&Save patient"), QKeySequence.StandardKey.Save, tab.file.save
        )
        self.settings_action = self._action(
            self.tr("Se&ttings…"), QKeySequence.StandardKey.Preferences, self.open_settings
        )
        for action in (self.new_patient_action, self.find_action, self.save_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)
        view_menu = bar.addMenu(self.tr("&View"))
        for number in range(3):
            view_menu.addAction(
                self._action(
                    self.tabs.tabText(number),
                    f"Ctrl+{number + 1}",
                    lambda _c=False, n=number: self.tabs.setCurrentIndex(n),
                )
            )
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(
            self._action(self.tr("&About ClinicDesk"), None, self._on_about_triggered)
        )

    def _on_new_patient(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.patient_tab.new_patient()

    def _on_find(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.patient_tab.search.setFocus()
        self.patient_tab.search.selectAll()

    def open_settings(self) -> bool:
        """The settings dialog; True if the user saved."""
        from clinicdesk.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.db, window_settings(), self.language, self)
        if not dialog.exec():
            return False
        self.apply_settings()
        return True

    def apply_settings(self) -> None:
        """Take the saved settings into the open window (the language needs a restart)."""
        self.refresh_status()
        self.call_tab.rules = CallRules.from_clinic(self.db)
        self.call_tab.load_staff()
        masked = str(window_settings().value("mask_phones", "true")).lower() == "true"
        self.patient_tab.reveal_check.setChecked(not masked)
        self.tier_tab.load_cutoffs()
        self.run_engine()

    def open_import_dialog(self) -> ImportDialog:
        """Open the import dialog (File > Import billing export)."""
        dialog = ImportDialog(self.runner, self.language, self)
        dialog.imported.connect(self._on_imported)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_imported(self, _result: object) -> None:
        self.refresh_status()
        self.patient_tab.run_search()
        self.run_engine()

    def _on_new_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("New clinic file"), str(paths.data_dir()), self.tr("Clinic files (*.db)")
        )
        if name:
            path = Path(name)
            if path.exists():
                QMessageBox.warning(
                    self,
                    self.tr("New clinic file"),
                    self.tr("That file exists already; open it instead."),
                )
                return
            self.open_requested.emit(path)

    def _on_open_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open clinic file"), str(self.path.parent), self.tr("Clinic files (*.db)")
        )
        if name:
            self.open_requested.emit(Path(name))

    def _on_backup(self) -> None:
        self.back_up_to(paths.backups_dir())

    def _on_backup_elsewhere(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Back up to a folder"))
        if folder:
            self.back_up_to(Path(folder))

    def back_up_to(self, folder: Path) -> None:
        """Write a checked copy of the clinic file into `folder`, in the background: the
        window stays usable, a small window shows the progress after a second and can
        cancel it. `backed_up` says when it is done."""
        window = self._backup_window(self.tr("Backing up the clinic file…"), modal=False)
        path = self.path

        def done(made: Path) -> None:
            window.finish()
            self._on_backed_up(made, folder)

        def failed(error: Exception) -> None:
            window.finish()
            self._on_backup_failed(error)

        handle = self.runner.read(
            lambda task: backup(path, folder, progress=task.progress, cancel=task.cancel),
            owner=self,
            progress=window.set_progress,
            success=done,
            failure=failed,
        )
        window.track(handle)

    def _backup_window(self, text: str, modal: bool, cancel: str | None = None) -> ProgressWindow:
        return ProgressWindow(
            self,
            self.tr("Back up"),
            text,
            cancel_text=cancel or self.tr("Cancel"),
            stages={
                "copy": self.tr("Copying the clinic file…"),
                "check": self.tr("Checking the copy…"),
            },
            modal=modal,
        )

    def _on_backed_up(self, made: Path, folder: Path) -> None:
        prune(paths.backups_dir(), self.path.stem)
        if folder != paths.backups_dir():  # a copy off this disk: remember when
            window_settings().setValue("offsite_backup", dt.date.today().isoformat())
        self.statusBar().showMessage(self.tr("Backed up to %1").replace("%1", str(made)), 15_000)
        self.backed_up.emit(made)

    def _on_backup_failed(self, error: Exception) -> None:
        if isinstance(error, Cancelled):
            self.statusBar().showMessage(self.tr("Backup cancelled; nothing was written."), 15_000)
        else:
            QMessageBox.warning(self, self.tr("Back up"), describe(error, self.language))

    def remind_offsite_backup(self, days: int = 30) -> bool:
        """Say so when no backup went to another folder (a USB drive) for `days` days: a
        copy on the same disk does not survive a disk failure. True if reminded."""
        last = str(window_settings().value("offsite_backup", ""))
        if last and dt.date.fromisoformat(last) > dt.date.today() - dt.timedelta(days=days):
            return False
        self.statusBar().showMessage(
            self.tr(
                "No backup was made to another drive for %1 days: File > Back up to a folder, "
                "onto a USB drive."
            ).replace("%1", str(days)),
            60_000,
        )
        return True

    def _on_restore(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from a backup"),
            str(paths.backups_dir()),
            self.tr("Clinic files (*.db)"),
        )
        if name:
            self.restore_from(Path(name))

    def restore_from(self, backup_file: Path, confirm: bool = True) -> bool:
        """Replace the open clinic file by `backup_file` and reopen it; False if not done.

        The backup must pass every check of `check_clinic_file`; the question shows what
        it holds (clinic, patients, when it was made)."""
        try:
            facts = check_clinic_file(backup_file)
        except KnownError as exc:
            self._warn_restore(exc.message(self.language))
            return False
        if (confirm and not self._confirm_restore(facts)) or not self.patient_tab.confirm_leave():
            return False
        lock = self.lock if self.lock is not None and self.lock.held else ClinicLock(self.path)
        if not lock.try_acquire():  # a second window on the file: the first one has it
            self._warn_restore(i18n.message("db.in_use", self.language, path=self.path))
            return False
        self.runner.shutdown(wait=True)
        self.db.close()
        facts_cache.SHARED.clear()  # its connection would hold the file open
        try:
            safety: Path | None = restore(
                backup_file, self.path, paths.backups_dir(), checked=facts
            )[0]
        except KnownError as exc:  # the clinic file is as it was: it is reopened
            self._warn_restore(exc.message(self.language))
            safety = None
        finally:
            if lock is not self.lock:
                lock.release()
        self._restored = True
        if safety is not None:
            logging.getLogger("clinicdesk").info("restored a backup; the previous file was kept")
            self.statusBar().showMessage(
                self.tr("Restored; the previous file is kept as %1").replace("%1", safety.name)
            )
        self.open_requested.emit(self.path)
        return safety is not None

    def _confirm_restore(self, facts: ClinicFileFacts) -> bool:
        question = self.tr(
            "Replace the clinic file by this backup?\n\n%1\n\nThe file as it is now is "
            "kept as a backup first, so this can be undone."
        ).replace("%1", facts.summary(self.language))
        answer = QMessageBox.question(self, self.tr("Restore"), question)
        return answer == QMessageBox.StandardButton.Yes

    def _warn_restore(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Restore"), text)

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About ClinicDesk"),
            self.tr(
                "ClinicDesk %1\nPatient relationships for small private clinics, "
                "offline on one clinic file."
            ).replace("%1", __version__),
        )

    # Settings and closing

    def _restore_settings(self) -> None:
        settings = window_settings()
        geometry = settings.value("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 760)
        self.tabs.setCurrentIndex(int(str(settings.value("tab", 0))))

    def save_settings(self) -> None:
        """Remember the window's size, position and tab."""
        settings = window_settings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("tab", self.tabs.currentIndex())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        restored = getattr(self, "_restored", False)
        if not restored and not self.patient_tab.confirm_leave():
            event.ignore()
            return
        importing = self.findChild(ImportDialog)
        if importing is not None and not importing.confirm_stop():
            event.ignore()  # the import goes on, in sight
            return
        if self._closing_backup is not None and not self._closing_backup.done:
            event.ignore()  # the backup before closing is under way; it closes the window
            return
        if (
            not restored
            and self._closing_backup is None
            and backup_due(paths.backups_dir(), self.path.stem)
        ):
            event.ignore()
            self._back_up_before_closing()
            return
        self.save_settings()
        self.runner.shutdown(wait=False)
        super().closeEvent(event)

    def _back_up_before_closing(self) -> None:
        """The automatic backup (at most daily, the last 14 kept), in a small window that
        stays until it is done (or skipped); then the window closes."""
        self.runner.discard_all()  # the tabs' reads are no longer wanted: it starts at once
        window = self._backup_window(
            self.tr("Backing up the clinic file before closing…"),
            modal=True,
            cancel=self.tr("Skip this time"),
        )
        path, folder = self.path, paths.backups_dir()

        def done(made: Path | None) -> None:
            window.finish()
            if made is not None:
                prune(folder, path.stem)
            QTimer.singleShot(0, self.close)  # not from inside this close: Qt ignores that

        def failed(error: Exception) -> None:
            if not isinstance(error, Cancelled):
                logging.getLogger("clinicdesk").warning(
                    "automatic backup failed: %s", getattr(error, "key", type(error).__name__)
                )
            done(None)

        self._closing_backup = self.runner.read(
            lambda task: backup(path, folder, progress=task.progress, cancel=task.cancel),
            owner=self,
            progress=window.set_progress,
            success=done,
            failure=failed,
        )
        window.track(self._closing_backup)
