"""The main window: three tabs (patient file, tier overview, call list), menus, status bar.

The engine runs in the background when the window opens (and
after an import), through the tier overview, so the patient file can show each
patient's tier, RFM segment and rhythm.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
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
from clinicdesk.core.backup import backup_due
from clinicdesk.core.calls import CallRules
from clinicdesk.core.db.clinic import get_setting, is_demo
from clinicdesk.core.db.patients import count_patients
from clinicdesk.core.lock import ClinicLock
from clinicdesk.core.segmentation.engine import SegmentationResult
from clinicdesk.ui.backup_actions import BackupActions
from clinicdesk.ui.call_tab import CallTab
from clinicdesk.ui.dialogs.import_dialog import ImportDialog
from clinicdesk.ui.file_check import FileCheck
from clinicdesk.ui.keyboard import default_size, release_tab
from clinicdesk.ui.patient_tab import PatientTab
from clinicdesk.ui.tier_tab import TierTab
from clinicdesk.ui.tier_view import TierView
from clinicdesk.ui.translation import fill
from clinicdesk.ui.value_source import ValueSource
from clinicdesk.workers.runner import Task, TaskRunner


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
        open_requested(Path, str): open this clinic file (chosen by the user, or the same
            file after a restore) and show the message in its status bar.
        closed: the window closed (after its backup before closing, if one was due).
    """

    open_requested = Signal(Path, str)
    closed = Signal()

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
        # Checkpoints copy the WAL back into the file: after an import, hundreds of MB.
        # Never on this thread: the runner checkpoints on a reader after its writes.
        db.execute("PRAGMA wal_autocheckpoint = 0")
        self.path = path
        self.language = language or i18n.system_language()
        self.runner = runner or TaskRunner(path, self.language, self)
        # What the tabs start as they are built runs once the window is built and shown:
        # its first paint (or a restore's switch of windows) does not share the GIL and
        # both CPUs with the engine's first seconds.
        self.runner.hold()
        self.segmentation: SegmentationResult | None = None
        self.lock: ClinicLock | None = None  # the clinic file's lock, set by whoever opened it
        self._handed_over = False
        self._value_due = False  # the value model runs once the call list is built
        self.backups = BackupActions(self)
        self.file_check = FileCheck(self)
        self.patient_tab = PatientTab(db, self.runner, self.language)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.patient_tab, self.tr("Patient file"))
        self.tier_tab = TierTab(db, self.runner, self.language)
        self.tabs.addTab(self.tier_tab, self.tr("Tier overview"))
        self.value = ValueSource(self.runner, self.language, self)  # lifetime value
        self.patient_tab.file.attach_value(self.value)
        self.tier_tab.attach_value(self.value)
        self.call_tab = CallTab(db, self.runner, self.language)
        self.call_tab.value.attach(self.value)
        self.call_tab.load_staff()
        self.call_tab.load_campaigns()
        self.tabs.addTab(self.call_tab, self.tr("Call list"))
        # Alerts show once a day to whoever said on the call tab that they work here today.
        self.patient_tab.file.viewer = lambda: self.call_tab.caller.today_id(dt.date.today())
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
        self.patient_tab.import_requested.connect(self.open_import_dialog)
        self.tier_tab.adopted.connect(self._on_tiers_adopted)
        self.tier_tab.saved.connect(self._on_tiers_saved)
        self.tier_tab.open_patient.connect(self._on_open_patient)
        self.call_tab.open_patient.connect(self._on_open_patient)
        self.call_tab.logged.connect(self._on_call_logged)
        self.call_tab.settled.connect(self._on_call_list_settled)
        release_tab(self)
        self._restore_settings()
        self.refresh_status()
        masked = str(window_settings().value("mask_phones", "true")).lower() == "true"
        self.patient_tab.reveal_check.setChecked(not masked)
        self.tier_tab.load_cutoffs()
        self.run_engine()
        self.backups.remind_offsite()

    # Status and engine

    def refresh_status(self) -> None:
        """Show the clinic, its file, its patient count and the last saved tier run (the
        count reads the whole patients table: 40-80 ms at 100k, so on a reader)."""
        name = get_setting(self.db, "clinic_name") or self.path.stem
        self.setWindowTitle(f"{name} — ClinicDesk")
        self.runner.read(_status, owner=self, key="status", success=self._show_status)

    def _show_status(self, status: tuple[int, str | None]) -> None:
        count, last = status
        run = (
            self.tr("last tier run %1").replace("%1", last[:10])
            if last
            else self.tr("no tier run saved yet")
        )
        self.status_label.setText(
            fill(self.tr("%1 · %2 patients · %3"), str(self.path), f"{count:,}", run)
        )

    def run_engine(self) -> None:
        """Run the engine in the background with the tier overview's settings, for the
        whole window (the call list and the patient file follow it; not saved)."""
        self.tier_tab.run(save=False, adopt=True)

    def _on_tiers_adopted(self, view: TierView) -> None:
        self.segmentation = view.result
        self.patient_tab.file.set_segmentation(view)
        self.patient_tab.model.set_segmentation(view)
        self.call_tab.set_segmentation(view.result)
        # The value model after the engine (its facts are cached for it) and after the
        # call list: each busy thread beside the window slows the window's own Python
        # (the GIL), so the list comes first, built beside the charts only.
        self._value_due = True

    def _on_call_list_settled(self) -> None:
        if self._value_due:
            self._value_due = False
            self.value.refresh()

    def _on_tiers_saved(self, _run_id: int) -> None:
        self.refresh_status()  # the list has the run already: `adopted` comes first

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
        self.backup_action = self._action(self.tr("&Back up now"), None, self.backups.back_up_now)
        self.backup_elsewhere_action = self._action(
            self.tr("Back up to a &folder…"), None, self.backups.back_up_elsewhere
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
            self.open_requested.emit(path, "")

    def _on_open_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open clinic file"), str(self.path.parent), self.tr("Clinic files (*.db)")
        )
        if name:
            self.open_requested.emit(Path(name), "")

    def _on_restore(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from a backup"),
            str(paths.backups_dir()),
            self.tr("Clinic files (*.db)"),
        )
        if name:
            self.backups.restore_from(Path(name))

    def hand_over(self) -> None:
        """The clinic file is about to be replaced (a restore): hide, close the window's
        connection, and close later without the usual questions and backup."""
        self._handed_over = True
        self.hide()
        self.db.close()

    def discard(self) -> None:
        """A window built but not wanted (the user stayed in the one it was to replace):
        gone without questions or a backup, its reads stopped, its file let go."""
        self.hand_over()
        self.close()
        self.deleteLater()

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
            self.resize(default_size(self.screen().availableGeometry().size()))
        self.patient_tab.restore_layout(settings)
        self.tabs.setCurrentIndex(int(str(settings.value("tab", 0))))

    def save_settings(self) -> None:
        """Remember the window's size, position and tab."""
        settings = window_settings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("tab", self.tabs.currentIndex())
        self.patient_tab.save_layout(settings)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        handed_over = self._handed_over
        if not handed_over and not self.patient_tab.confirm_leave():
            event.ignore()
            return
        importing = self.findChild(ImportDialog)
        if importing is not None and not importing.confirm_stop():
            event.ignore()  # the import goes on, in sight
            return
        closing = self.backups.closing
        if closing is not None and not closing.done:
            event.ignore()  # the backup before closing is under way; it closes the window
            return
        if not handed_over and closing is None and backup_due(paths.backups_dir(), self.path.stem):
            event.ignore()
            self.runner.discard_all()  # the tabs' reads are no longer wanted
            self.backups.back_up_before_closing(then=self.close)
            return
        self.save_settings()
        self.file_check.closed()
        self.runner.shutdown(wait=False)
        super().closeEvent(event)
        self.closed.emit()


def _status(task: Task) -> tuple[int, str | None]:
    """The status bar's figures: patients (not archived), the last saved tier run."""
    last = task.db.execute("SELECT max(created_at) FROM tier_runs").fetchone()[0]
    return count_patients(task.db), last
