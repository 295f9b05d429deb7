"""One patient's file: the form, the engine's view of them, and their history beside it.

Saving is one transaction, made by the task runner's writer so that the window never
waits for the file (an import finishing, say); a refused value is explained and the
cursor goes to it.
Archiving is the only way to remove a patient from the lists (never a hard delete).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.db.clinic import list_staff
from clinicdesk.core.db.duplicates import DuplicatePatient
from clinicdesk.core.db.patients import add_patient, get_patient, update_patient
from clinicdesk.core.errors import InvalidValue, KnownError
from clinicdesk.core.segmentation.engine import SegmentationResult
from clinicdesk.core.segmentation.lapse import LapseRow
from clinicdesk.ui.appointments_panel import AppointmentsPanel
from clinicdesk.ui.dialogs.duplicate_dialog import OPEN, SAVE, DuplicateDialog
from clinicdesk.ui.dialogs.tier_fix_dialog import fix_tier
from clinicdesk.ui.patient_form import PatientForm
from clinicdesk.ui.patient_history import (
    CareDatesPanel,
    ChargesPanel,
    ContactsPanel,
    NotesPanel,
    ReferralsPanel,
    TagsPanel,
)
from clinicdesk.ui.patient_marks import AlertBanner, Marks
from clinicdesk.ui.recall_panel import RecallPanel
from clinicdesk.ui.tier_view import TierView
from clinicdesk.ui.value_panel import ValuePanel
from clinicdesk.ui.value_source import ValueSource
from clinicdesk.workers.errors import as_known
from clinicdesk.workers.runner import Handle, TaskRunner, describe


class PatientFileView(QWidget):
    """The open patient file (or a new one being created).

    Attributes:
        viewer: who is looking at the file, for alerts shown once per staff member and day
            (the window sets it; None counts the PC as the one viewer).

    Signals:
        saved(int): the patient was saved (created, edited, archived, or a record added); its id.
        open_patient(int): another patient's file was asked for.
        merge_requested(int): the user wants to merge another file into this one.
    """

    saved = Signal(int)
    open_patient = Signal(int)
    merge_requested = Signal(int)
    merge_into = Signal(int, int)

    def __init__(
        self, db: Database, runner: TaskRunner, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.runner, self.language = db, runner, language
        self.patient_id: int | None = None
        self._saving: Handle | None = None
        self.segmentation: SegmentationResult | None = None
        self._tiers: Mapping[int, str] = {}
        self._rfm: Mapping[int, str] = {}
        self._lapse: Mapping[int, LapseRow] = {}
        self.value_line: ValuePanel | None = None  # see attach_value
        self.form = PatientForm()
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.badges = QLabel()
        self.taboo_banner = QLabel()
        self.taboo_banner.setStyleSheet(
            "background: #fdecea; color: #b00020; padding: 4px; font-weight: bold;"
        )
        self.taboo_banner.setWordWrap(True)
        self.alert_banner = AlertBanner()
        self._alerted: int | None = None  # the patient whose alerts are on show
        self.viewer: Callable[[], int | None] = lambda: None  # who sees alerts (None: the PC)
        self.marks = Marks(self)
        self.fix_tier_button = QPushButton(self.tr("Fi&x tier…"))
        self.save_button = QPushButton(self.tr("&Save"))
        self.revert_button = QPushButton(self.tr("Rever&t"))
        self.archive_button = QPushButton(self.tr("Ar&chive"))
        self.merge_button = QPushButton(self.tr("&Merge a duplicate…"))
        self.panels = {
            "charges": ChargesPanel(db, language),
            "notes": NotesPanel(db, language),
            "contacts": ContactsPanel(db, language),
            "care": CareDatesPanel(db, language),
            "referrals": ReferralsPanel(db, language),
            "tags": TagsPanel(db, language),
            "appointments": AppointmentsPanel(db, runner, language),
            "recalls": RecallPanel(db, runner, language),
        }
        self._build()
        self._connect()
        self.show_patient(None)

    def _build(self) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(scroll, 1)
        buttons = QGridLayout()  # two by two: in one row they widen the file (English)
        for place, button in enumerate(
            (self.save_button, self.revert_button, self.archive_button, self.merge_button)
        ):
            buttons.addWidget(button, place // 2, place % 2)
        left_layout.addLayout(buttons)
        self.history = QTabWidget()
        titles = {
            "charges": self.tr("Visits and charges"),
            "notes": self.tr("Visit notes"),
            "contacts": self.tr("Contact log"),
            "care": self.tr("Care dates"),
            "referrals": self.tr("Referrals"),
            "tags": self.tr("Circles and tags"),
            "appointments": self.tr("Appointments"),
            "recalls": self.tr("Own recall intervals"),
        }
        for key, panel in self.panels.items():
            self.history.addTab(panel, titles[key])
        self.splitter = splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.history)
        splitter.setSizes([380, 380])
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.badges, 1)
        header.addWidget(self.fix_tier_button)
        layout.addLayout(header)
        layout.addWidget(self.alert_banner)
        layout.addWidget(self.taboo_banner)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self._on_revert_clicked)
        self.archive_button.clicked.connect(self._on_archive_clicked)
        self.merge_button.clicked.connect(self._on_merge_clicked)
        self.fix_tier_button.clicked.connect(self._on_fix_tier_clicked)
        self.form.changed.connect(self._update_buttons)
        self.form.choose_referrer.connect(self._on_choose_referrer)
        for panel in self.panels.values():
            panel.changed.connect(self._on_history_changed)
            panel.open_patient.connect(self.open_patient)

    # Showing

    def show_patient(self, patient_id: int | None) -> None:
        """Show a patient's file; None starts a new one. The caller checks `is_dirty` first."""
        self.patient_id = patient_id
        self.form.set_staff(list_staff(self.db, active_only=False))
        patient = get_patient(self.db, patient_id) if patient_id is not None else None
        referrer = (
            get_patient(self.db, patient.referred_by).name
            if patient and patient.referred_by
            else ""
        )
        self.form.set_patient(patient, referrer)
        for panel in self.panels.values():
            panel.set_patient(patient_id)
        self._refresh_header()
        if patient_id != self._alerted:  # once per opening, not again after a save
            self._alerted = patient_id
            self.alert_banner.show_for(self.db, self.runner, patient_id, self.viewer())
        if patient_id is None:
            self.form.edits["name"].setFocus()

    def set_segmentation(self, view: TierView | None) -> None:
        """The latest engine run, for the tier, RFM segment and lapse status."""
        self.segmentation = view.result if view else None
        self._tiers = view.tier if view else {}
        self._rfm = view.rfm if view else {}
        self._lapse = view.lapse if view else {}
        self._refresh_header()

    def attach_value(self, source: ValueSource) -> None:
        """Show the window's value run for the open patient, under the header and its
        banners (alerts, taboos)."""
        self.value_line = ValuePanel(source)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.taboo_banner) + 1, self.value_line)
        self.value_line.show_patient(self.patient_id)

    def is_dirty(self) -> bool:
        """Whether the form holds unsaved edits."""
        return self.form.is_dirty()

    def _refresh_header(self) -> None:
        pid = self.patient_id
        patient = get_patient(self.db, pid) if pid is not None else None
        self.title.setText(patient.name if patient else self.tr("New patient"))
        taboos = patient.taboos if patient else None
        self.taboo_banner.setVisible(bool(taboos))
        self.taboo_banner.setText(self.tr("Taboos: %1").replace("%1", taboos or ""))
        self.badges.setText(self._badges(pid) if pid is not None else "")
        if self.value_line is not None:
            self.value_line.show_patient(pid)
        archived = bool(patient and patient.archived)
        self.archive_button.setText(self.tr("Resto&re") if archived else self.tr("Ar&chive"))
        self.archive_button.setEnabled(patient is not None and patient.merged_into is None)
        self.merge_button.setEnabled(patient is not None and not archived)
        self.fix_tier_button.setEnabled(patient is not None and not archived)
        self._update_buttons()

    def _badges(self, pid: int) -> str:
        parts = []
        result = self.segmentation
        tier = self._tiers.get(pid) if result else self._saved_tier(pid)
        parts.append(self.marks.tier(self.db, pid, tier, dt.date.today()))
        parts += self.marks.dates(self.db, pid, dt.date.today())
        if result is not None:
            rfm, lapse = self._rfm.get(pid), self._lapse.get(pid)
            if rfm:
                parts.append(
                    self.tr("RFM: %1").replace("%1", i18n.code_name("rfm", rfm, self.language))
                )
            if lapse:
                parts.append(
                    i18n.code_name("lapse", lapse.status, self.language)
                    + (" ⚠" if lapse.alarm else "")
                )
            level = result.membership.get(pid)
            if level:
                parts.append(i18n.code_name("membership", level, self.language))
        else:
            parts.append(self.tr("(computing tiers…)"))
        return "  ·  ".join(parts)

    def _saved_tier(self, pid: int) -> str | None:
        row = self.db.execute(
            "SELECT tier FROM tier_assignments WHERE patient_id = ? AND run_id ="
            " (SELECT max(id) FROM tier_runs)",
            [pid],
        ).fetchone()
        return row[0] if row else None

    def _update_buttons(self) -> None:
        dirty = self.form.is_dirty()
        self.save_button.setEnabled(dirty or self.patient_id is None)
        self.revert_button.setEnabled(dirty)

    # Actions

    def save(self, save_anyway: str | None = None) -> None:
        """Save the form in one transaction, through the writer. Until it is written the
        form is read-only and keeps its edits; a refused value (or a busy file) is
        explained, the cursor goes to the field, and nothing is lost. A likely duplicate
        is saved only `save_anyway` (a reason, for the audit)."""
        if self.saving():
            return
        pid, values, changes = self.patient_id, self.form.values(), self.form.changes()
        self._set_saving(True)
        self._saving = self.runner.write(
            lambda task: _write_form(task.db, pid, values, changes, save_anyway),
            owner=self,
            success=self._on_saved,
            failure=self._on_save_failed,
        )

    def save_now(self) -> bool:
        """Save at once, on the window's connection (the user chose "Save" before leaving
        the file and is waiting for the answer); False, with a message, if not saved."""
        try:
            pid = _write_form(self.db, self.patient_id, self.form.values(), self.form.changes())
        except (KnownError, sqlite3.OperationalError) as exc:
            self._on_save_failed(as_known(exc))
            return False
        self._on_saved(pid)
        return True

    def saving(self) -> bool:
        """Whether a save is on its way to the file."""
        return self._saving is not None and not self._saving.done

    def _set_saving(self, saving: bool, *, header: bool = True) -> None:
        self.form.setEnabled(not saving)
        for button in (self.save_button, self.revert_button, self.archive_button):
            button.setEnabled(not saving)
        self.save_button.setText(self.tr("Saving…") if saving else self.tr("Save"))
        if not saving and header:
            self._refresh_header()

    def _on_saved(self, pid: int) -> None:
        self._set_saving(False, header=False)  # `show_patient` shows the header anew
        self.patient_id = pid
        self.show_patient(pid)
        self.saved.emit(pid)

    def _on_save_failed(self, error: Exception) -> None:
        self._set_saving(False)
        if isinstance(error, DuplicatePatient):
            self._on_duplicate(error)
            return
        QMessageBox.warning(self, self.tr("Not saved"), describe(error, self.language))
        if isinstance(error, InvalidValue):
            self.form.focus_field(str(error.params.get("field", "")))

    def _on_history_changed(self) -> None:
        # A charge moves the list's spend and last visit; "do not call again" sets the
        # flag the form shows (reloaded unless it holds edits of its own).
        pid = self.patient_id
        if pid is None:
            return
        if self.is_dirty():
            self._refresh_header()
        else:
            self.show_patient(pid)
        self.saved.emit(pid)

    def _on_revert_clicked(self) -> None:
        self.show_patient(self.patient_id)

    def _on_archive_clicked(self) -> None:
        pid = self.patient_id
        if pid is None:
            return
        patient = get_patient(self.db, pid)
        if not patient.archived:
            answer = QMessageBox.question(
                self,
                self.tr("Archive"),
                self.tr(
                    "Archive %1? The file and its history are kept; it leaves the lists "
                    "and the tiers, and can be restored."
                ).replace("%1", patient.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        update_patient(self.db, pid, archived=not patient.archived)
        self._refresh_header()  # not show_patient(): the form may hold unsaved edits
        self.saved.emit(pid)

    def _on_duplicate(self, error: DuplicatePatient) -> None:
        """Open the existing file, merge this one into it, or save anyway with a reason."""
        pid = self.patient_id
        dialog = DuplicateDialog(self.db, error, self.language, can_merge=pid is not None)
        dialog.setParent(self, dialog.windowFlags())
        if not dialog.exec():
            return
        if dialog.choice == SAVE:
            self.save(save_anyway=dialog.reason)
            return
        self.show_patient(pid)  # what was typed is dropped, as the button says
        if dialog.choice == OPEN:
            self.open_patient.emit(dialog.chosen)
        elif pid is not None:
            self.merge_into.emit(dialog.chosen, pid)

    def _on_fix_tier_clicked(self) -> None:
        pid = self.patient_id
        if pid is not None:
            computed = self._tiers.get(pid) if self.segmentation else self._saved_tier(pid)
            done = lambda: self._on_tier_fixed(pid)  # noqa: E731
            fix_tier(self, self.db, self.runner, pid, computed, self.language, done)

    def _on_tier_fixed(self, pid: int) -> None:
        self._refresh_header()
        self.saved.emit(pid)  # the lists show the fixed tier

    def _on_merge_clicked(self) -> None:
        if self.patient_id is not None:
            self.merge_requested.emit(self.patient_id)

    def _on_choose_referrer(self) -> None:
        from clinicdesk.ui.dialogs.patient_picker import PatientPicker

        picker = PatientPicker(
            self.db,
            self.language,
            self.tr("Who referred this patient?"),
            exclude=self.patient_id,
            parent=self,
        )
        if picker.exec() and picker.chosen is not None:
            self.form.set_referrer(picker.chosen, get_patient(self.db, picker.chosen).name)


def _write_form(
    db: Database,
    pid: int | None,
    values: dict[str, Any],
    changes: dict[str, Any],
    save_anyway: str | None = None,
) -> int:
    """Create the patient (`pid` None) from the form's values, or apply its changes
    (a likely duplicate only `save_anyway`); returns the patient's id."""
    if pid is None:
        fields = {k: v for k, v in values.items() if v not in (None, 0)}
        return add_patient(db, **fields, save_anyway=save_anyway)
    if changes:
        update_patient(db, pid, **changes, save_anyway=save_anyway)
    return pid
