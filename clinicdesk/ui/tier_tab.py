"""The tier-overview tab: where the revenue comes from, who moved, who is slipping away.

The engine runs on a reader of the task runner (the window stays usable); a new run
drops the one under way, and saving goes to the writer. "Run and save" keeps the run, so the patient
file and the call list see the tiers and the next run shows who moved; changing a
control runs again without saving (a preview).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.db.clinic import get_setting
from clinicdesk.core.errors import Cancelled, KnownError
from clinicdesk.core.export import tier_table, write_table
from clinicdesk.core.segmentation import (
    PRESETS,
    SegmentationResult,
    TierParams,
    save_tier_run,
)
from clinicdesk.core.segmentation.report import moved, movement_name
from clinicdesk.core.values import format_fen
from clinicdesk.ui.columns import PATIENT_SAMPLES, fit_columns
from clinicdesk.ui.exports import Exporter
from clinicdesk.ui.models.patient_list import IdRole, PatientListModel
from clinicdesk.ui.tier_charts import TierCharts, save_charts
from clinicdesk.ui.tier_summary import charts_over_lists, fill_summary
from clinicdesk.ui.tier_view import Key, TierView, tier_view
from clinicdesk.ui.translation import fill
from clinicdesk.ui.value_source import ValueSource
from clinicdesk.ui.value_view import PredictedValueView
from clinicdesk.workers.engine import run_engine
from clinicdesk.workers.runner import Handle, Task, TaskRunner, describe

RERUN_DELAY_MS = 400
PREDICTED = "predicted"  # the measure shown from the value model, not the engine


class TierTab(QWidget):
    """ABC tiers, the Pareto curve, the tiers' shares, movements and drill-down lists.

    Signals:
        computed(result): a run finished and is shown (a preview, saved, or adopted).
        adopted(TierView): a run the rest of the window follows finished (see `run`).
        saved(run_id): a run was saved.
        open_patient(int): a patient was double-clicked in a list.
    """

    computed = Signal(object)
    adopted = Signal(object)
    saved = Signal(int)
    open_patient = Signal(int)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.runner, self.language = db, runner, language
        self.result: SegmentationResult | None = None
        self._task: Handle | None = None
        self._asked = 0  # runs asked for; only the latest is shown
        self._lists: dict[str, list[int]] = {}
        self.value_view: PredictedValueView | None = None
        self.exporter = Exporter(self, runner, language)
        self._build_controls()
        self._build_body()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RERUN_DELAY_MS)
        self._timer.timeout.connect(lambda: self.run(save=False))
        self.charts.show_note(self.tr("Computing the tiers…"))

    # Building

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        # Switching tabs hides the page: a preview still waiting runs now rather than
        # being dropped, so the charts agree with the controls on return. (As the window
        # closes, the runner is shut down and runs nothing.)
        if self._timer.isActive():
            self.run(save=False)
        super().hideEvent(event)

    def _build_controls(self) -> None:
        self.period = QComboBox()
        for text, key in (
            (self.tr("Last 12 months"), "last12"),
            (self.tr("This year"), "this"),
            (self.tr("Last year"), "last"),
            (self.tr("Custom"), "custom"),
        ):
            self.period.addItem(text, key)
        self.date_from, self.date_to = QDateEdit(), QDateEdit(QDate.currentDate())
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.measure = QComboBox()
        self.measure.addItem(self.tr("Revenue"), "revenue")
        self.measure.addItem(self.tr("Visits"), "visits")
        self.cutoffs = QComboBox()
        for name in PRESETS:
            self.cutoffs.addItem(name, name)
        self.cutoffs.addItem(self.tr("Custom"), "custom")
        self.cut_a, self.cut_b = QDoubleSpinBox(), QDoubleSpinBox()
        for spin, value in ((self.cut_a, 70.0), (self.cut_b, 90.0)):
            spin.setRange(1, 100)
            spin.setSuffix(" %")
            spin.setValue(value)
        self.run_button = QPushButton(self.tr("&Run and save"))
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.progress = QProgressBar()
        self.progress.setMaximum(1000)
        self.stage = QLabel()
        self._sync_controls()
        for combo in (self.period, self.measure, self.cutoffs):
            combo.currentIndexChanged.connect(self._on_choice_changed)
        for widget in (self.date_from, self.date_to):
            widget.dateChanged.connect(self._on_control_changed)
        for spin in (self.cut_a, self.cut_b):
            spin.valueChanged.connect(self._on_control_changed)
        self.run_button.clicked.connect(lambda: self.run(save=True))
        self.cancel_button.clicked.connect(self.cancel)

    def _build_body(self) -> None:
        controls = QHBoxLayout()
        for label, widget in (
            (self.tr("Period:"), self.period),
            ("", self.date_from),
            ("–", self.date_to),
            (self.tr("Measure:"), self.measure),
            (self.tr("Cut-offs:"), self.cutoffs),
            ("A <", self.cut_a),
            ("B <", self.cut_b),
        ):
            if label:
                controls.addWidget(QLabel(label))
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.run_button)
        progress = QHBoxLayout()
        progress.addWidget(self.progress, 1)
        progress.addWidget(self.stage)
        progress.addWidget(self.cancel_button)
        self.charts = TierCharts(self.runner, self.language)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("font-size: 14px;")
        self.summary = QTableWidget(0, 7)
        self.summary.setHorizontalHeaderLabels(
            [
                self.tr("Tier"),
                self.tr("Patients"),
                self.tr("% patients"),
                self.tr("Revenue"),
                self.tr("% revenue"),
                self.tr("Average"),
                self.tr("Visits"),
            ]
        )
        self.movements = QLabel()
        self.movements.setWordWrap(True)
        for table in (self.summary,):
            table.verticalHeader().hide()
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            for money in (3, 5):  # ¥1,048,992,000 in full, never cut
                table.horizontalHeader().setSectionResizeMode(
                    money, QHeaderView.ResizeMode.ResizeToContents
                )
        self.list_choice = QComboBox()
        self.list_choice.currentIndexChanged.connect(self._on_list_changed)
        self.list_model = PatientListModel(self.db, self.language, self)
        self.list_view = QTableView()
        self.list_view.setModel(self.list_model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.verticalHeader().hide()
        fit_columns(self.list_view, self.list_model.COLUMNS, PATIENT_SAMPLES)  # spend in sight
        self.list_model.runner = self.runner
        self.list_view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.list_view.setSortingEnabled(True)  # the sort stays from one list to the next
        self.list_view.doubleClicked.connect(
            lambda index: self.open_patient.emit(index.data(IdRole))
        )
        self.export_chart_button = QPushButton(self.tr("Export ch&arts…"))
        self.export_chart_button.clicked.connect(self._on_export_chart)
        self.export_list_button = QPushButton(self.tr("Export tier &list…"))
        self.export_list_button.clicked.connect(self._on_export_list)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.headline)
        left_layout.addWidget(self.summary, 1)
        left_layout.addWidget(self.movements)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        choice_row = QHBoxLayout()
        choice_row.addWidget(QLabel(self.tr("Show:")))
        choice_row.addWidget(self.list_choice, 1)
        right_layout.addLayout(choice_row)
        right_layout.addWidget(self.list_view, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_chart_button)
        buttons.addWidget(self.export_list_button)
        right_layout.addLayout(buttons)
        body = charts_over_lists(self.charts, left, right)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(progress)
        self.pages = QStackedWidget()  # the engine's tiers; the predicted value's (attach_value)
        self.pages.addWidget(body)
        layout.addWidget(self.pages, 1)

    # Parameters

    def load_cutoffs(self) -> None:
        """Start from the clinic's own cut-offs (a preset, or custom values)."""
        a, b = get_setting(self.db, "tier_cutoffs", [70, 90])
        cuts = (round(a / 100, 4), round(b / 100, 4))
        preset = next((name for name, value in PRESETS.items() if value == cuts), None)
        for widget in (self.cutoffs, self.cut_a, self.cut_b):
            widget.blockSignals(True)
        self.cut_a.setValue(a)
        self.cut_b.setValue(b)
        self.cutoffs.setCurrentIndex(self.cutoffs.findData(preset or "custom"))
        for widget in (self.cutoffs, self.cut_a, self.cut_b):
            widget.blockSignals(False)
        self._sync_controls()

    def params(self) -> TierParams:
        """The tier parameters the controls say."""
        start, end = self._period()
        preset = self.cutoffs.currentData()
        cuts = (
            PRESETS[preset]
            if preset in PRESETS
            else (self.cut_a.value() / 100, self.cut_b.value() / 100)
        )
        measure = self.measure.currentData()
        # The engine runs on revenue meanwhile: the rest of the window follows its tiers.
        return TierParams(start, end, "revenue" if measure == PREDICTED else measure, cuts)

    def _period(self) -> tuple[dt.date, dt.date]:
        today = dt.date.today()
        key = self.period.currentData()
        if key == "this":
            return dt.date(today.year, 1, 1), today
        if key == "last":
            return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
        if key == "custom":
            return _to_date(self.date_from.date()), _to_date(self.date_to.date())
        last12 = TierParams.last_twelve_months(today)
        return last12.period_from, last12.period_to

    def _sync_controls(self) -> None:
        custom_period = self.period.currentData() == "custom"
        custom_cuts = self.cutoffs.currentData() == "custom"
        if not custom_period:
            self.date_from.blockSignals(True)
            self.date_to.blockSignals(True)
            start, end = self._period()  # even while the cut-offs are invalid
            self.date_from.setDate(QDate(start.year, start.month, start.day))
            self.date_to.setDate(QDate(end.year, end.month, end.day))
            self.date_from.blockSignals(False)
            self.date_to.blockSignals(False)
        for widget in (self.date_from, self.date_to):
            widget.setEnabled(custom_period)
        for spin in (self.cut_a, self.cut_b):
            spin.setEnabled(custom_cuts)
        preset = PRESETS.get(self.cutoffs.currentData())
        if preset is not None:  # the boxes show what the preset means
            for spin, cut in zip((self.cut_a, self.cut_b), preset, strict=True):
                spin.blockSignals(True)
                spin.setValue(round(cut * 100, 2))
                spin.blockSignals(False)

    def _on_control_changed(self, *_args: Any) -> None:
        self._sync_controls()
        if not self._show_measure():
            self._timer.start()  # typed dates and cut-offs: run once the typing pauses

    def _on_choice_changed(self, *_args: Any) -> None:
        self._sync_controls()
        if not self._show_measure():
            self.run(save=False)  # a choice from a list is made in one go: no delay

    # Predicted value

    def attach_value(self, source: ValueSource) -> None:
        """Add the measure "predicted value": ABC on lifetime value from `source`'s runs."""
        self.value_view = PredictedValueView(source)
        self.value_view.open_patient.connect(self.open_patient)
        self.pages.addWidget(self.value_view)
        self.measure.addItem(self.tr("Predicted value"), PREDICTED)

    def _show_measure(self) -> bool:
        """Show the predicted-value page if that measure is chosen, its tiers on the
        controls' cut-offs (the engine does not run for it); whether it is shown."""
        predicted = self.value_view is not None and self.measure.currentData() == PREDICTED
        self.pages.setCurrentIndex(int(predicted))
        self.run_button.setEnabled(not predicted)
        self.period.setEnabled(not predicted)
        if predicted and self.value_view is not None:
            try:
                self.value_view.source.set_cutoffs(self.params().cutoffs)
            except KnownError as exc:
                self._show_error(exc.message(self.language))
        return predicted

    # Running

    def run(self, save: bool, adopt: bool = False) -> None:
        """Run the engine on the controls' parameters.

        A preview (neither `save` nor `adopt`) replaces the preview under way and shows
        here only. A saved run, or one the window adopts (at start-up, after an import,
        after the settings changed), also goes to the rest of the window (`adopted`): the
        call list and the patient file follow those, never a preview. What is shown here
        is the latest run asked for, whichever finishes first.
        """
        self._timer.stop()
        try:
            tiers = self.params()
        except KnownError as exc:
            self._show_error(exc.message(self.language))
            return
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.stage.setText(self.tr("Starting…"))
        self._asked += 1
        number, adopt = self._asked, adopt or save
        self._task = self.runner.read(
            lambda task: _engine_and_view(task, tiers),
            owner=self,
            key="adopted" if adopt else "preview",
            success=lambda view: self._on_computed(view, number, save, adopt),
            failure=lambda error: self._on_failed(error) if number == self._asked else None,
            progress=lambda f, stage: (
                self._on_progress(f, stage) if number == self._asked else None
            ),
        )

    def cancel(self) -> None:
        """Stop the run under way (the results shown stay)."""
        if self._task is not None:
            self._task.cancel()

    def _on_progress(self, fraction: float, stage: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.stage.setText(self._stage_text(stage))

    def _stage_text(self, stage: str) -> str:
        texts = {
            "facts": self.tr("Reading the charges…"),
            "tiers": self.tr("Tiers…"),
            "rfm": self.tr("RFM…"),
            "lapse": self.tr("Rhythms…"),
            "referrals": self.tr("Referrals…"),
            "membership": self.tr("Membership…"),
            "done": self.tr("Done"),
        }
        return texts.get(stage, stage)

    def _on_computed(self, view: TierView, number: int, save: bool, adopt: bool) -> None:
        result = view.result
        if number == self._asked:  # not overtaken by a run asked for later
            self.cancel_button.setEnabled(False)
            self.progress.setValue(1000)
            self.stage.setText(self.tr("Saving…") if save else self.tr("Preview, not saved"))
            self.show_result(view)
            self.computed.emit(result)
        if adopt:
            self.adopted.emit(view)
        if save:
            self.runner.write(
                lambda task: save_tier_run(task.db, result),
                owner=self,
                success=self._on_saved,
                failure=self._on_failed,
            )

    def _on_saved(self, run_id: int) -> None:
        self.stage.setText(self.tr("Saved as tier run %1").replace("%1", str(run_id)))
        self.saved.emit(run_id)

    def _on_failed(self, error: Exception) -> None:
        self.cancel_button.setEnabled(False)
        if isinstance(error, Cancelled):
            self.stage.setText(self.tr("Cancelled; the results shown are the previous ones."))
        else:
            self._show_error(describe(error, self.language))

    def _show_error(self, text: str) -> None:
        self.stage.setText(self.tr("Could not compute the tiers: %1").replace("%1", text))
        self.stage.setStyleSheet("color: #b00020;")

    # Showing

    def show_result(self, view: TierView) -> None:
        """Show a run's charts, summary, movements and drill-down lists."""
        result = view.result
        self.result = result
        self.list_model.set_segmentation(view)  # a preview's tiers, not the saved run's
        self.stage.setStyleSheet("")
        tiers = result.tiers
        if len(tiers.rows) < 2:
            self.charts.show_note(
                self.tr(
                    "Not enough activity in this period for tiers: %1 patients "
                    "with revenue or visits. Choose a longer period, or import "
                    "the billing history (File > Import)."
                ).replace("%1", str(len(tiers.rows)))
            )
        else:
            self.charts.show_result(result)
        self._fill_summary(view)
        self.headline.setVisible(len(tiers.rows) >= 2)  # no figures from too little activity
        self._fill_lists(view.lists)

    def _fill_summary(self, view: TierView) -> None:
        result = view.result
        tiers = result.tiers
        fill_summary(self.summary, tiers.summaries, format_fen)
        top20 = f"{tiers.top20_share:.0%}"
        self.headline.setText(
            (
                self.tr("Top 20% of patients make %1 of the visits.").replace("%1", top20)
                if result.params.tiers.measure == "visits"
                else self.tr("Top 20% of patients bring %1 of the revenue.").replace("%1", top20)
            )
            + " "
            + fill(
                self.tr(
                    "Gini %1. %2 patients without activity in the period. %3 former A/B "
                    "patients are slipping away (%4 a year)."
                ),
                f"{tiers.gini:.2f}",
                f"{tiers.no_activity:,}",
                f"{view.alarmed:,}",
                format_fen(result.revenue_at_risk_fen),
            )
        )
        self.movements.setText(
            self.tr("Since the last saved run: %1").replace(
                "%1", "  ".join(moved(result, self.language))
            )
            if result.previous_run_id is not None
            else self.tr("No earlier run saved yet.")
        )

    def _fill_lists(self, lists: dict[Key, list[int]]) -> None:
        previous = self.list_choice.currentData()
        self._lists = {self._list_name(key): ids for key, ids in lists.items()}
        self.list_choice.blockSignals(True)
        self.list_choice.clear()
        for name, ids in self._lists.items():
            self.list_choice.addItem(f"{name} ({len(ids):,})", name)
        index = self.list_choice.findData(previous)
        self.list_choice.setCurrentIndex(max(index, 0))
        self.list_choice.blockSignals(False)
        self._on_list_changed()

    def _list_name(self, key: Key) -> str:
        kind, value = key
        if kind == "tier":
            return self.tr("Tier %1").replace("%1", value)
        if kind == "moved":
            return self.tr("Moved %1").replace("%1", movement_name(value, self.language))
        if kind == "rfm":
            return self.tr("RFM: %1").replace("%1", i18n.code_name("rfm", value, self.language))
        names = {
            "alarm": self.tr("Can't lose them: former A/B slipping away"),
            "down": self.tr("Downgraded since the last run"),
            "leaders": self.tr("Opinion leaders (by referred revenue)"),
        }
        return names[kind]

    def _on_list_changed(self, *_args: Any) -> None:
        name = self.list_choice.currentData()
        self.list_model.set_ids(self._lists.get(name, []))

    # Export

    def _on_export_chart(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export charts"), "tiers.png", "PNG (*.png);;SVG (*.svg);;PDF (*.pdf)"
        )
        if name:
            self.export_charts(Path(name))

    def export_charts(self, path: Path) -> Handle | None:
        """Save the two charts as PNG, SVG or PDF (by the file's suffix), drawn again on a
        figure of their own in the background."""
        result = self.result
        if result is None:
            return None
        labels = self.charts.labels(result)
        return self.exporter.export(
            self.tr("Export charts"), path, lambda _task: save_charts(path, result, labels)
        )

    def _on_export_list(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export tier list"), "tiers.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if name:
            self.export_list(Path(name))

    def export_list(self, path: Path) -> Handle | None:
        """Write the run's tier list (.xlsx or CSV) in the background."""
        result, language = self.result, self.language
        if result is None:
            return None

        def write(task: Task) -> None:
            headers, rows = tier_table(task.db, result, language, full_phones=True)
            write_table(path, headers, rows, task.progress, task.cancel)

        return self.exporter.export(self.tr("Export tier list"), path, write)


def _engine_and_view(task: Task, tiers: TierParams) -> TierView:
    return tier_view(run_engine(task.db, tiers, task.progress, task.cancel))


def _to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
