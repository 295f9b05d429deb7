"""Beside the form: a patient's charges, visit notes, contacts, care dates, referrals, tags.

Each panel reads its rows with small indexed queries and writes through the store (one
transaction per addition); a refused value is explained in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.db import lists, records
from clinicdesk.core.db.patients import get_patient, set_tags, tags_of
from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.values import format_fen, split_list, yuan_to_fen
from clinicdesk.ui.translation import fill


class _Panel(QWidget):
    """A history panel for one patient at a time.

    Signals:
        changed(): the panel wrote something (totals elsewhere may change).
        open_patient(int): the user asked to open another patient's file.
    """

    changed = Signal()
    open_patient = Signal(int)

    def __init__(self, db: Database, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.language = db, language
        self.patient_id: int | None = None

    def set_patient(self, patient_id: int | None) -> None:
        """Show `patient_id`'s rows (None: nothing, for a new unsaved patient)."""
        self.patient_id = patient_id
        self.setEnabled(patient_id is not None)
        self.reload()

    def reload(self) -> None:
        """Read the rows again."""

    def _try(self, write: Callable[[], object]) -> bool:
        try:
            write()
        except InvalidValue as exc:
            QMessageBox.warning(self, self.tr("Not saved"), exc.message(self.language))
            return False
        self.reload()
        self.changed.emit()
        return True


def _table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # as read
    return table


SortRole = Qt.ItemDataRole.UserRole + 10  # what a cell sorts by, when not its text
RowIdRole = Qt.ItemDataRole.UserRole + 11  # the record a row shows (sorting moves rows)


class _Item(QTableWidgetItem):
    """A cell that sorts by its `SortRole` (money by fen, not by its text)."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SortRole), other.data(SortRole)
        if mine is not None and theirs is not None:
            return bool(mine < theirs)
        return self.text() < other.text()  # (Qt's own would call this one again)


def _fill(table: QTableWidget, rows: Sequence[Sequence[object]], ids: Sequence[int] = ()) -> None:
    """Show `rows` (each one's record id in `ids`, if given, under `RowIdRole`); a cell
    given as (text, key) sorts by key. Sorting stays as the user chose it (a click on a
    header), applied again after each reload."""
    table.setSortingEnabled(False)  # rows must not move while they are filled
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            text, key = value if isinstance(value, tuple) else (value, None)
            item = _Item("" if text is None else str(text))
            item.setData(SortRole, key)
            if ids and c == 0:
                item.setData(RowIdRole, ids[r])
            table.setItem(r, c, item)
    table.setSortingEnabled(True)


def _money(fen: int) -> tuple[str, int]:
    return format_fen(fen), fen


def _date_edit() -> QDateEdit:
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class ChargesPanel(_Panel):
    """Visits and charges, newest first, totals per year and all time; add a charge."""

    def __init__(self, db: Database, language: str, parent: QWidget | None = None) -> None:
        super().__init__(db, language, parent)
        self.table = _table(
            [
                self.tr("Date"),
                self.tr("Item"),
                self.tr("Category"),
                self.tr("Amount"),
                self.tr("Note"),
            ]
        )
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.date, self.item, self.category = _date_edit(), QLineEdit(), QLineEdit()
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("yuan, negative for a refund"))
        self.note = QLineEdit()
        add = QPushButton(self.tr("A&dd charge"))
        add.clicked.connect(self._on_add_clicked)
        form = QGridLayout()  # two rows: the file fits beside the list at 1366 px
        for n, (label, widget) in enumerate(
            (
                (self.tr("Date"), self.date),
                (self.tr("Item"), self.item),
                (self.tr("Category"), self.category),
                (self.tr("Amount"), self.amount),
                (self.tr("Note"), self.note),
            )
        ):
            form.addWidget(QLabel(label), n // 3, 2 * (n % 3))
            form.addWidget(widget, n // 3, 2 * (n % 3) + 1)
        form.addWidget(add, 1, 4, 1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)

    def reload(self) -> None:
        if self.patient_id is None:
            _fill(self.table, [])
            self.totals.setText("")
            return
        charges = records.charges_of(self.db, self.patient_id)
        _fill(
            self.table,
            [(c.date, c.item, c.category, _money(c.amount_fen), c.note) for c in charges],
        )
        years = lists.yearly_totals(self.db, self.patient_id)
        total = sum(t for _, _, t in years)
        parts = [self.tr("All time: %1").replace("%1", format_fen(total))]
        parts += [f"{y}: {format_fen(t)}" for y, _, t in years]
        self.totals.setText("   ".join(parts))

    def _on_add_clicked(self) -> None:
        pid = self.patient_id
        if pid is None:
            return

        def write() -> None:
            records.add_charge(
                self.db,
                pid,
                date=self.date.date().toString("yyyy-MM-dd"),
                item=self.item.text(),
                category=self.category.text() or None,
                amount_fen=yuan_to_fen(self.amount.text()),
                note=self.note.text() or None,
            )

        if self._try(write):
            for edit in (self.item, self.category, self.amount, self.note):
                edit.clear()


class NotesPanel(_Panel):
    """What was said at each visit, newest first; add a note."""

    def __init__(self, db: Database, language: str, parent: QWidget | None = None) -> None:
        super().__init__(db, language, parent)
        self.table = _table([self.tr("Visit date"), self.tr("Note")])
        self.date, self.text = _date_edit(), QLineEdit()
        self.text.setPlaceholderText(self.tr("What was said: worries, plans, dates to remember"))
        add = QPushButton(self.tr("A&dd note"))
        add.clicked.connect(self._on_add_clicked)
        self.text.returnPressed.connect(self._on_add_clicked)
        row = QHBoxLayout()
        row.addWidget(self.date)
        row.addWidget(self.text, 1)
        row.addWidget(add)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def reload(self) -> None:
        notes = records.visit_notes_of(self.db, self.patient_id) if self.patient_id else []
        _fill(self.table, [(n.visit_date, n.note) for n in notes])

    def _on_add_clicked(self) -> None:
        pid = self.patient_id
        if pid is not None and self._try(
            lambda: records.add_visit_note(
                self.db,
                pid,
                visit_date=self.date.date().toString("yyyy-MM-dd"),
                note=self.text.text(),
            )
        ):
            self.text.clear()


class ContactsPanel(_Panel):
    """Every call and message with its outcome, newest first; log a contact."""

    def __init__(self, db: Database, language: str, parent: QWidget | None = None) -> None:
        super().__init__(db, language, parent)
        self.channels = {
            "phone": self.tr("Phone"),
            "wechat": self.tr("WeChat"),
            "sms": self.tr("SMS"),
            "visit": self.tr("In person"),
            "other": self.tr("Other"),
        }
        self.table = _table(
            [
                self.tr("When"),
                self.tr("Channel"),
                self.tr("Outcome"),
                self.tr("Note"),
                self.tr("Next contact"),
            ]
        )
        self.channel, self.outcome = QComboBox(), QComboBox()
        for key, text in self.channels.items():
            self.channel.addItem(text, key)
        for key in records.OUTCOMES:
            self.outcome.addItem(i18n.code_name("outcome", key, self.language), key)
        self.note = QLineEdit()
        self.next_date = _date_edit()
        self.next_check = QCheckBox(self.tr("Next contact"))
        add = QPushButton(self.tr("&Log contact"))
        add.clicked.connect(self._on_add_clicked)
        row, second = QHBoxLayout(), QHBoxLayout()  # two rows, as the charges' form
        for widget in (self.channel, self.outcome, self.note):
            row.addWidget(widget, 1 if widget is self.note else 0)
        second.addWidget(self.next_check)
        second.addWidget(self.next_date)
        second.addStretch(1)
        second.addWidget(add)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addLayout(second)

    def reload(self) -> None:
        contacts = records.contacts_of(self.db, self.patient_id) if self.patient_id else []
        _fill(
            self.table,
            [
                (
                    c.contacted_at.replace("T", " ")[:16],
                    self.channels.get(c.channel, c.channel),
                    i18n.code_name("outcome", c.outcome, self.language),
                    c.note,
                    c.next_contact,
                )
                for c in contacts
            ],
        )

    def _on_add_clicked(self) -> None:
        pid = self.patient_id
        if pid is None:
            return
        next_contact = (
            self.next_date.date().toString("yyyy-MM-dd") if self.next_check.isChecked() else None
        )
        if self._try(
            lambda: records.log_contact(
                self.db,
                pid,
                outcome=self.outcome.currentData(),
                channel=self.channel.currentData(),
                note=self.note.text() or None,
                next_contact=next_contact,
            )
        ):
            self.note.clear()


class CareDatesPanel(_Panel):
    """The birthday (from the birth date), follow-ups and personal dates; add one."""

    def __init__(self, db: Database, language: str, parent: QWidget | None = None) -> None:
        super().__init__(db, language, parent)
        self.kinds = {
            "personal": self.tr("Personal date"),
            "follow_up": self.tr("Follow-up"),
            "other": self.tr("Other"),
        }
        self.table = _table(
            [
                self.tr("Date"),
                self.tr("Kind"),
                self.tr("What"),
                self.tr("Every year"),
                self.tr("Done"),
            ]
        )
        self.kind = QComboBox()
        for key, text in self.kinds.items():
            self.kind.addItem(text, key)
        self.date, self.title = _date_edit(), QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. call with the remedy she asked about"))
        self.yearly = QCheckBox(self.tr("Every year"))
        add = QPushButton(self.tr("A&dd date"))
        add.clicked.connect(self._on_add_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        # Two rows: one would widen the file past a 1366 px screen (in English).
        for widgets in ((self.kind, self.date, self.yearly), (self.title, add)):
            row = QHBoxLayout()
            for widget in widgets:
                row.addWidget(widget, 1 if widget is self.title else 0)
            if self.title not in widgets:
                row.addStretch(1)
            layout.addLayout(row)

    def reload(self) -> None:
        if self.patient_id is None:
            _fill(self.table, [])
            return
        rows: list[tuple[object, ...]] = []
        birthday = lists.next_birthday(get_patient(self.db, self.patient_id).birth_date)
        if birthday:
            rows.append(
                (birthday.isoformat(), self.tr("Birthday"), self.tr("Birthday"), self.tr("yes"), "")
            )
        dates = records.care_dates_of(self.db, self.patient_id)
        # What is still to do first, soonest first; then what was done, latest first.
        dates = sorted((d for d in dates if not d.done_at), key=lambda d: d.date) + sorted(
            (d for d in dates if d.done_at), key=lambda d: d.date, reverse=True
        )
        for d in dates:
            rows.append(
                (
                    d.date,
                    self.kinds.get(d.kind, d.kind),
                    d.title,
                    self.tr("yes") if d.yearly else "",
                    (d.done_at or "")[:10],
                )
            )
        _fill(self.table, rows)

    def _on_add_clicked(self) -> None:
        pid = self.patient_id
        if pid is not None and self._try(
            lambda: records.add_care_date(
                self.db,
                pid,
                kind=self.kind.currentData(),
                date=self.date.date().toString("yyyy-MM-dd"),
                title=self.title.text(),
                yearly=self.yearly.isChecked(),
            )
        ):
            self.title.clear()


class ReferralsPanel(_Panel):
    """Who referred this patient, and the patients they referred with each one's spend."""

    def __init__(self, db: Database, language: str, parent: QWidget | None = None) -> None:
        super().__init__(db, language, parent)
        self.referrer = QPushButton()
        self.referrer.setFlat(True)
        self.referrer.clicked.connect(self._on_referrer_clicked)
        self.total = QLabel()
        self.table = _table([self.tr("Referred patient"), self.tr("First visit"), self.tr("Spend")])
        self.table.cellDoubleClicked.connect(self._on_row_double_clicked)
        form = QFormLayout()
        form.addRow(self.tr("Referred by:"), self.referrer)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.total)
        layout.addWidget(self.table, 1)
        self._referred: list[lists.Referral] = []
        self._referrer_id: int | None = None

    def reload(self) -> None:
        self._referred = (
            lists.referred_with_spend(self.db, self.patient_id) if self.patient_id else []
        )
        _fill(
            self.table,
            [(r.name, r.first_visit, _money(r.spend_fen)) for r in self._referred],
            [r.id for r in self._referred],
        )
        spend = sum(r.spend_fen for r in self._referred)
        self.total.setText(
            fill(
                self.tr("Referred %1 patients, who spent %2"),
                len(self._referred),
                format_fen(spend),
            )
        )
        patient = get_patient(self.db, self.patient_id) if self.patient_id else None
        self._referrer_id = patient.referred_by if patient else None
        name = get_patient(self.db, self._referrer_id).name if self._referrer_id else "—"
        self.referrer.setText(name)
        self.referrer.setEnabled(self._referrer_id is not None)

    def _on_referrer_clicked(self) -> None:
        if self._referrer_id is not None:
            self.open_patient.emit(self._referrer_id)

    def _on_row_double_clicked(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.open_patient.emit(item.data(RowIdRole))


class TagsPanel(_Panel):
    """Tags and circles (圈层), comma separated, completed from those already in use."""

    def __init__(self, db: Database, language: str, parent: QWidget | None = None) -> None:
        super().__init__(db, language, parent)
        self.circles, self.tags = QLineEdit(), QLineEdit()
        for edit in (self.circles, self.tags):
            edit.setPlaceholderText(self.tr("separate with commas"))
        save = QPushButton(self.tr("Save ta&gs"))
        save.clicked.connect(self._on_save_clicked)
        form = QFormLayout(self)
        form.addRow(self.tr("Circles:"), self.circles)
        form.addRow(self.tr("Tags:"), self.tags)
        form.addRow("", save)

    def reload(self) -> None:
        known = [r[0] for r in self.db.execute("SELECT name FROM tags ORDER BY name")]
        for edit in (self.circles, self.tags):
            completer = QCompleter(known, edit)
            completer.setFilterMode(completer.filterMode().MatchContains)
            edit.setCompleter(completer)
        mine = tags_of(self.db, self.patient_id) if self.patient_id else []
        self.circles.setText("，".join(n for n, k in mine if k == "circle"))
        self.tags.setText("，".join(n for n, k in mine if k == "tag"))

    def _on_save_clicked(self) -> None:
        pid = self.patient_id
        if pid is None:
            return
        with self.db.atomic():
            set_tags(self.db, pid, split_list(self.circles.text()), kind="circle")
            set_tags(self.db, pid, split_list(self.tags.text()), kind="tag")
        self.reload()
        self.changed.emit()
