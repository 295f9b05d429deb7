"""The call-list tab: the consultant's morning, phone in one hand.

The list is built on the task runner (it needs the engine's rhythms); the patient's
summary and the filled script come from small look-ups as a row is chosen. An outcome
is one transaction, and the next patient is selected. Keys 1-6 log the outcomes, so the
list can be worked from the keyboard alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QKeySequence,
    QPageSize,
    QPdfWriter,
    QShortcut,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.calls import (
    CallEntry,
    CallRules,
    build_call_list,
    campaign_list,
    campaign_results,
    claim,
    filled_script,
    filled_scripts,
    log_outcome,
    progress_today,
)
from clinicdesk.core.calls.store import list_campaigns
from clinicdesk.core.db.clinic import list_staff
from clinicdesk.core.db.lists import mask_mobile
from clinicdesk.core.db.patients import get_patient
from clinicdesk.core.db.records import charges_of, contacts_of
from clinicdesk.core.export import write_table, written
from clinicdesk.core.segmentation.engine import SegmentationResult
from clinicdesk.core.values import format_fen
from clinicdesk.ui.exports import Exporter
from clinicdesk.ui.models.call_list import CallListModel
from clinicdesk.ui.translation import fill
from clinicdesk.workers.runner import Handle, Task, TaskRunner, describe, release

_SCRIPT_BATCH = 2000  # entries whose scripts are filled in at once (progress, cancel)
OUTCOMES = ("reached", "booked", "declined", "no_answer", "wrong_number", "do_not_call")


class CallTab(QWidget):
    """Today's list, the patient beside it, the script, and the outcome buttons.

    Signals:
        logged(int): a call was logged for this patient.
        open_patient(int): the user wants the whole file.
    """

    logged = Signal(int)
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
        self.rules = CallRules.from_clinic(db)
        self.today = dt.date.today()
        self.model = CallListModel(language, self)
        self.exporter = Exporter(self, runner, language)
        self._logging = False  # a logged outcome on its way to the file
        self._campaigns: dict[int, tuple[int, str, dict[str, Any]]] = {}
        self._build()
        self.show_entry(None)

    # Building

    def _build(self) -> None:
        self.staff = QComboBox()
        self.order = QComboBox()
        for key, text in (
            ("value", self.tr("By value")),
            ("easiest", self.tr("Easiest first")),
            ("owner", self.tr("By owner")),
        ):
            self.order.addItem(text, key)
        self.order.setToolTip(
            self.tr(
                "By value: tier A first, then revenue; former A/B slipping away first "
                "within a tier.\nEasiest first: patients most likely to answer and say yes "
                "first (recent successful calls, loyalty, a recent visit; recent refusals "
                "and unanswered calls count against), so a new caller starts with successes.\n"
                "By owner: each consultant's patients together."
            )
        )
        self.show_all = QCheckBox(self.tr("Include patients claimed by others"))
        self.reveal = QCheckBox(self.tr("Show full phone numbers"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.progress = QLabel()
        self.count = QLabel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Sized by 50 rows, not 1,000 (Qt's default): a list of
        # thousands was measured cell by cell on every rebuild, a quarter of a second.
        header.setResizeContentsPrecision(50)
        header.setSectionResizeMode(
            CallListModel.COLUMNS.index("reasons"), QHeaderView.ResizeMode.Stretch
        )
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.script = QTextEdit()
        self.script.setReadOnly(True)
        self.copy_button = QPushButton(self.tr("Copy script"))
        self.claim_button = QPushButton(self.tr("Claim for me"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("What was said (optional)"))
        self.next_date = QDateEdit()
        self.next_date.setCalendarPopup(True)
        self.next_date.setDisplayFormat("yyyy-MM-dd")
        self.next_check = QCheckBox(self.tr("Next call on"))
        self.outcome_buttons: dict[str, QPushButton] = {}
        for number, outcome in enumerate(OUTCOMES, start=1):
            button = QPushButton(f"{number} {i18n.code_name('outcome', outcome, self.language)}")
            button.clicked.connect(lambda _c=False, o=outcome: self.log(o))
            QShortcut(QKeySequence(str(number)), self.view, lambda o=outcome: self.log(o))
            self.outcome_buttons[outcome] = button
        self.export_button = QPushButton(self.tr("Export…"))
        self.list_choice = QComboBox()
        self.campaign_button = QPushButton(self.tr("New campaign…"))
        self.scripts_button = QPushButton(self.tr("Edit scripts…"))
        self.campaign_figures = QLabel()
        self._layout()
        self._connect()

    def _layout(self) -> None:
        top = QHBoxLayout()
        for label, widget in ((self.tr("Caller:"), self.staff), (self.tr("Order:"), self.order)):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addWidget(self.show_all)
        top.addWidget(self.reveal)
        top.addStretch(1)
        top.addWidget(self.progress)
        top.addWidget(self.refresh_button)
        second = QHBoxLayout()
        second.addWidget(QLabel(self.tr("List:")))
        second.addWidget(self.list_choice)
        second.addWidget(self.campaign_button)
        second.addWidget(self.campaign_figures, 1)
        second.addWidget(self.scripts_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.count)
        left_layout.addWidget(self.view, 1)
        export_row = QHBoxLayout()
        export_row.addStretch(1)
        export_row.addWidget(self.export_button)
        left_layout.addLayout(export_row)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.summary, 2)
        script_row = QHBoxLayout()
        script_row.addWidget(QLabel(self.tr("Script")))
        script_row.addStretch(1)
        script_row.addWidget(self.claim_button)
        script_row.addWidget(self.copy_button)
        right_layout.addLayout(script_row)
        right_layout.addWidget(self.script, 2)
        form = QHBoxLayout()
        form.addWidget(self.note, 1)
        form.addWidget(self.next_check)
        form.addWidget(self.next_date)
        right_layout.addLayout(form)
        grid = QGridLayout()
        for index, outcome in enumerate(OUTCOMES):
            grid.addWidget(self.outcome_buttons[outcome], index // 3, index % 3)
        right_layout.addLayout(grid)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([640, 560])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.refresh_button.clicked.connect(self.refresh)
        self.list_choice.currentIndexChanged.connect(lambda _i: self.refresh())
        self.campaign_button.clicked.connect(self._on_new_campaign)
        self.scripts_button.clicked.connect(self._on_edit_scripts)
        self.order.currentIndexChanged.connect(lambda _i: self.refresh())
        self.staff.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_all.toggled.connect(lambda _on: self.refresh())
        self.reveal.toggled.connect(self._on_reveal_toggled)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.claim_button.clicked.connect(self._on_claim_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_entry(self._entry(current.row()))
        )

    # The list

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Back on the tab on a new day (the window was left open): the list is yesterday's.
        if self.today != dt.date.today() and self.result is not None:
            self.refresh()
        super().showEvent(event)

    def set_segmentation(self, result: SegmentationResult) -> None:
        """A new engine result: rebuild the list with its rhythms and tiers."""
        self.result = result
        self.refresh()

    def load_staff(self) -> None:
        """Fill the caller list (everyone, or one staff member)."""
        current = self.staff.currentData()
        self.staff.blockSignals(True)
        self.staff.clear()
        self.staff.addItem(self.tr("Everyone"), None)
        for member in list_staff(self.db):
            self.staff.addItem(member.name, member.id)
        self.staff.setCurrentIndex(max(self.staff.findData(current), 0))
        self.staff.blockSignals(False)

    def refresh(self) -> None:
        """Build the list again (on a reader); a build under way is dropped."""
        if self.result is None:
            self.count.setText(self.tr("Waiting for the tiers…"))
            return
        self.today = dt.date.today()  # a window left open overnight builds the new day's list
        today, rules, result = self.today, self.rules, self.result
        staff_id, show_all = self.staff.currentData(), self.show_all.isChecked()
        order, language = self.order.currentData(), self.language
        campaign = self.campaign()

        def build(task: Task) -> list[CallEntry]:
            if campaign is not None:
                _id, name, target = campaign
                return campaign_list(
                    task.db, today, rules, result, name, target, order=order, language=language
                )
            return build_call_list(
                task.db,
                today,
                rules,
                result,
                staff_id=staff_id,
                show_all=show_all,
                order=order,
                language=language,
            )

        self.count.setText(self.tr("Building today's list…"))
        self.runner.read(
            build, owner=self, key="list", success=self._on_built, failure=self._on_build_failed
        )

    def _on_built(self, entries: list[CallEntry]) -> None:
        # The consultant keeps their patient when the list is rebuilt (new tiers, a new
        # day); if that patient left the list, the one now in their row.
        current, row = self.current_entry(), self.view.currentIndex().row()
        old = self.model.entries
        self.model.set_entries(entries)
        self.runner.read(lambda _task: release(old))  # 70,000 entries: 0.15 s to free
        self._update_counts()
        if not entries:
            self.show_entry(None)
            return
        if current is not None:
            pid = current.patient_id
            row = next((i for i, e in enumerate(entries) if e.patient_id == pid), row)
        self.view.selectRow(min(max(row, 0), len(entries) - 1))
        self.view.scrollTo(self.view.currentIndex())

    def _on_build_failed(self, error: Exception) -> None:
        self.count.setText(
            self.tr("The list could not be built: %1").replace("%1", describe(error, self.language))
        )

    def _update_counts(self) -> None:
        self.count.setText(
            self.tr("%1 patients to call today").replace("%1", f"{self.model.rowCount():,}")
        )
        self._update_campaign_figures()
        done = progress_today(self.db, self.today, self.staff.currentData())
        self.progress.setText(
            fill(
                self.tr("Today: %1 called, %2 reached, %3 booked"),
                str(done.called),
                str(done.reached),
                str(done.booked),
            )
        )

    def _on_double_clicked(self, index: Any) -> None:
        entry = self._entry(index.row())
        if entry is not None:
            self.open_patient.emit(entry.patient_id)

    def _entry(self, row: int) -> CallEntry | None:
        return self.model.entries[row] if 0 <= row < len(self.model.entries) else None

    def current_entry(self) -> CallEntry | None:
        """The entry being worked on."""
        return self._entry(self.view.currentIndex().row())

    # The patient and the script

    def show_entry(self, entry: CallEntry | None) -> None:
        """Show an entry's summary and script (None: nothing chosen)."""
        for button in (self.copy_button, self.claim_button):
            button.setEnabled(entry is not None)
        for button in self.outcome_buttons.values():
            button.setEnabled(entry is not None and not self._logging)
        if entry is None:
            self.summary.setText(self.tr("Choose a patient on the list."))
            self.script.clear()
            return
        self.summary.setText(self._summary_html(entry))
        self._show_claim(entry)
        self.script.setPlainText(
            filled_script(
                self.db,
                entry,
                self.language,
                self._offer(),
                today=self.today,
                caller=self._caller_name(),
            )
        )
        days = self.rules.next_contact_days("no_answer", entry.tier) or 14
        self.next_date.setDate(QDate(self.today + dt.timedelta(days=days)))
        self.next_check.setChecked(False)

    def _summary_html(self, entry: CallEntry) -> str:
        patient = get_patient(self.db, entry.patient_id)
        esc, sep = _escape, i18n.message("calls.reason_sep", self.language)
        lines = [
            f"<b style='font-size:15px'>{esc(patient.name)}</b> &nbsp; "
            + esc(self.tr("Tier %1").replace("%1", entry.tier or "—"))
            + (
                " &nbsp; <span style='color:#b00020'>" + esc(self.tr("slipping away")) + "</span>"
                if entry.alarm
                else ""
            )
        ]
        if patient.taboos:
            taboos = self.tr("Taboos: %1").replace("%1", patient.taboos)
            lines.append(f"<span style='color:#b00020;font-weight:bold'>{esc(taboos)}</span>")
        if patient.notes:
            lines.append(f"<span style='background:#fff3cd'>{esc(patient.notes)}</span>")
        lines.append("<b>" + esc(self.tr("Why")) + "</b>: " + esc(entry.why(self.language)))
        visits = charges_of(self.db, entry.patient_id)[:3]
        if visits:
            lines.append(
                "<b>"
                + esc(self.tr("Last visits"))
                + "</b>: "
                + esc(sep.join(f"{c.date} {c.item} {format_fen(c.amount_fen)}" for c in visits))
            )
        contacts = contacts_of(self.db, entry.patient_id)[:3]
        if contacts:
            said = sep.join(
                " ".join(
                    (
                        c.contacted_at[:10],
                        i18n.code_name("outcome", c.outcome, self.language),
                        c.note or "",
                    )
                )
                for c in contacts
            )
            lines.append("<b>" + esc(self.tr("Previous calls")) + "</b>: " + esc(said))
        return "<br>".join(lines)

    # Campaigns and scripts

    def load_campaigns(self) -> None:
        """Fill the list chooser: today's list, then the campaigns."""
        current = self.list_choice.currentData()
        self.list_choice.blockSignals(True)
        self.list_choice.clear()
        self.list_choice.addItem(self.tr("Today's list"), None)
        self._campaigns = {
            cid: (cid, name, target) for cid, name, target in list_campaigns(self.db)
        }
        for cid, name, _target in self._campaigns.values():
            self.list_choice.addItem(self.tr("Campaign: %1").replace("%1", name), cid)
        self.list_choice.setCurrentIndex(max(self.list_choice.findData(current), 0))
        self.list_choice.blockSignals(False)

    def campaign(self) -> tuple[int, str, dict[str, Any]] | None:
        """The campaign whose list is shown, or None for today's list."""
        cid = self.list_choice.currentData()
        return self._campaigns.get(cid) if cid is not None else None

    def _offer(self) -> str | None:
        campaign = self.campaign()
        return campaign[2].get("offer") if campaign else None

    def _on_new_campaign(self) -> None:
        from clinicdesk.ui.dialogs.campaign_dialog import CampaignDialog

        dialog = CampaignDialog(self.db, self.language, self)
        if dialog.exec() and dialog.campaign_id is not None:
            self.load_campaigns()
            self.list_choice.setCurrentIndex(self.list_choice.findData(dialog.campaign_id))

    def _on_edit_scripts(self) -> None:
        from clinicdesk.ui.dialogs.script_editor import ScriptEditor

        ScriptEditor(self.db, self.language, self.current_entry(), self).exec()
        self.show_entry(self.current_entry())

    def _update_campaign_figures(self) -> None:
        campaign = self.campaign()
        if campaign is None:
            self.campaign_figures.setText("")
            return
        done = campaign_results(self.db, campaign[0])
        self.campaign_figures.setText(
            fill(
                self.tr("Contacted %1, reached %2, booked %3 (conversion %4)"),
                str(done.contacted),
                str(done.reached),
                str(done.booked),
                f"{done.conversion:.0%}",
            )
        )

    # Working the list

    def log(self, outcome: str) -> None:
        """Log the chosen patient's call with `outcome`, in one transaction by the writer,
        and move on to the next patient. Until it is written the outcome buttons wait; a
        refusal (or a busy file) leaves the patient on the list and the note as typed."""
        entry = self.current_entry()
        if entry is None or self._logging:
            return
        next_contact = (
            self.next_date.date().toString("yyyy-MM-dd") if self.next_check.isChecked() else None
        )
        campaign = self.campaign()
        rules, today, staff_id = self.rules, self.today, self.staff.currentData()
        note = self.note.text().strip() or None
        self._set_logging(True)
        self.runner.write(
            lambda task: log_outcome(
                task.db,
                entry,
                outcome,
                rules,
                caller_id=staff_id,
                note=note,
                next_contact=next_contact,
                today=today,
                campaign_id=campaign[0] if campaign else None,
            ),
            owner=self,
            success=lambda _contact: self._on_logged(entry),
            failure=self._on_log_failed,
        )

    def _set_logging(self, logging: bool) -> None:
        self._logging = logging
        for button in self.outcome_buttons.values():
            button.setEnabled(not logging and self.current_entry() is not None)

    def _on_logged(self, entry: CallEntry) -> None:
        self._set_logging(False)
        self.note.clear()
        pid = entry.patient_id
        found = next((i for i, e in enumerate(self.model.entries) if e.patient_id == pid), None)
        row = found if found is not None else self.view.currentIndex().row()
        if found is not None:
            self.model.remove(found)
        self._update_counts()
        if self.model.rowCount():
            self.view.selectRow(min(row, self.model.rowCount() - 1))
        else:
            self.show_entry(None)
        self.view.setFocus()
        self.logged.emit(entry.patient_id)

    def _on_log_failed(self, error: Exception) -> None:
        self._set_logging(False)
        QMessageBox.warning(self, self.tr("Not saved"), describe(error, self.language))

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.script.toPlainText())

    def _on_claim_clicked(self) -> None:
        entry, staff_id = self.current_entry(), self.staff.currentData()
        if entry is None:
            return
        if staff_id is None:
            QMessageBox.information(
                self, self.tr("Claim"), self.tr("Choose yourself as the caller first.")
            )
            return
        claim(self.db, entry.patient_id, staff_id, self.today)
        entry.claimed_by = staff_id
        self._show_claim(entry)

    def _show_claim(self, entry: CallEntry) -> None:
        mine = entry.claimed_by is not None and entry.claimed_by == self.staff.currentData()
        self.claim_button.setText(self.tr("Claimed") if mine else self.tr("Claim for me"))

    def _on_reveal_toggled(self, on: bool) -> None:
        self.model.reveal_phones = on
        if self.model.rowCount():
            self.model.dataChanged.emit(
                self.model.index(0, 0), self.model.index(self.model.rowCount() - 1, 4)
            )

    # Export

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

    def _caller_name(self) -> str | None:
        """Who is calling (the scripts' {我的名字}); None when "everyone" is chosen."""
        return self.staff.currentText() if self.staff.currentData() is not None else None

    def export(self, path: Path) -> Handle:
        """Write the list to .xlsx, .csv or .pdf (by the suffix), in the background: the
        rows' scripts are filled in on the task's connection."""
        entries, headers = list(self.model.entries), self.headers()
        fill_in = ScriptFill(self.language, self.today, self._caller_name(), self._offer())
        reveal = self.reveal.isChecked()
        title = self.tr("Call list %1").replace("%1", self.today.isoformat())

        def write(task: Task) -> None:
            rows = call_rows(task.db, entries, fill_in, reveal, task)
            if path.suffix.lower() == ".pdf":
                write_pdf(path, title, headers, rows)
            else:
                write_table(path, headers, rows, task.progress, task.cancel)

        return self.exporter.export(self.tr("Export the call list"), path, write)

    def _on_export_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the call list"),
            f"calls-{self.today.isoformat()}.pdf",
            "PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)",
        )
        if name:
            self.export(Path(name))


@dataclass(frozen=True)
class ScriptFill:
    """What filling in the scripts needs besides the entries (read on the GUI thread)."""

    language: str
    today: dt.date
    caller: str | None
    offer: str | None


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
    cells = "".join(f"<th>{_escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{_escape(str(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    html = (
        f"<h2>{_escape(title)}</h2><table border='1' cellspacing='0' cellpadding='3'"
        f" width='100%'><tr>{cells}</tr>{body}</table>"
    )
    with written(path) as partial:
        writer = QPdfWriter(str(partial))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setResolution(96)
        document = QTextDocument()
        document.setHtml(html)
        document.setPageSize(writer.pageLayout().paintRectPixels(96).size().toSizeF())
        document.print_(writer)
        del writer  # closes the file before it is moved into place


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
