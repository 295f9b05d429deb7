"""The call tab's list chooser: today's list or a campaign's, with the campaign's figures."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget
from sqlite_utils import Database

from clinicdesk.core.calls import campaign_results
from clinicdesk.core.calls.script_store import version_results
from clinicdesk.core.calls.store import list_campaigns
from clinicdesk.ui.translation import fill

Campaign = tuple[int, str, dict[str, Any]]  # id, name, target


class CampaignChooser(QObject):
    """Which list the tab shows, and how the chosen campaign is doing.

    Attributes:
        combo: today's list, then the campaigns.
        figures: the campaign's calls, reached, booked and conversion (and per version
            of its script, when two wordings were read).
        new_button: starts a new campaign.

    Signals:
        changed(): another list was chosen.
    """

    changed = Signal()

    def __init__(self, db: Database, language: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.db, self.language, self.parent_widget = db, language, parent
        self.combo = QComboBox()
        self.figures = QLabel()
        self.new_button = QPushButton(self.tr("New campaign…"))
        self._campaigns: dict[int, Campaign] = {}
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.new_button.clicked.connect(self._on_new_campaign)

    def load(self) -> None:
        """Fill the chooser: today's list, then the campaigns (the choice is kept)."""
        current = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("Today's list"), None)
        self._campaigns = {
            cid: (cid, name, target) for cid, name, target in list_campaigns(self.db)
        }
        for cid, name, _target in self._campaigns.values():
            self.combo.addItem(self.tr("Campaign: %1").replace("%1", name), cid)
        self.combo.setCurrentIndex(max(self.combo.findData(current), 0))
        self.combo.blockSignals(False)

    def campaign(self) -> Campaign | None:
        """The campaign whose list is shown, or None for today's list."""
        cid = self.combo.currentData()
        return self._campaigns.get(cid) if cid is not None else None

    def offer(self) -> str | None:
        """The chosen campaign's offer (the scripts' {优惠}), if any."""
        campaign = self.campaign()
        return campaign[2].get("offer") if campaign else None

    def update_figures(self) -> None:
        """Show how the chosen campaign is doing (nothing for today's list)."""
        campaign = self.campaign()
        if campaign is None:
            self.figures.setText("")
            return
        done = campaign_results(self.db, campaign[0])
        text = fill(
            self.tr("Contacted %1, reached %2, booked %3 (conversion %4)"),
            done.contacted,
            done.reached,
            done.booked,
            f"{done.conversion:.0%}",
        )
        self.figures.setText(text + self._by_version(campaign[0]))

    def _by_version(self, campaign_id: int) -> str:
        """Per version of the campaign's own script, when it has been read in two or more
        wordings: "· v1 3/10 · v2 5/12" (booked / calls)."""
        row = self.db.execute("SELECT script_id FROM campaigns WHERE id = ?", [campaign_id])
        script_id = (row.fetchone() or [None])[0]
        if script_id is None:
            return ""
        results = [r for r in version_results(self.db, script_id, campaign_id) if r.calls]
        if len(results) < 2:
            return ""
        part = self.tr("v%1 %2/%3 (%4)")
        return "".join(
            " · " + fill(part, r.version, r.booked, r.calls, f"{r.conversion:.0%}") for r in results
        )

    def _on_new_campaign(self) -> None:
        from clinicdesk.ui.dialogs.campaign_dialog import CampaignDialog

        dialog = CampaignDialog(self.db, self.language, self.parent_widget)
        if dialog.exec() and dialog.campaign_id is not None:
            self.load()
            self.combo.setCurrentIndex(self.combo.findData(dialog.campaign_id))
