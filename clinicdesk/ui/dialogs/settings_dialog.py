"""The settings dialog: the clinic's own rules (in the clinic file) and this PC's choices.

The clinic's settings travel with its file (name, staff, cut-offs, cadences, lapse
thresholds, recall intervals, membership levels); the language and the phone masking
belong to this PC and are kept with the window's settings.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk.core.calls import CallRules
from clinicdesk.core.db.clinic import (
    ROLES,
    add_staff,
    charge_limit,
    get_setting,
    list_staff,
    set_setting,
)
from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.segmentation.params import LapseParams, MembershipParams
from clinicdesk.ui.dialogs.value_settings import ValueSettingsPage


def _spin(low: int, high: int, value: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


def _ratio(value: float) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0.1, 20.0)
    spin.setSingleStep(0.1)
    spin.setValue(value)
    return spin


class SettingsDialog(QDialog):
    """Edit the settings; `accept()` saves the clinic's in one transaction."""

    def __init__(
        self, db: Database, pc: QSettings, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.pc, self.language = db, pc, language
        self.setWindowTitle(self.tr("Settings"))
        self.resize(720, 560)
        tabs = QTabWidget()
        tabs.addTab(self._clinic_tab(), self.tr("Clinic"))
        tabs.addTab(self._staff_tab(), self.tr("Staff"))
        tabs.addTab(self._tiers_tab(), self.tr("Tiers and rhythm"))
        tabs.addTab(self._calls_tab(), self.tr("Call list"))
        self.value_page = ValueSettingsPage(db)
        tabs.addTab(self.value_page, self.tr("Lifetime value"))
        tabs.addTab(self._pc_tab(), self.tr("This PC"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)

    # Tabs

    def _clinic_tab(self) -> QWidget:
        self.clinic_name = QLineEdit(get_setting(self.db, "clinic_name") or "")
        self.offer = QLineEdit(get_setting(self.db, "offer_text") or "")
        self.offer.setPlaceholderText(self.tr("e.g. a free cleaning for returning patients"))
        self.max_charge = _spin(1, 2_000_000_000, charge_limit(self.db) // 100, " ¥")
        self.max_charge.setGroupSeparatorShown(True)  # 10,000,000: its zeros are easy to count
        self.max_charge.setToolTip(
            self.tr("A larger amount, or a larger refund, is refused by the import and the forms.")
        )
        box = QWidget()
        form = QFormLayout(box)
        form.addRow(self.tr("Clinic name:"), self.clinic_name)
        form.addRow(self.tr("Offer in the scripts:"), self.offer)
        form.addRow(self.tr("Largest amount of one charge:"), self.max_charge)
        return box

    def _staff_tab(self) -> QWidget:
        self.staff_list = QListWidget()
        self._fill_staff()
        self.new_staff = QLineEdit()
        self.new_role = QComboBox()
        roles = {
            "reception": self.tr("Reception"),
            "consultant": self.tr("Consultant"),
            "doctor": self.tr("Doctor"),
            "manager": self.tr("Manager"),
            "other": self.tr("Other"),
        }
        for role in ROLES:
            self.new_role.addItem(roles[role], role)
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(self._on_add_staff)
        toggle = QPushButton(self.tr("Active / left"))
        toggle.clicked.connect(self._on_toggle_staff)
        row = QHBoxLayout()
        row.addWidget(self.new_staff, 1)
        row.addWidget(self.new_role)
        row.addWidget(add)
        row.addWidget(toggle)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(self.staff_list, 1)
        layout.addLayout(row)
        return box

    def _tiers_tab(self) -> QWidget:
        a, b = get_setting(self.db, "tier_cutoffs", [70, 90])
        self.cut_a, self.cut_b = _spin(1, 99, int(a), " %"), _spin(2, 100, int(b), " %")
        lapse = LapseParams(
            **{
                k: v
                for k, v in get_setting(self.db, "lapse", {}).items()
                if k in ("due_ratio", "overdue_ratio", "lapsed_ratio")
            }
        )
        self.due, self.overdue, self.lapsed = (
            _ratio(lapse.due_ratio),
            _ratio(lapse.overdue_ratio),
            _ratio(lapse.lapsed_ratio),
        )
        levels = dict(get_setting(self.db, "membership_levels") or MembershipParams().levels)
        self.levels = {
            name: _spin(0, 10_000_000, int(levels.get(name, 0)) // 100, " ¥")
            for name in ("silver", "gold", "diamond")
        }
        box = QWidget()
        form = QFormLayout(box)
        form.addRow(self.tr("Tier A up to (cumulative share):"), self.cut_a)
        form.addRow(self.tr("Tier B up to:"), self.cut_b)
        form.addRow(QLabel(self.tr("Rhythm: days since the last visit ÷ the usual interval")))
        form.addRow(self.tr("Due from:"), self.due)
        form.addRow(self.tr("Overdue from:"), self.overdue)
        form.addRow(self.tr("Lapsed from:"), self.lapsed)
        names = {
            "silver": self.tr("Silver from:"),
            "gold": self.tr("Gold from:"),
            "diamond": self.tr("Diamond from:"),
        }
        for name, spin in self.levels.items():
            form.addRow(names[name], spin)
        return box

    def _calls_tab(self) -> QWidget:
        rules = CallRules.from_clinic(self.db)
        self.cadence = {
            t: _spin(1, 3650, rules.cadence_days.get(t, 180), self.tr(" days")) for t in "ABC"
        }
        self.care_ahead = _spin(0, 60, rules.care_days_ahead, self.tr(" days"))
        self.maintenance = QTableWidget(len(rules.maintenance_days), 2)
        self.maintenance.setHorizontalHeaderLabels(
            [self.tr("Item or category"), self.tr("Due again after (days)")]
        )
        self.maintenance.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, (item, days) in enumerate(rules.maintenance_days.items()):
            self.maintenance.setItem(row, 0, QTableWidgetItem(item))
            self.maintenance.setItem(row, 1, QTableWidgetItem(str(days)))
        add_row = QPushButton(self.tr("Add a row"))
        add_row.clicked.connect(lambda: self.maintenance.insertRow(self.maintenance.rowCount()))
        box = QWidget()
        form = QFormLayout(box)
        for tier, spin in self.cadence.items():
            form.addRow(self.tr("Call tier %1 at least every:").replace("%1", tier), spin)
        form.addRow(self.tr("Care dates this far ahead:"), self.care_ahead)
        self._workload_rows(form, rules)
        form.addRow(QLabel(self.tr("Recall intervals:")))
        form.addRow(self.maintenance)
        form.addRow(add_row)
        return box

    def _workload_rows(self, form: QFormLayout, rules: CallRules) -> None:
        """The day's workload: calls per caller, the unanswered tries, the working days and
        the days before a patient who did not answer is tried again (issue 16)."""
        self.per_caller = _spin(1, 500, rules.calls_per_caller, self.tr(" calls"))
        self.max_unanswered = _spin(1, 20, rules.max_unanswered, self.tr(" tries"))
        self.retry = {
            t: _spin(1, 365, rules.retry_days.get(t, 14), self.tr(" days")) for t in "ABC"
        }
        days = QHBoxLayout()
        self.working_days = []
        for number, name in enumerate(QLocale().standaloneDayName(d) for d in range(1, 8)):
            check = QCheckBox(name)
            check.setChecked(number in rules.working_days)
            self.working_days.append(check)
            days.addWidget(check)
        form.addRow(self.tr("Calls per caller per day:"), self.per_caller)
        form.addRow(self.tr("Unanswered tries in a row before a pause:"), self.max_unanswered)
        for tier, spin in self.retry.items():
            form.addRow(self.tr("After no answer, try tier %1 again after:").replace("%1", tier),
                        spin)  # fmt: skip
        form.addRow(self.tr("Calling days:"), days)

    def _pc_tab(self) -> QWidget:
        self.language_combo = QComboBox()
        for text, key in (
            (self.tr("Follow the system"), ""),
            ("简体中文", "zh_CN"),
            ("English", "en"),
        ):
            self.language_combo.addItem(text, key)
        current = str(self.pc.value("language", ""))
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(current), 0))
        self.mask_combo = QComboBox()
        self.mask_combo.addItem(self.tr("Hide the middle digits (138****8000)"), True)
        self.mask_combo.addItem(self.tr("Show whole numbers"), False)
        masked = str(self.pc.value("mask_phones", "true")).lower() == "true"
        self.mask_combo.setCurrentIndex(0 if masked else 1)
        box = QWidget()
        form = QFormLayout(box)
        form.addRow(self.tr("Language (after a restart):"), self.language_combo)
        form.addRow(self.tr("Phone numbers in lists:"), self.mask_combo)
        return box

    # Staff

    def _fill_staff(self) -> None:
        self.staff_list.clear()
        for member in list_staff(self.db, active_only=False):
            text = member.name + ("" if member.active else self.tr(" (left)"))
            item = QListWidgetItem(text)
            item.setData(256, member.id)
            self.staff_list.addItem(item)

    def _on_add_staff(self) -> None:
        try:
            add_staff(self.db, self.new_staff.text(), self.new_role.currentData())
        except InvalidValue as exc:
            QMessageBox.warning(self, self.tr("Settings"), exc.message(self.language))
            return
        self.new_staff.clear()
        self._fill_staff()

    def _on_toggle_staff(self) -> None:
        item = self.staff_list.currentItem()
        if item is None:
            return
        with self.db.atomic():
            self.db.execute("UPDATE staff SET active = 1 - active WHERE id = ?", [item.data(256)])
        self._fill_staff()

    # Saving

    def values(self) -> dict[str, Any]:
        """The clinic's settings as the dialog says them."""
        maintenance = {}
        for row in range(self.maintenance.rowCount()):
            item, days = self.maintenance.item(row, 0), self.maintenance.item(row, 1)
            if item and days and item.text().strip() and days.text().strip().isdigit():
                maintenance[item.text().strip()] = int(days.text())
        rules = get_setting(self.db, "call_rules", {}) or {}
        rules.update(
            cadence_days={t: s.value() for t, s in self.cadence.items()},
            care_days_ahead=self.care_ahead.value(),
            maintenance_days=maintenance,
            calls_per_caller=self.per_caller.value(),
            max_unanswered=self.max_unanswered.value(),
            retry_days={t: s.value() for t, s in self.retry.items()},
            working_days=[n for n, check in enumerate(self.working_days) if check.isChecked()],
        )
        lapse = get_setting(self.db, "lapse", {}) or {}
        lapse.update(
            due_ratio=self.due.value(),
            overdue_ratio=self.overdue.value(),
            lapsed_ratio=self.lapsed.value(),
        )
        return {
            "clinic_name": self.clinic_name.text().strip() or None,
            "offer_text": self.offer.text().strip() or None,
            "max_charge_fen": self.max_charge.value() * 100,
            "tier_cutoffs": [self.cut_a.value(), self.cut_b.value()],
            "lapse": lapse,
            "membership_levels": [[n, s.value() * 100] for n, s in self.levels.items()],
            "call_rules": rules,
            "lifetime_value": self.value_page.values(),
        }

    def accept(self) -> None:
        values = self.values()
        problems = []
        if values["tier_cutoffs"][0] >= values["tier_cutoffs"][1]:
            problems.append(self.tr("Tier A must end below tier B."))
        if not self.due.value() < self.overdue.value() < self.lapsed.value():
            problems.append(self.tr("Due, overdue and lapsed must come in that order."))
        if not values["call_rules"]["working_days"]:
            problems.append(self.tr("Calls need at least one calling day."))
        if problems:
            QMessageBox.warning(self, self.tr("Settings"), "\n".join(problems))
            return
        with self.db.atomic():
            for key, value in values.items():
                set_setting(self.db, key, value)
        self.pc.setValue("language", self.language_combo.currentData())
        self.pc.setValue("mask_phones", "true" if self.mask_combo.currentData() else "false")
        self.pc.sync()
        super().accept()
