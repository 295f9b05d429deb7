"""What the engine reads from the clinic file, in two indexed passes over the charges.

The database does the heavy aggregation (one GROUP BY over the covering index
``idx_charges_patient_facts``); Python gets one row per patient. Everything here is
read in one snapshot (a read transaction), so a concurrent write cannot skew it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from clinicdesk.core.segmentation.params import EngineParams

# One pass over the covering index. With exactly one max() in the query, SQLite takes
# the bare column `category` from the row holding that max: the last visit's category.
_AGGREGATES = """
SELECT patient_id,
       sum(amount_fen),
       sum(CASE WHEN date BETWEEN :from AND :to THEN amount_fen ELSE 0 END),
       sum(CASE WHEN date BETWEEN :prior_from AND :prior_to THEN amount_fen ELSE 0 END),
       sum(CASE WHEN date BETWEEN :rfm_from AND :to THEN amount_fen ELSE 0 END),
       group_concat(CASE WHEN amount_fen >= 0 AND date <= :to THEN date END),
       max(CASE WHEN amount_fen >= 0 AND date <= :to THEN date END),
       category
FROM charges
GROUP BY patient_id
"""


@dataclass(frozen=True, slots=True)
class Facts:
    """Per-patient facts as parallel tuples, index i describing patient ``ids[i]``.

    Only patients who are not archived are here. Money is fen; days are date ordinals.

    Attributes:
        ids: patient ids, ascending.
        referred_by: the referrer's id, or None (also when the referrer is archived).
        revenue_all: net spend over all time (for membership).
        revenue_period, revenue_prior, revenue_rfm: net spend in the tier period, the
            period of the same length before it, and the RFM look-back window.
        visit_days: the distinct days with a charge that is not a refund, up to the
            period's end, ascending.
        last_category: the item category of the last visit, or None.
        previous_tiers: each patient's tier at the latest saved run.
        previous_run_id: that run's id, or None when no run was saved.
    """

    ids: tuple[int, ...]
    referred_by: tuple[int | None, ...]
    revenue_all: tuple[int, ...]
    revenue_period: tuple[int, ...]
    revenue_prior: tuple[int, ...]
    revenue_rfm: tuple[int, ...]
    visit_days: tuple[tuple[int, ...], ...]
    last_category: tuple[str | None, ...]
    previous_tiers: dict[int, str]
    previous_run_id: int | None


def load_facts(db: Database, params: EngineParams) -> Facts:
    """Read the facts for `params` from the clinic file in one read snapshot."""
    tiers = params.tiers
    prior_from, prior_to = tiers.prior_period()
    rfm_from = params.rfm_from
    bind = {
        "from": tiers.period_from.isoformat(),
        "to": tiers.period_to.isoformat(),
        "prior_from": prior_from.isoformat(),
        "prior_to": prior_to.isoformat(),
        "rfm_from": rfm_from.isoformat(),
    }
    with db.atomic():  # one snapshot for every query below
        patients = db.execute(
            "SELECT id, referred_by FROM patients WHERE archived = 0 ORDER BY id"
        ).fetchall()
        sums = {row[0]: row[1:] for row in db.execute(_AGGREGATES, bind)}
        previous_run_id, previous = _previous_tiers(db)
    return _assemble(patients, sums, previous_run_id, previous)


def _assemble(
    patients: list[tuple[int, int | None]],
    sums: dict[int, tuple[int, int, int, int, str | None, str | None, str | None]],
    previous_run_id: int | None,
    previous: dict[int, str],
) -> Facts:
    ids = tuple(pid for pid, _ in patients)
    active = set(ids)
    none = (0, 0, 0, 0, None, None, None)
    columns = tuple(zip(*(sums.get(pid, none) for pid in ids), strict=True)) or ((),) * 7
    total, period, prior, rfm, days, last_day, category = columns
    ordinals = _Ordinals()
    return Facts(
        ids=ids,
        referred_by=tuple(r if r in active else None for _, r in patients),
        revenue_all=total,
        revenue_period=period,
        revenue_prior=prior,
        revenue_rfm=rfm,
        # One entry per charge: deduplicate the texts first (cheaper than DISTINCT in
        # SQL), then sort (group_concat's order is not guaranteed).
        visit_days=tuple(
            tuple(sorted(map(ordinals.__getitem__, set(d.split(","))))) if d else () for d in days
        ),
        last_category=tuple(
            c if day is not None else None for c, day in zip(category, last_day, strict=True)
        ),
        previous_tiers=previous,
        previous_run_id=previous_run_id,
    )


class _Ordinals(dict[str, int]):
    """ISO date text -> date ordinal, computed once per distinct date."""

    def __missing__(self, text: str) -> int:
        ordinal = self[text] = dt.date.fromisoformat(text).toordinal()
        return ordinal


def _previous_tiers(db: Database) -> tuple[int | None, dict[int, str]]:
    row = db.execute("SELECT max(id) FROM tier_runs").fetchone()
    if row[0] is None:
        return None, {}
    rows = db.execute("SELECT patient_id, tier FROM tier_assignments WHERE run_id = ?", [row[0]])
    return int(row[0]), dict(rows.fetchall())
