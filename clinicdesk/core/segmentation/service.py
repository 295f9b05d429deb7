"""The engine against a clinic file: run it, save a run, read the tier history.

A worker thread calls `run_segmentation` with its own connection; saving is one
transaction, so a failed save leaves no half-written run.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from sqlite_utils import Database

from clinicdesk.core.db.clinic import get_setting
from clinicdesk.core.errors import CancelToken
from clinicdesk.core.model import known_fields
from clinicdesk.core.perf import paused_gc
from clinicdesk.core.segmentation.beside import Beside
from clinicdesk.core.segmentation.cache import FactsCache
from clinicdesk.core.segmentation.engine import (
    Progress,
    SegmentationResult,
    segment,
)
from clinicdesk.core.segmentation.params import (
    EngineParams,
    LapseParams,
    MembershipParams,
    ReferralParams,
    RfmParams,
    TierParams,
)
from clinicdesk.core.segmentation.reading import load_facts
from clinicdesk.core.values import now_iso


def run_segmentation(
    db: Database,
    params: EngineParams,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    cache: FactsCache | None = None,
    other: Beside | None = None,
) -> SegmentationResult:
    """Read the facts from `db` (from `cache` when the file's data has not changed since
    they were read; `other`: a second reader in the snapshot `db` reads, see
    `load_facts`) and run every stage of the engine on them."""
    if progress:
        progress(0.0, "facts")
    with paused_gc():
        if cache is None:
            facts = load_facts(db, params.as_of, other)
        else:
            facts = cache.facts(db, params.as_of)
        return segment(facts, params, progress, cancel)


def save_tier_run(db: Database, result: SegmentationResult, *, at: str | None = None) -> int:
    """Save the run's parameters and every tiered patient's assignment; returns its id.
    `at` is the run's time (default now; the demo clinic gives its own)."""
    p = result.params.tiers
    tiers = result.tiers
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO tier_runs (created_at, period_from, period_to, measure, cutoffs,"
            " params, patients_ranked, total_measure) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                at or now_iso(),
                p.period_from.isoformat(),
                p.period_to.isoformat(),
                p.measure,
                ",".join(f"{c * 100:g}" for c in p.cutoffs),
                json.dumps(asdict(result.params), default=str, ensure_ascii=False),
                len(tiers.rows),
                tiers.total_measure,
            ],
        )
        run_id = int(cursor.lastrowid or 0)
        db.conn.executemany(
            "INSERT INTO tier_assignments (run_id, patient_id, tier, measure, rank, cum_share)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(run_id, r.patient_id, r.tier, r.measure, r.rank, r.share) for r in tiers.rows],
        )
    return run_id


def tier_history(db: Database, patient_id: int) -> list[tuple[str, str, str]]:
    """A patient's tier at each saved run: ``(run time, period end, tier)``, oldest first."""
    rows = db.execute(
        "SELECT r.created_at, r.period_to, a.tier FROM tier_assignments a"
        " JOIN tier_runs r ON r.id = a.run_id WHERE a.patient_id = ? ORDER BY r.id",
        [patient_id],
    )
    return [(r[0], r[1], r[2]) for r in rows]


def clinic_params(db: Database, tiers: TierParams) -> EngineParams:
    """Engine parameters with the clinic's own settings where it has any.

    Settings (in the clinic file, JSON): ``lapse`` (any of LapseParams' fields, e.g.
    ``{"category_intervals": {"口腔": 180}}``), ``referrals`` (ReferralParams' fields),
    ``membership_levels`` (``[["silver", 1000000], ...]`` in fen) and ``rfm_lookback_months``.
    """
    lapse = known_fields(LapseParams, get_setting(db, "lapse", {}))
    referrals = known_fields(ReferralParams, get_setting(db, "referrals", {}))
    levels = get_setting(db, "membership_levels")
    lookback = get_setting(db, "rfm_lookback_months")
    return EngineParams(
        tiers,
        rfm=RfmParams(lookback) if lookback else RfmParams(),
        lapse=LapseParams(**lapse),
        referrals=ReferralParams(**referrals),
        membership=MembershipParams(tuple((n, int(f)) for n, f in levels))
        if levels
        else MembershipParams(),
    )
