"""The call-list tab: the consultant's day, phone in one hand.

The day's plan (`plan_calls`: the must-call part, the part filled by priority, the
backlog and the forecast) is built on a reader; the header says how big the day is and
what waits, and the chart shows the next working days against the callers' capacity.
The list can be narrowed (reason, tier, owner, rhythm, search) and sorted by a column.
The patient's summary and the filled script come from small look-ups as a row is
chosen. An outcome is one transaction made by the writer, and the next patient is
selected; keys 1-6 log outcomes only on the list and the entry panel, never while
typing; "do not call again" and "wrong number" ask first; Ctrl+Z takes back the
caller's last call of today. The caller is asked once a day on this PC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk.core.calls import (
    CallDay,
    CallEntry,
    CallRules,
    campaign_list,
    claim,
    plan_calls,
    progress_today,
)
from clinicdesk.core.db.clinic import list_staff
from clinicdesk.core.perf import release
from clinicdesk.core.segmentation.engine import SegmentationResult
from clinicdesk.core.value.lists import at_risk_of
from clinicdesk.ui.call_caller import CallerSwitch
from clinicdesk.ui.call_campaigns import CampaignChooser
from clinicdesk.ui.call_entry import EntryPanel
from clinicdesk.ui.call_export import CallExport, ScriptFill
from clinicdesk.ui.call_filters import FilterBar, OrderCombo
from clinicdesk.ui.call_forecast import ForecastChart
from clinicdesk.ui.call_outcomes import OutcomeGuard
from clinicdesk.ui.call_value import CallValue
from clinicdesk.ui.call_work import CallWork
from clinicdesk.ui.columns import fit_columns
from clinicdesk.ui.models.call_list import CallFilter, CallListModel
from clinicdesk.ui.translation import fill
from clinicdesk.workers.runner import Handle, Task, TaskRunner, describe

CALL_SAMPLES = {  # the widest text each column of the call list usually holds
    "name": "欧阳娜娜",
    "tier": "A",
    "tries": "12",
    "last_try": "2026-11-20",
    "mobile": "150****5214",
    "owner": "王小明",
    "priority": "Must call",  # or 必打, or a score
}


@dataclass(frozen=True)
class Built:
    """A list built on a reader: the day's plan (None for a campaign's list), the
    entries, and the listed patients' lapse statuses (for the rhythm filter)."""

    day: CallDay | None
    entries: list[CallEntry]
    statuses: dict[int, str]


class CallTab(QWidget):
    """Today's list, the patient beside it, the script, and the outcome buttons.

    Signals:
        logged(int): a call was logged (or undone) for this patient.
        open_patient(int): the user wants the whole file.
        settled(): a build of the list ended (shown, or failed).
    """

    logged = Signal(int)
    open_patient = Signal(int)
    settled = Signal()

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        language: str,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.runner, self.language = db, runner, language
        self.settings = settings if settings is not None else _window_settings()
        self.result: SegmentationResult | None = None
        self.rules = CallRules.from_clinic(db)
        self.today = dt.date.today()
        self.caller = CallerSwitch(self.settings, self)
        self.campaigns = CampaignChooser(db, language, self)
        self.day: CallDay | None = None
        self.building = False  # a build of the list is under way (its result not yet shown)
        self.model = CallListModel(language, self)
        self.shown = CallFilter(self.model, self)
        self.exporter = CallExport(self, runner, language)
        self.guard = OutcomeGuard(language, self)
        self.work = CallWork(self)
        self.value = CallValue(self)  # reactivation by value at risk, once a run arrives
        self.value.arrived.connect(self.refresh)
        self._build()
        self.show_entry(None)

    # Building

    def _build(self) -> None:
        self.order = OrderCombo(self.settings)
        self.show_all = QCheckBox(self.tr("Include patients claimed by others"))
        self.reveal = QCheckBox(self.tr("Show full phone numbers"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.progress = QLabel()
        self.notice = QLabel()
        self.count = QLabel()
        self.count.setStyleSheet("font-weight: bold;")
        self.forecast = ForecastChart(self.runner)
        self.filters = FilterBar(self.language, self.settings)
        self.view = QTableView()
        self.view.setModel(self.shown)
        self.view.setSortingEnabled(True)
        self.shown.sort(-1)  # the plan's order until a header is clicked
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        # Sized by samples, once. Measured from the rows (ResizeToContents, even from 50 of
        # them) each rebuild spent 50-150 ms of the GUI thread on it at 100,000 patients.
        fit_columns(self.view, CallListModel.COLUMNS, CALL_SAMPLES)
        header.setSectionResizeMode(
            CallListModel.COLUMNS.index("reasons"), QHeaderView.ResizeMode.Stretch
        )
        header.setSortIndicatorShown(False)
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.entry_panel = EntryPanel(self.db, self.language)
        self.export_button = QPushButton(self.tr("Export…"))
        self.scripts_button = QPushButton(self.tr("Edit scripts…"))
        self._layout()
        self._connect()

    def _layout(self) -> None:
        top = QHBoxLayout()
        for label, widget in (
            (self.tr("Caller:"), self.caller.combo),
            (self.tr("Callers today:"), self.caller.spin),
            (self.tr("Order:"), self.order),
            (self.tr("List:"), self.campaigns.combo),
        ):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addWidget(self.campaigns.new_button)
        top.addWidget(self.scripts_button)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        second = QHBoxLayout()
        second.addWidget(self.filters, 1)
        second.addWidget(self.show_all)
        second.addWidget(self.reveal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.count, 1)
        heading.addWidget(self.campaigns.figures)
        left_layout.addLayout(heading)
        left_layout.addWidget(self.forecast)
        left_layout.addWidget(self.view, 1)
        export_row = QHBoxLayout()
        export_row.addWidget(self.progress)
        export_row.addWidget(self.notice, 1)
        export_row.addWidget(self.export_button)
        left_layout.addLayout(export_row)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.entry_panel)
        splitter.setSizes([760, 560])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        panel = self.entry_panel
        self.refresh_button.clicked.connect(self.refresh)
        self.campaigns.changed.connect(self.refresh)
        self.scripts_button.clicked.connect(self._on_edit_scripts)
        self.order.currentIndexChanged.connect(self._on_order_changed)
        self.caller.changed.connect(self._on_caller_changed)
        self.show_all.toggled.connect(lambda _on: self.refresh())
        self.reveal.toggled.connect(self.model.show_phones)
        self.filters.changed.connect(self._on_filters_changed)
        panel.claim_button.clicked.connect(self._on_claim_clicked)
        panel.undo_button.clicked.connect(self.work.undo_last)
        self.export_button.clicked.connect(self._on_export_clicked)
        for outcome, button in panel.outcome_buttons.items():
            button.clicked.connect(lambda _c=False, o=outcome: self.work.log(o))
        self.guard.watch(self.view, panel)
        self.guard.pressed.connect(self.work.log)
        self.work.logged.connect(self.logged)
        undo = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.work.undo_last)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_entry(self.shown.entry(current.row()))
        )

    # The caller

    def showEvent(self, event: QShowEvent) -> None:
        # Back on the tab on a new day (the window was left open): the list is yesterday's.
        if self.today != dt.date.today() and self.result is not None:
            self.refresh()
        super().showEvent(event)
        self.caller.ask_if_new_day(dt.date.today())

    def load_staff(self) -> None:
        """Fill the caller switch and the owner filter with the staff."""
        self.caller.load(list_staff(self.db))
        self.filters.set_staff(list_staff(self.db, active_only=False))

    def load_campaigns(self) -> None:
        """Fill the list chooser: today's list, then the campaigns."""
        self.campaigns.load()

    # The list

    def _on_caller_changed(self) -> None:
        # Another caller: their claims and their name in the scripts; more callers: a
        # bigger day.
        self.refresh()

    def set_segmentation(self, result: SegmentationResult) -> None:
        """A new engine result: rebuild the list with its rhythms and tiers."""
        self.result = result
        self.refresh()

    def refresh(self) -> None:
        """Build the list again (on a reader); a build under way is dropped."""
        if self.result is None:
            self.count.setText(self.tr("Waiting for the tiers…"))
            return
        self.today = dt.date.today()  # a window left open overnight builds the new day's list
        today, rules, result, language = (self.today, self.rules, self.result, self.language)
        staff_id, show_all = self.caller.caller_id, self.show_all.isChecked()
        order, callers, campaign = (
            self.order.currentData(),
            self.caller.choice.callers,
            self.campaigns.campaign(),
        )
        valued = self.value.result

        def build(task: Task) -> Built:
            if campaign is not None:
                _id, name, target = campaign
                entries = campaign_list(task.db, today, rules, result, name, target,
                                        order=order, language=language)  # fmt: skip
                return built(None, entries, result)
            day = plan_calls(task.db, today, rules, result, callers=callers, staff_id=staff_id,
                             show_all=show_all, order=order, language=language,
                             value_at_risk=at_risk_of(valued), check=task.check)  # fmt: skip
            return built(day, day.entries, result)

        self.count.setText(self.tr("Building today's list…"))
        self.building = True
        self.runner.read(
            build, owner=self, key="list", success=self._on_built, failure=self._on_build_failed
        )

    def _on_built(self, built: Built) -> None:
        # The consultant keeps their patient when the list is rebuilt (new tiers, a new
        # day); if that patient left the list, the one now in their row.
        current, row = self.current_entry(), self.view.currentIndex().row()
        old = self.model.entries
        self.building = False
        self.day = built.day
        self.model.set_entries(built.entries, built.statuses)
        self.runner.read(lambda _task: release(old))  # 70,000 entries: 0.15 s to free
        self.forecast.setVisible(built.day is not None)
        if built.day is not None:
            self.forecast.show_forecast(built.day.forecast)
        self._update_counts()
        wanted = self.work.wanted or (current.patient_id if current else None)
        self.work.wanted = None
        self._select(wanted, row)
        self.settled.emit()

    def _select(self, patient_id: int | None, row: int) -> None:
        """Choose `patient_id` if shown, else the row now at `row`."""
        count = self.shown.rowCount()
        if not count:
            self.show_entry(None)
            return
        found = self.shown.row_of(patient_id) if patient_id is not None else None
        self.view.selectRow(min(max(found if found is not None else row, 0), count - 1))
        self.view.scrollTo(self.view.currentIndex())

    def _on_build_failed(self, error: Exception) -> None:
        self.building = False
        self.count.setText(
            self.tr("The list could not be built: %1").replace("%1", describe(error, self.language))
        )
        self.settled.emit()

    def _on_order_changed(self) -> None:
        self.order.remember()
        self.shown.sort(-1)  # the chosen order, not a clicked column's
        self.view.horizontalHeader().setSortIndicatorShown(False)
        self.refresh()

    def _on_filters_changed(self) -> None:
        current = self.current_entry()
        self.shown.set_filters(self.filters.filters())
        self._update_counts()
        self._select(current.patient_id if current else None, 0)

    def _update_counts(self) -> None:
        self.count.setText(self.heading())
        self.campaigns.update_figures()
        done = progress_today(self.db, self.today, self.caller.caller_id)
        self.progress.setText(
            fill(
                self.tr("Today: %1 called, %2 reached, %3 booked"),
                done.called,
                done.reached,
                done.booked,
            )  # fmt: skip
        )

    def heading(self) -> str:
        """The header: the day's list, its two parts and the backlog (or a campaign's
        count); with a filter, how many of them are shown."""
        day, entries = self.day, self.model.entries
        if day is None:
            text = self.tr("%1 patients to call").replace("%1", f"{len(entries):,}")
        else:
            must = sum(e.must_call for e in entries)
            text = fill(
                self.tr("Today %1 (must call %2 · by priority %3) · %4 more waiting"),
                f"{len(entries):,}", f"{must:,}", f"{len(entries) - must:,}", f"{day.backlog:,}",
            )  # fmt: skip
        if self.shown.rowCount() != len(entries):
            text += self.tr(" · %1 shown").replace("%1", f"{self.shown.rowCount():,}")
        return text

    def _on_double_clicked(self, index: Any) -> None:
        entry = self.shown.entry(index.row())
        if entry is not None:
            self.open_patient.emit(entry.patient_id)

    def current_entry(self) -> CallEntry | None:
        """The entry being worked on."""
        return self.shown.entry(self.view.currentIndex().row())

    # The patient and the script

    def show_entry(self, entry: CallEntry | None) -> None:
        """Show an entry's summary and script (None: nothing chosen)."""
        panel = self.entry_panel
        script = (
            panel.script_for(entry, self.today, self.caller.name(), self.campaigns.offer())
            if entry is not None
            else None
        )
        days = self.rules.next_contact_days("no_answer", entry.tier if entry else None) or 14
        panel.show_entry(entry, script, self.today + dt.timedelta(days=days))
        self.enable_outcomes()
        if entry is not None:
            self._show_claim(entry)

    # Campaigns and scripts

    def _on_edit_scripts(self) -> None:
        from clinicdesk.ui.dialogs.script_editor import ScriptEditor

        ScriptEditor(self.db, self.language, self.current_entry(), self).exec()
        self.show_entry(self.current_entry())

    def enable_outcomes(self) -> None:
        """The outcome buttons work when a patient is chosen and no write is under way."""
        chosen = self.current_entry() is not None and not self.work.busy
        for button in self.entry_panel.outcome_buttons.values():
            button.setEnabled(chosen)
        self.entry_panel.undo_button.setEnabled(not self.work.busy)

    def _on_claim_clicked(self) -> None:
        entry, caller = self.current_entry(), self.caller.caller_id
        if entry is None or caller is None:
            self.work.has_caller()
            return
        claim(self.db, entry.patient_id, caller, self.today)
        entry.claimed_by = caller
        self._show_claim(entry)

    def _show_claim(self, entry: CallEntry) -> None:
        mine = entry.claimed_by is not None and entry.claimed_by == self.caller.caller_id
        self.entry_panel.claim_button.setText(
            self.tr("Claimed") if mine else self.tr("Claim for me")
        )

    # Export

    def export(self, path: Path) -> Handle:
        """Write the list as shown (filtered, sorted) to .xlsx, .csv or .pdf (by the
        suffix), in the background; returns the task's handle."""
        shown = [self.shown.entry(r) for r in range(self.shown.rowCount())]
        return self.exporter.export(
            path,
            [e for e in shown if e is not None],
            self.tr("Call list %1").replace("%1", self.today.isoformat()),
            self.reveal.isChecked(),
            ScriptFill(self.language, self.today, self.caller.name(), self.campaigns.offer()),
        )

    def _on_export_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the call list"),
            f"calls-{self.today.isoformat()}.pdf",
            "PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)",
        )
        if name:
            self.export(Path(name))


def built(day: CallDay | None, entries: list[CallEntry], result: SegmentationResult) -> Built:
    """What the reader hands over."""
    return Built(day, entries, lapse_statuses(result, entries))


def lapse_statuses(result: SegmentationResult, entries: list[CallEntry]) -> dict[int, str]:
    """The listed patients' lapse statuses (on the reader: one look-up per entry)."""
    statuses = {}
    for entry in entries:
        row = result.lapse.get(entry.patient_id)
        if row is not None:
            statuses[entry.patient_id] = row.status
    return statuses


def _window_settings() -> QSettings:
    from clinicdesk.ui.main_window import window_settings  # the window imports this tab

    return window_settings()
