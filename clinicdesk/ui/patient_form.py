"""The patient file's form: every field of the record, grouped as the clinic thinks of it.

It knows whether it holds unsaved changes (`is_dirty`), and gives its values as the
store's fields; saving and validation belong to the patient file view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinicdesk.core.model import Patient, Staff
from clinicdesk.ui.keyboard import chain_tab_order

TEXT_FIELDS = (
    "name",
    "address_as",
    "birth_date",
    "mobile",
    "mobile2",
    "wechat",
    "card_no",
    "address",
    "occupation",
    "source",
    "first_visit",
    "taboos",
    "important_note",
    "personality",
    "hobbies",
)
LONG_FIELDS = ("background", "notes")


class PatientForm(QWidget):
    """The editable fields of one patient file.

    Attributes:
        fields: the editing widgets in the order they are read (and tabbed through).

    Signals:
        changed(): a field was edited by the user.
        choose_referrer(): the user wants to pick who referred this patient.
    """

    changed = Signal()
    choose_referrer = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {f: QLineEdit() for f in TEXT_FIELDS}
        self.long_edits: dict[str, QPlainTextEdit] = {f: QPlainTextEdit() for f in LONG_FIELDS}
        self.sex = _combo([("", ""), (self.tr("Female"), "F"), (self.tr("Male"), "M")])
        self.marital = _combo(
            [
                ("", ""),
                (self.tr("Single"), "single"),
                (self.tr("Married"), "married"),
                (self.tr("Divorced"), "divorced"),
                (self.tr("Widowed"), "widowed"),
            ]
        )
        self.owner = QComboBox()
        self.do_not_call = QCheckBox(self.tr("Do not call"))
        self.referrer_label = QLabel()
        self.referred_by: int | None = None
        self.loaded: dict[str, Any] = {}
        self._build()
        self._connect()

    def _build(self) -> None:
        self._decorate()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.fields: list[QWidget] = []  # in the order they are read
        for title, rows in self._groups():
            layout.addWidget(self._group(title, rows))
            self.fields += [widget for _label, widget in rows]
        layout.addStretch(1)
        chain_tab_order(self.fields)  # as they are read, not as they were made

    def _decorate(self) -> None:
        e = self.edits
        dates = self.tr("e.g. 1990-03-05 or 1990/3/5")
        for name in ("birth_date", "first_visit"):
            e[name].setPlaceholderText(dates)
        e["address_as"].setPlaceholderText(
            self.tr("on the phone, e.g. 王姐 (default: from surname, sex and age)")
        )
        e["mobile"].setPlaceholderText(self.tr("11 digits"))
        for name in ("taboos", "important_note"):
            e[name].setStyleSheet("QLineEdit { color: #b00020; font-weight: bold; }")
        e["important_note"].setToolTip(  # no placeholder: in red it would read as a note
            self.tr("shown once a day when the file opens, e.g. allergic to penicillin")
        )
        for name in LONG_FIELDS:
            self.long_edits[name].setFixedHeight(64)

    def _groups(self) -> list[tuple[str, list[tuple[str, QWidget]]]]:
        """The form's groups, the ones a receptionist needs at a glance first (at
        1366×728 they show without scrolling)."""
        e = self.edits
        return [
            (
                self.tr("At a glance"),
                [
                    (self.tr("Name *"), e["name"]),
                    (self.tr("Address as"), e["address_as"]),
                    (self.tr("Mobile"), e["mobile"]),
                    (self.tr("Owner"), self.owner),
                    (self.tr("Taboos"), e["taboos"]),
                    (self.tr("Important note"), e["important_note"]),
                    (self.tr("Personality"), e["personality"]),
                    (self.tr("Hobbies"), e["hobbies"]),
                ],
            ),
            (
                self.tr("Basic data"),
                [
                    (self.tr("Sex"), self.sex),
                    (self.tr("Birth date"), e["birth_date"]),
                    (self.tr("Second phone"), e["mobile2"]),
                    (self.tr("WeChat"), e["wechat"]),
                    (self.tr("Card number"), e["card_no"]),
                    (self.tr("Address"), e["address"]),
                    (self.tr("Occupation"), e["occupation"]),
                    (self.tr("Marital status"), self.marital),
                ],
            ),
            (
                self.tr("Relationship"),
                [
                    (self.tr("How they came"), e["source"]),
                    (self.tr("Referred by"), self._referrer_row()),
                    (self.tr("First visit"), e["first_visit"]),
                    ("", self.do_not_call),
                ],
            ),
            (
                self.tr("The person"),
                [
                    (self.tr("Background"), self.long_edits["background"]),
                    (self.tr("Notes"), self.long_edits["notes"]),
                ],
            ),
        ]

    def _referrer_row(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.referrer_label, 1)
        self.choose_button = QPushButton(self.tr("Ch&oose…"))
        self.clear_button = QPushButton(self.tr("Cle&ar"))
        layout.addWidget(self.choose_button)
        layout.addWidget(self.clear_button)
        return row

    def _group(self, title: str, rows: list[tuple[str, QWidget]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setVerticalSpacing(4)
        for label, widget in rows:
            form.addRow(label, widget)
        return box

    def _connect(self) -> None:
        # Any change, typed or pasted or programmatic, updates Save and Revert.
        for edit in self.edits.values():
            edit.textChanged.connect(self.changed)
        for long_edit in self.long_edits.values():
            long_edit.textChanged.connect(self._on_long_changed)
        for combo in (self.sex, self.marital, self.owner):
            combo.currentIndexChanged.connect(self.changed)
        self.do_not_call.toggled.connect(self.changed)
        self.choose_button.clicked.connect(self.choose_referrer)
        self.clear_button.clicked.connect(lambda: self.set_referrer(None, ""))

    def _on_long_changed(self) -> None:
        self.changed.emit()

    # Values

    def set_staff(self, staff: list[Staff]) -> None:
        """The staff members who can own a patient."""
        self.owner.clear()
        self.owner.addItem("", None)
        for member in staff:
            self.owner.addItem(member.name, member.id)

    def set_patient(self, patient: Patient | None, referrer_name: str = "") -> None:
        """Show `patient` (None: an empty form for a new patient)."""
        for name, edit in self.edits.items():
            edit.setText((getattr(patient, name) or "") if patient else "")
        for name, long_edit in self.long_edits.items():
            long_edit.blockSignals(True)
            long_edit.setPlainText((getattr(patient, name) or "") if patient else "")
            long_edit.blockSignals(False)
        _select(self.sex, patient.sex if patient else None)
        _select(self.marital, patient.marital_status if patient else None)
        _select(self.owner, patient.owner_id if patient else None)
        self.do_not_call.setChecked(bool(patient and patient.do_not_call))
        self.referred_by = patient.referred_by if patient else None
        self.referrer_label.setText(referrer_name)
        self.loaded = self.values()

    def set_referrer(self, patient_id: int | None, name: str) -> None:
        """Set who referred this patient (an edit)."""
        self.referred_by = patient_id
        self.referrer_label.setText(name)
        self.changed.emit()

    def values(self) -> dict[str, Any]:
        """The form's values as the store's fields (empty text as None)."""
        out: dict[str, Any] = {n: e.text().strip() or None for n, e in self.edits.items()}
        out.update({n: e.toPlainText().strip() or None for n, e in self.long_edits.items()})
        out["sex"] = self.sex.currentData() or None
        out["marital_status"] = self.marital.currentData() or None
        out["owner_id"] = self.owner.currentData()
        out["do_not_call"] = int(self.do_not_call.isChecked())
        out["referred_by"] = self.referred_by
        return out

    def changes(self) -> dict[str, Any]:
        """The fields that differ from what was loaded."""
        now = self.values()
        return {k: v for k, v in now.items() if self.loaded.get(k) != v}

    def is_dirty(self) -> bool:
        """Whether the form holds edits that are not saved."""
        return bool(self.changes())

    def focus_field(self, field: str) -> None:
        """Put the cursor in `field` (after a validation message)."""
        widget: Callable[[], None] | None = None
        if field in self.edits:
            widget = self.edits[field].setFocus
        elif field in self.long_edits:
            widget = self.long_edits[field].setFocus
        if widget:
            widget()


def _combo(items: list[tuple[str, Any]]) -> QComboBox:
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    return combo


def _select(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data) if data is not None else 0
    combo.setCurrentIndex(max(index, 0))
