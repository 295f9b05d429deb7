"""Creating a campaign: a name, a target, an offer."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.calls import create_campaign
from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.segmentation.rfm import SEGMENTS
from clinicdesk.core.values import split_list


class CampaignDialog(QDialog):
    """A named campaign (e.g. 洁牙激活 2026-12); `campaign_id` is set after accept()."""

    def __init__(self, db: Database, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.language = db, language
        self.campaign_id: int | None = None
        self.setWindowTitle(self.tr("New campaign"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Cleaning reactivation 2026-12"))
        self.tiers = {t: QCheckBox(t) for t in "ABC"}
        self.lapse = {
            s: QCheckBox(i18n.code_name("lapse", s, language)) for s in ("due", "overdue", "lapsed")
        }
        self.rfm = {s: QCheckBox(i18n.code_name("rfm", s, language)) for s in SEGMENTS}
        self.tags, self.last_item, self.offer = QLineEdit(), QLineEdit(), QLineEdit()
        self.tags.setPlaceholderText(self.tr("circles or tags, separated by commas"))
        self.offer.setPlaceholderText(self.tr("the offer the script mentions"))
        form = QFormLayout(self)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Tiers:"), _row(self.tiers.values()))
        form.addRow(self.tr("Rhythm:"), _row(self.lapse.values()))
        rfm = list(self.rfm.values())
        form.addRow(self.tr("RFM segments:"), _row(rfm[:6]))
        form.addRow("", _row(rfm[6:]))
        form.addRow(self.tr("Tags:"), self.tags)
        form.addRow(self.tr("Last item:"), self.last_item)
        form.addRow(self.tr("Offer:"), self.offer)
        form.addRow(QLabel(self.tr("A patient must match every part that is filled in.")))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def target(self) -> dict[str, Any]:
        """The target the controls describe."""
        target: dict[str, Any] = {
            "tiers": [t for t, box in self.tiers.items() if box.isChecked()],
            "lapse": [s for s, box in self.lapse.items() if box.isChecked()],
            "rfm": [s for s, box in self.rfm.items() if box.isChecked()],
            "tags": split_list(self.tags.text()),
            "last_item": self.last_item.text().strip() or None,
            "offer": self.offer.text().strip() or None,
        }
        return {k: v for k, v in target.items() if v}

    def accept(self) -> None:
        target = self.target()
        if not set(target) - {"offer"}:
            QMessageBox.warning(
                self, self.tr("New campaign"), self.tr("Choose at least one part of the target.")
            )
            return
        try:
            self.campaign_id = create_campaign(self.db, self.name.text(), target)
        except InvalidValue as exc:
            QMessageBox.warning(self, self.tr("New campaign"), exc.message(self.language))
            return
        super().accept()


def _row(widgets: Any) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return box
