"""An engine run as the window shows it: per patient, and as drill-down lists.

At 100,000 patients each of these (the index behind a look-up of one patient's tier, RFM
segment or rhythm; the grouping into lists) takes tens of milliseconds, and the window
built them on the GUI thread after every run, several times over. `tier_view` builds
them once, on the reader that ran the engine; the tabs only look up and name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from clinicdesk.core.segmentation import SegmentationResult
from clinicdesk.core.segmentation.lapse import LapseRow
from clinicdesk.core.segmentation.rfm import SEGMENTS
from clinicdesk.core.segmentation.tiers import TIERS

Key = tuple[str, str]  # ("tier", "A"), ("alarm", ""), ("down", ""), ("leaders", ""),
# ("moved", "B→A"), ("rfm", "champions")


@dataclass(frozen=True)
class TierView:
    """One run, looked up by patient and grouped into the tier overview's lists.

    Attributes:
        result: the engine's result.
        lists: the drill-down lists' patient ids, in the order they are offered.
        tier, rfm, lapse: each patient's tier, RFM segment and rhythm, by id (look-ups
            into the run's columns, their indexes built on the reader).
        alarmed: how many former A/B patients are slipping away.
    """

    result: SegmentationResult
    lists: dict[Key, list[int]]
    tier: Mapping[int, str]
    rfm: Mapping[int, str]
    lapse: Mapping[int, LapseRow]
    alarmed: int


def tier_view(result: SegmentationResult) -> TierView:
    """The run's lookups and lists (on a reader: see the module's docstring)."""
    tier = result.tiers.rows.mapping("tier")
    rfm = result.rfm.mapping("segment")
    lapse = result.lapse.by_patient()
    for lookup in (tier, rfm, lapse):
        _ = 0 in lookup  # the index of one look-up at a time, built here, not on the GUI thread
    alarmed = int(result.lapse.column("alarm").sum())
    return TierView(result, drill_lists(result), tier, rfm, lapse, alarmed)


def drill_lists(result: SegmentationResult) -> dict[Key, list[int]]:
    """Each list's patient ids, the lists in the order they are offered."""
    rows = result.tiers.rows
    lists: dict[Key, list[int]] = {}
    for tier in TIERS:
        lists["tier", tier] = rows.ids(tier=tier)
    lists["alarm", ""] = result.lapse.ids(by="days_since", descending=True, alarm=True)
    lists["down", ""] = rows.ids(movement="down")
    lists["leaders", ""] = result.referrals.ids(by="tree_revenue_fen", descending=True, leader=True)
    for move in sorted(result.tiers.movements):
        before, after = move.split("→")
        if before != after and after != "none":
            lists["moved", move] = rows.ids(
                previous_tier=None if before == "new" else before, tier=after
            )
    for segment in SEGMENTS:
        ids = result.rfm.ids(segment=segment)
        if ids:
            lists["rfm", segment] = ids
    return lists
