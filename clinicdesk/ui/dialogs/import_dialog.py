"""The import dialog: choose an export, check how it is read, import it with progress.

Reading the preview and importing both run on the task runner, so a large file never
freezes the window; Cancel stops the import and the clinic file stays as it was. Esc or
closing the dialog during an import asks whether to cancel it; the dialog stays until
the import has ended, so its outcome is always seen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QBrush, QDesktopServices, QHideEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from clinicdesk import paths
from clinicdesk.core import i18n
from clinicdesk.core.errors import Cancelled
from clinicdesk.core.importer import ImportOptions, ImportPlan, ImportResult
from clinicdesk.core.importer.cells import text_of
from clinicdesk.core.importer.columns import FIELDS, IGNORE, normalise
from clinicdesk.core.importer.summary import summary_text
from clinicdesk.core.values import format_fen
from clinicdesk.ui.dialogs.import_preview import Preview, apply_task, plan_task, preview_task
from clinicdesk.workers.runner import Handle, TaskRunner, describe

AUTO = ""
ENCODINGS = ("", "utf-8", "gb18030", "utf-16")


class PreviewModel(QStandardItemModel):
    """The first rows as they will be imported: parsed values, or why a row is refused.

    Its cells are held by Qt (a `QStandardItemModel`, not a Python model): painting the
    dialog then makes no call into Python, which during an import waits for the GIL behind
    the import's threads at every call (its ~500 calls a paint stalled the window by
    30-50 ms at the click on Import)."""

    def set_preview(
        self,
        rows: list[list[str]],
        refused: list[bool],
        headers: list[str],
        numbers: list[int] | None = None,
    ) -> None:
        """Show new rows (`refused[i]`: row i will not be imported), each headed by its
        row's number in the file (`numbers`), as the spreadsheet and the report number it."""
        self.clear()
        self.setColumnCount(len(headers))
        self.setHorizontalHeaderLabels(headers)
        for cells, out in zip(rows, refused, strict=True):
            items = [QStandardItem(cell) for cell in cells]
            for item in items:
                item.setEditable(False)
                if out:
                    item.setForeground(QBrush(Qt.GlobalColor.darkRed))
            self.appendRow(items)
        if numbers is not None:
            self.setVerticalHeaderLabels([str(n) for n in numbers])


class ImportDialog(QDialog):
    """Import a billing export into the open clinic file.

    Signals:
        imported(result): an import finished and wrote something.
    """

    imported = Signal(object)

    def __init__(self, runner: TaskRunner, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.language = runner, language
        self.source: Path | None = None
        self.preview: Preview | None = None
        self.overrides: dict[str, str] = {}
        self._import: Handle | None = None
        self.last_result: ImportResult | None = None
        self.setWindowTitle(self.tr("Import billing export"))
        self.resize(980, 680)
        self._build()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self._start_preview)

    # Building

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        # A search or preview still waiting must not run once the widget is gone.
        self._debounce.stop()
        super().hideEvent(event)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        row = QHBoxLayout()
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.clicked.connect(self._on_choose_clicked)
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.choose_button)
        form.addRow(self.tr("Export file:"), row)
        self.encoding_combo = QComboBox()
        for name in ENCODINGS:
            self.encoding_combo.addItem(name or self.tr("Detect automatically"), name)
        self.encoding_combo.currentIndexChanged.connect(self._schedule_preview)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setEnabled(False)
        self.sheet_combo.currentIndexChanged.connect(self._schedule_preview)
        encoding_row = QHBoxLayout()
        encoding_row.addWidget(self.encoding_combo)
        encoding_row.addWidget(QLabel(self.tr("Sheet:")))
        encoding_row.addWidget(self.sheet_combo, 1)
        form.addRow(self.tr("Encoding:"), encoding_row)
        self.detected_label = QLabel()
        form.addRow("", self.detected_label)
        self.extra_check = QCheckBox(self.tr("Keep other columns in the charge's note"))
        self.extra_check.setChecked(True)
        self.extra_check.toggled.connect(self._schedule_preview)
        form.addRow("", self.extra_check)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Columns: check what each column holds")))
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("First value"), self.tr("Imported as")]
        )
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mapping_table.verticalHeader().hide()
        layout.addWidget(self.mapping_table, 2)
        layout.addWidget(QLabel(self.tr("The first rows as they will be imported")))
        self.preview_model = PreviewModel(self)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview_model)
        self.preview_view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.preview_view, 3)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message_label)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximum(1000)
        self.progress_bar.hide()
        layout.addWidget(self.progress_bar)
        buttons = QHBoxLayout()
        self.report_button = QPushButton(self.tr("Open report"))
        self.report_button.hide()
        self.report_button.clicked.connect(self._on_report_clicked)
        self.import_button = QPushButton(self.tr("Import"), default=True)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self._on_close_clicked)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    # Choosing and previewing

    def set_source(self, path: Path) -> None:
        """Preview `path` (what choosing a file does)."""
        self.source = path
        self.overrides = {}
        self.file_edit.setText(str(path))
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.setEnabled(False)
        self.sheet_combo.blockSignals(False)
        self.report_button.hide()
        self._start_preview()

    def options(self, dry_run: bool = False) -> ImportOptions:
        """The import options the dialog's controls say."""
        stem = self.source.stem if self.source else "import"
        return ImportOptions(
            encoding=self.encoding_combo.currentData() or None,
            sheet=self.sheet_combo.currentData() if self.sheet_combo.isEnabled() else None,
            overrides=dict(self.overrides),
            keep_extra=self.extra_check.isChecked(),
            dry_run=dry_run,
            language=self.language,
            report_path=paths.import_report_path(stem),
        )

    def _schedule_preview(self) -> None:
        if self.source is not None:
            self._debounce.start()

    def _start_preview(self) -> None:
        if self.source is None:
            return
        self.import_button.setEnabled(False)
        self.message_label.setText(self.tr("Reading the file…"))
        source, options = self.source, self.options()
        self.runner.read(
            lambda _task: preview_task(source, options),
            owner=self,
            key="preview",
            success=self._show_preview,
            failure=self._on_preview_failed,
        )

    def _on_choose_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a billing export"),
            "",
            self.tr("Billing exports (*.csv *.txt *.xlsx);;All files (*)"),
        )
        if name:
            self.set_source(Path(name))

    def _on_preview_failed(self, error: Exception) -> None:
        self.preview_model.set_preview([], [], [])
        self.mapping_table.setRowCount(0)
        self.message_label.setText(describe(error, self.language))

    def _show_preview(self, result: Preview) -> None:
        self.preview = result
        table = result.table
        if table.sheets and not self.sheet_combo.isEnabled():
            self.sheet_combo.blockSignals(True)
            for sheet in table.sheets:
                self.sheet_combo.addItem(sheet, sheet)
            self.sheet_combo.setCurrentIndex(table.sheets.index(table.sheet or table.sheets[0]))
            self.sheet_combo.setEnabled(True)
            self.sheet_combo.blockSignals(False)
        encoding = table.encoding or "Excel"
        self.detected_label.setText(self.tr("Read as %1").replace("%1", encoding))
        self._fill_mapping(result)
        self._fill_preview(result)
        self.message_label.setText("")
        self.import_button.setEnabled(True)
        self._default(self.import_button)

    def _default(self, button: QPushButton) -> None:
        """Make `button` the one Enter presses (Import, or Close once it is done)."""
        for other in (self.import_button, self.close_button):
            other.setDefault(other is button)

    def _fill_mapping(self, result: Preview) -> None:
        mapping = result.mapping
        field_of = {index: field for field, index in mapping.columns.items()}
        first = (
            result.table.rows[mapping.header_row + 1]
            if len(result.table.rows) > mapping.header_row + 1
            else []
        )
        self.mapping_table.setRowCount(len(mapping.headers))
        for row, header in enumerate(mapping.headers):
            self.mapping_table.setItem(row, 0, _item(header))
            self.mapping_table.setItem(
                row, 1, _item(text_of(first[row]) if row < len(first) else "")
            )
            combo = QComboBox()
            combo.addItem(self.tr("(not imported)"), AUTO)
            for field in FIELDS:
                combo.addItem(self._field_label(field), field)
            combo.addItem(self.tr("Ignore"), IGNORE)
            chosen = self.overrides.get(normalise(header), field_of.get(row, AUTO))
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.currentIndexChanged.connect(
                lambda _i, h=header, c=combo: self._on_mapping_changed(h, c.currentData())
            )
            self.mapping_table.setCellWidget(row, 2, combo)

    def _fill_preview(self, result: Preview) -> None:
        fields = ("name", "card_no", "phone", "date", "item", "amount")
        headers = [self._field_label(f) for f in fields] + [self.tr("Status")]
        lines: list[tuple[int, list[str], bool]] = []
        for r in result.records:
            cells = [
                r.name or "",
                r.card or "",
                r.mobile or "",
                r.date,
                r.item or "",
                format_fen(r.amount_fen),
                self.tr("will be imported"),
            ]
            lines.append((r.row, cells, False))
        columns = result.mapping.columns
        for issue in (i for i in result.issues if i.rejected):
            raw = [
                issue.cells[columns[f]] if f in columns and columns[f] < len(issue.cells) else ""
                for f in fields
            ]
            reason = i18n.message(issue.key, self.language, **issue.params)
            lines.append((issue.row, [*raw, reason], True))
        lines.sort(key=lambda line: line[0])  # in the file's order
        self.preview_model.set_preview(
            [c for _, c, _ in lines], [r for *_, r in lines], headers, [n for n, *_ in lines]
        )

    def _field_label(self, field: str) -> str:
        labels = {
            "card_no": self.tr("Card number"),
            "name": self.tr("Name"),
            "phone": self.tr("Mobile"),
            "date": self.tr("Date"),
            "item": self.tr("Item"),
            "category": self.tr("Category"),
            "amount": self.tr("Amount"),
            "staff": self.tr("Staff"),
            "note": self.tr("Note"),
        }
        return labels[field]

    def _on_mapping_changed(self, header: str, field: str) -> None:
        if field == AUTO:
            self.overrides.pop(normalise(header), None)
        else:
            self.overrides[normalise(header)] = field
        self._schedule_preview()

    # Importing

    def _on_import_clicked(self) -> None:
        if self.source is None:
            return
        self._set_running(True)
        self._import = self.runner.read(
            plan_task(self.source, self.options()),
            owner=self,
            success=self._on_planned,
            failure=self._on_import_failed,
            progress=self._on_import_progress,
        )

    def _on_planned(self, plan: ImportPlan) -> None:
        # Read, parsed and matched without a lock; now the short write.
        if self._import is not None and self._import.cancel_event.is_set():
            self.runner.read(lambda _task: plan.release())  # not here: see its docstring
            self._on_import_failed(Cancelled())  # cancelled as the reading ended
            return
        self._import = self.runner.write(
            apply_task(plan),
            owner=self,
            success=self._on_imported,
            failure=self._on_import_failed,
            progress=self._on_import_progress,
        )

    def _set_running(self, running: bool) -> None:
        for widget in (
            self.import_button,
            self.choose_button,
            self.encoding_combo,
            self.sheet_combo,
            self.extra_check,
            self.mapping_table,
        ):
            widget.setEnabled(not running)
        self.progress_bar.setVisible(running)
        self.progress_bar.setValue(0)
        self.close_button.setText(self.tr("Cancel") if running else self.tr("Close"))

    def importing(self) -> bool:
        """Whether an import is under way (the dialog is not closed on it unseen)."""
        return self._import is not None and not self._import.done

    def confirm_stop(self) -> bool:
        """During an import, ask whether to cancel it. True when none runs or it is being
        cancelled (nothing of it is written); False when the user lets it go on."""
        if not self.importing():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Import billing export"),
            self.tr(
                "An import is under way. Cancel it? Nothing of it will be written.\n"
                "(No: it goes on, and this window shows when it is done.)"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self._cancel_import()
        return True

    def _cancel_import(self) -> None:
        if self._import is not None and not self._import.done:
            self._import.cancel()
            self.message_label.setText(self.tr("Cancelling…"))

    def _on_close_clicked(self) -> None:
        if self.importing():
            self._cancel_import()  # the button says Cancel: no need to ask
        else:
            self.reject()

    def _on_import_progress(self, fraction: float, stage: str) -> None:
        self.progress_bar.setValue(int(fraction * 1000))
        self.message_label.setText(self._stage_label(stage))

    def _stage_label(self, stage: str) -> str:
        labels = {
            "read": self.tr("Reading the file…"),
            "parse": self.tr("Reading the rows…"),
            "match": self.tr("Matching patients…"),
            "write": self.tr("Writing…"),
        }
        return labels.get(stage, stage)

    def _on_imported(self, result: ImportResult) -> None:
        self._set_running(False)
        # Done: not offered again until a file is chosen (or read) again; Enter closes.
        self.import_button.setEnabled(False)
        self._default(self.close_button)
        self.last_result = result
        self.message_label.setText(summary_text(result, self.language))
        self.report_button.setVisible(result.report is not None)
        if result.imported or result.patients_created:
            self.imported.emit(result)

    def _on_import_failed(self, error: Exception) -> None:
        self._set_running(False)
        if isinstance(error, Cancelled):
            self.message_label.setText(self.tr("Cancelled: the clinic file is unchanged."))
        else:
            self.message_label.setText(describe(error, self.language))

    def _on_report_clicked(self) -> None:
        result = self.last_result
        if result is not None and result.report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.report)))

    # Qt overrides

    def reject(self) -> None:
        # Esc: during an import, ask; either way the dialog stays until the import has
        # ended, so its outcome is seen (and the window refreshed).
        if self.importing():
            self.confirm_stop()
            return
        super().reject()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        if self.importing():
            self.confirm_stop()
            event.ignore()
            return
        super().closeEvent(event)


def _item(text: str) -> Any:
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item
