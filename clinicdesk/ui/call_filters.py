"""The call list's filters (reason, tier, owner, lapse status, a search box) and its
order. The choices are kept in the window's settings on this PC, so that the list opens
as it was left; the search is not (a list that opens short would hide patients)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from clinicdesk.core import i18n
from clinicdesk.core.calls.rules import REASONS
from clinicdesk.core.model import Staff
from clinicdesk.core.segmentation.lapse import STATUSES
from clinicdesk.ui.models.call_list import Filters

_KEYS = ("reason", "tier", "owner", "status")


class FilterBar(QWidget):
    """Four choices and a search box over the list.

    Signals:
        changed(): a choice or the search changed (`filters()` says what they are).
    """

    changed = Signal()

    def __init__(self, language: str, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language, self.settings = language, settings
        everyone = self.tr("All")
        self.combos = {key: QComboBox() for key in _KEYS}
        self.combos["reason"].addItem(everyone, None)
        for reason in (*REASONS, "campaign"):
            self.combos["reason"].addItem(i18n.code_name("reason", reason, language), reason)
        self.combos["tier"].addItem(everyone, None)
        for tier in ("A", "B", "C"):
            self.combos["tier"].addItem(tier, tier)
        self.combos["tier"].addItem(self.tr("No tier"), "-")
        self.combos["owner"].addItem(everyone, None)
        self.combos["status"].addItem(everyone, None)
        for status in STATUSES:
            self.combos["status"].addItem(i18n.code_name("lapse", status, language), status)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the list: name, phone, owner"))
        self.search.setClearButtonEnabled(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        labels = {
            "reason": self.tr("Reason:"),
            "tier": self.tr("Tier:"),
            "owner": self.tr("Owner:"),
            "status": self.tr("Rhythm:"),
        }
        for key in _KEYS:
            layout.addWidget(QLabel(labels[key]))
            layout.addWidget(self.combos[key])
        layout.addWidget(self.search, 1)
        self._restore()
        for combo in self.combos.values():
            combo.currentIndexChanged.connect(self._on_changed)
        self.search.textChanged.connect(self._on_changed)

    def set_staff(self, staff: list[Staff]) -> None:
        """The owners to choose from (the choice is kept if they are still there)."""
        combo = self.combos["owner"]
        current = combo.currentData() if combo.count() > 1 else self._saved("owner")
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for member in staff:
            combo.addItem(member.name, member.id)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    def filters(self) -> Filters:
        """What the list is narrowed to."""
        data = {key: self.combos[key].currentData() for key in _KEYS}
        return Filters(data["reason"], data["tier"], data["owner"], data["status"],
                       self.search.text())  # fmt: skip

    def _on_changed(self) -> None:
        for key in _KEYS:
            value = self.combos[key].currentData()
            self.settings.setValue(f"calls/filter_{key}", "" if value is None else str(value))
        self.changed.emit()

    def _saved(self, key: str) -> object:
        raw = str(self.settings.value(f"calls/filter_{key}", ""))
        if key == "owner":
            return int(raw) if raw.isdigit() else None
        return raw or None

    def _restore(self) -> None:
        for key in ("reason", "tier", "status"):
            combo = self.combos[key]
            combo.setCurrentIndex(max(combo.findData(self._saved(key)), 0))


class OrderCombo(QComboBox):
    """The list's order: by priority (the plan's), by value, easiest first, by owner."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        for key, text in (
            ("priority", self.tr("By priority")),
            ("value", self.tr("By value")),
            ("easiest", self.tr("Easiest first")),
            ("owner", self.tr("By owner")),
        ):
            self.addItem(text, key)
        self.setCurrentIndex(max(self.findData(settings.value("calls/order", "priority")), 0))
        self.setToolTip(
            self.tr(
                "By priority: value (tier, revenue at risk) × (urgency + days waited), so "
                "that nobody waits for ever.\n"
                "By value: tier A first, then revenue; former A/B slipping away first "
                "within a tier.\nEasiest first: patients most likely to answer and say yes "
                "first (recent successful calls, loyalty, a recent visit; recent refusals "
                "and unanswered calls count against), so a new caller starts with successes.\n"
                "By owner: each consultant's patients together."
            )
        )

    def remember(self) -> None:
        """Keep the chosen order for the next time the list opens."""
        self.settings.setValue("calls/order", self.currentData())
