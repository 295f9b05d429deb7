"""The tier overview's predicted-value view: ABC on lifetime value, and who is slipping.

Built in a worker task from a value run and the tier cut-offs, so that the window only
draws: the tiers' totals, the Pareto curve (downsampled), and the "valuable but
slipping" list with the names it shows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlite_utils import Database

from clinicdesk.core.segmentation import tiers
from clinicdesk.core.segmentation.tiers import TIERS, Assigned, TierSummary
from clinicdesk.core.value.lists import predicted_value_tiers, slipping, value_at_risk
from clinicdesk.core.value.service import ValueResult
from clinicdesk.core.values import format_fen


@dataclass(frozen=True, slots=True)
class SlippingRow:
    """A valuable patient unlikely to come back (money in fen)."""

    patient_id: int
    name: str
    tier: str
    clv_fen: int
    p_alive: float
    risk_fen: int
    last_visit: dt.date


@dataclass(frozen=True, slots=True)
class ValueOverview:
    """A value run seen as tiers on lifetime value.

    Attributes:
        result: the value run.
        cutoffs: the tier cut-offs used.
        assigned: the predicted-value tiers (measure: lifetime value, fen).
        summaries: per tier; `revenue_fen` is the lifetime value (in whole yuan) and
            `visits` the expected visits over the forecast months, rounded.
        curve: the Pareto curve of lifetime value, downsampled for drawing.
        top20_share: the share of the lifetime value held by the top 20% of patients.
        slipping: "valuable but slipping", highest value at risk first.
    """

    result: ValueResult
    cutoffs: tuple[float, float]
    assigned: Assigned
    summaries: dict[str, TierSummary]
    curve: Sequence[tuple[float, float]]
    top20_share: float
    slipping: tuple[SlippingRow, ...]

    def tier_of(self, patient_id: int) -> str | None:
        """A patient's tier on predicted value (a scan of the tiered ids)."""
        hit = np.flatnonzero(self.assigned.ids == patient_id)
        return TIERS[int(self.assigned.tier[hit[0]])] if len(hit) else None


def value_overview(
    db: Database, result: ValueResult, cutoffs: tuple[float, float]
) -> ValueOverview:
    """The predicted-value tiers of `result` with `cutoffs`; names read from `db`."""
    assigned = predicted_value_tiers(result, cutoffs)
    p = result.patients
    at = np.searchsorted(p.ids, assigned.ids)
    visits = np.rint(p.visits[at]).astype(np.int64)
    curve = tiers.pareto_curve(assigned.measure)
    return ValueOverview(
        result=result,
        cutoffs=cutoffs,
        assigned=assigned,
        summaries={
            name: _whole_yuan(summary)
            for name, summary in tiers.summaries(assigned.tier, assigned.measure, visits).items()
        },
        curve=tiers.downsample(curve),
        top20_share=tiers.share_of_top(curve, 0.2),
        slipping=_slipping_rows(db, result, assigned, slipping(result, cutoffs)),
    )


def _whole_yuan(summary: TierSummary) -> TierSummary:
    """A tier's forecast money in whole yuan (the charts and the table show it)."""
    return summary._replace(
        revenue_fen=round(summary.revenue_fen, -2),
        average_revenue_fen=round(summary.average_revenue_fen, -2),
    )


def _slipping_rows(
    db: Database, result: ValueResult, assigned: Assigned, ids: np.ndarray
) -> tuple[SlippingRow, ...]:
    p, risk = result.patients, value_at_risk(result)
    names = names_of(db, [int(i) for i in ids])
    # Each one's tier by a search of the tiered ids (no dictionary of 100,000: building
    # one holds the GIL, and so the window, for tens of milliseconds).
    by_id = np.argsort(assigned.ids)
    tier = assigned.tier[by_id[np.searchsorted(assigned.ids[by_id], ids)]].tolist()
    rows = []
    found = np.searchsorted(p.ids, ids).tolist()
    for pid, i, code in zip(ids.tolist(), found, tier, strict=True):
        rows.append(
            SlippingRow(
                patient_id=pid,
                name=names.get(pid, ""),
                tier=TIERS[code],
                clv_fen=round(float(p.clv_fen[i])),
                p_alive=float(p.p_alive[i]),
                risk_fen=round(float(risk[i])),
                last_visit=dt.date.fromordinal(int(p.last_visit[i])),
            )
        )
    return tuple(rows)


def names_of(db: Database, ids: list[int]) -> dict[int, str]:
    """The names of `ids` (any number of them), by id."""
    rows = db.execute(
        "SELECT id, name FROM patients WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(ids)],
    ).fetchall()
    return dict(rows)


def forecast_yuan(fen: int) -> str:
    """A forecast amount as money text in whole yuan (¥8,400): its cents mean nothing."""
    return format_fen(round(fen / 100) * 100)
