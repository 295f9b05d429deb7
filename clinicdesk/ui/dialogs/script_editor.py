"""Editing the phone scripts, with a live preview on a real patient."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk.core.calls import CallEntry
from clinicdesk.core.calls.fill import script_values
from clinicdesk.core.calls.script_store import (
    ScriptVersion,
    StoredScript,
    add_tier_version,
    list_scripts,
    save_script,
)
from clinicdesk.core.calls.scripts import PLACEHOLDERS, Script, render, unknown_placeholders
from clinicdesk.core.errors import InvalidValue
from clinicdesk.ui.dialogs.script_versions import VersionsPanel


class ScriptEditor(QDialog):
    """All scripts on the left; the chosen one's text, its fallback, the placeholders and
    a preview filled in for `sample` (a patient from today's list) on the right."""

    def __init__(
        self, db: Database, language: str, sample: CallEntry | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.language, self.sample = db, language, sample
        # The sample's placeholder values, read once (the preview redraws on every key).
        self._values = (
            script_values(db, sample, language, today=dt.date.today()) if sample is not None else {}
        )
        self.setWindowTitle(self.tr("Phone scripts"))
        self.resize(1000, 700)
        self.scripts: list[StoredScript] = list_scripts(db)
        self.current: StoredScript | None = None
        self.list = QListWidget()
        for script in self.scripts:
            tier = f" · {script.tier}" if script.tier else ""
            self.list.addItem(QListWidgetItem(f"{script.name}{tier} · {script.language}"))
        self.body, self.fallback = QPlainTextEdit(), QPlainTextEdit()
        self.fallback.setFixedHeight(70)
        self.placeholders = QListWidget()
        for english, names in PLACEHOLDERS.items():
            name = names[0] if language == "zh_CN" else english
            self.placeholders.addItem("{" + name + "}")
        self.placeholders.itemDoubleClicked.connect(self._on_placeholder_double_clicked)
        self.warning = QLabel()
        self.warning.setStyleSheet("color: #b00020;")
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("background: #f4f6f8; padding: 6px;")
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.tier_combo = QComboBox()
        for tier in "ABC":
            self.tier_combo.addItem(self.tr("Tier %1").replace("%1", tier), tier)
        self.tier_button = QPushButton(self.tr("Add a version for this tier"))
        self.tier_button.clicked.connect(self._on_add_tier_version)
        self.versions = VersionsPanel(db, language)
        self.versions.used.connect(self._on_version_used)
        self._layout(buttons)
        self.list.currentRowChanged.connect(self._on_row_changed)
        self.body.textChanged.connect(self._update_preview)
        self.fallback.textChanged.connect(self._update_preview)
        if self.scripts:
            self.list.setCurrentRow(0)

    def _layout(self, buttons: QDialogButtonBox) -> None:
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addWidget(QLabel(self.tr("Script (double-click a placeholder to insert it):")))
        row = QHBoxLayout()
        row.addWidget(self.body, 3)
        row.addWidget(self.placeholders, 1)
        layout.addLayout(row, 3)
        layout.addWidget(QLabel(self.tr("Said instead when a value is missing:")))
        layout.addWidget(self.fallback)
        layout.addWidget(self.warning)
        tier_row = QHBoxLayout()
        tier_row.addStretch(1)
        tier_row.addWidget(self.tier_combo)
        tier_row.addWidget(self.tier_button)
        layout.addLayout(tier_row)
        layout.addWidget(QLabel(self.tr("Preview:")))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.versions)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([300, 700])
        outer = QVBoxLayout(self)
        outer.addWidget(splitter, 1)
        outer.addWidget(buttons)

    def _on_row_changed(self, row: int) -> None:
        if self.current is not None and self._dirty() and not self._ask_save():
            return
        self.current = self.scripts[row] if 0 <= row < len(self.scripts) else None
        self.body.setPlainText(self.current.body if self.current else "")
        self.fallback.setPlainText(self.current.fallback if self.current else "")
        self.versions.show_script(self.current.id if self.current else None)

    def _on_version_used(self, version: ScriptVersion) -> None:
        """An older wording is back in use: show it (saving it again is not needed)."""
        if self.current is None:
            return
        self.current = replace(self.current, body=version.body, fallback=version.fallback)
        self.scripts[self.list.currentRow()] = self.current
        self.body.setPlainText(version.body)
        self.fallback.setPlainText(version.fallback)

    def _dirty(self) -> bool:
        return self.current is not None and (
            self.body.toPlainText() != self.current.body
            or self.fallback.toPlainText() != self.current.fallback
        )

    def _ask_save(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Phone scripts"), self.tr("Save the changes to this script?")
        )
        return self.save() if answer == QMessageBox.StandardButton.Yes else True

    def _on_placeholder_double_clicked(self, item: QListWidgetItem) -> None:
        cursor = self.body.textCursor()
        cursor.insertText(item.text())
        self.body.setTextCursor(cursor)
        self.body.moveCursor(QTextCursor.MoveOperation.NoMove)

    def _update_preview(self) -> None:
        body = self.body.toPlainText()
        unknown = unknown_placeholders(body) + unknown_placeholders(self.fallback.toPlainText())
        self.warning.setText(
            self.tr("Unknown placeholders: %1").replace("%1", "、".join(unknown)) if unknown else ""
        )
        if self.sample is None:
            self.preview.setText(self.tr("(no patient on today's list to preview with)"))
            return
        self.preview.setText(render(Script(body, self.fallback.toPlainText()), self._values))

    def _on_add_tier_version(self) -> None:
        if self.current is None or (self._dirty() and not self.save()):
            return
        new_id = add_tier_version(self.db, self.current.id, self.tier_combo.currentData())
        self.scripts = list_scripts(self.db)
        self.current = None
        self.list.blockSignals(True)
        self.list.clear()
        for script in self.scripts:
            tier = f" · {script.tier}" if script.tier else ""
            self.list.addItem(QListWidgetItem(f"{script.name}{tier} · {script.language}"))
        self.list.blockSignals(False)
        self.list.setCurrentRow(next(i for i, s in enumerate(self.scripts) if s.id == new_id))

    def save(self) -> bool:
        """Save the script shown; False (with a message) if it was refused."""
        if self.current is None:
            return True
        body, fallback = self.body.toPlainText(), self.fallback.toPlainText()
        try:
            save_script(self.db, self.current.id, body, fallback,
                        side_by_side=self.versions.side_by_side.isChecked())  # fmt: skip
        except InvalidValue as exc:
            QMessageBox.warning(self, self.tr("Not saved"), exc.message(self.language))
            return False
        index = self.scripts.index(self.current)
        self.current = StoredScript(
            self.current.id,
            self.current.name,
            self.current.reason,
            self.current.tier,
            self.current.language,
            body,
            fallback,
        )
        self.scripts[index] = self.current
        self.versions.side_by_side.setChecked(False)
        self.versions.show_script(self.current.id)
        return True
