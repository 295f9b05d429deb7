"""A campaign's call list: everyone matching its target, with the usual exclusions.

A campaign is not a day's workload: its list is every target patient (do-not-call,
archived or merged, without a phone, or called within the rules' days left out), in the
chosen order, reading the campaign's own script when it has one.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlite_utils import Database

from clinicdesk.core.calls.entry import CallEntry, Chosen, Context, make_entries, sort_entries
from clinicdesk.core.calls.priority import priority
from clinicdesk.core.calls.reasons import Why
from clinicdesk.core.calls.rules import CallRules
from clinicdesk.core.db.tier_override import with_fixed_tiers
from clinicdesk.core.segmentation.engine import SegmentationResult


def campaign_list(
    db: Database,
    today: dt.date,
    rules: CallRules,
    result: SegmentationResult,
    name: str,
    target: dict[str, object],
    *,
    order: str = "value",
    language: str = "zh_CN",
    script_id: int | None = None,
) -> list[CallEntry]:
    """A campaign's list: patients matching every part of its target (``tiers``,
    ``lapse``, ``rfm``, ``tags``, ``last_item``), with the usual exclusions; its entries
    read the campaign's own script (`script_id`) when it has one."""
    tiers = with_fixed_tiers(db, dict(result.tiers.rows.mapping("tier").items()), today)
    ids = sorted(_targets(db, result, tiers, target) - _left_out(db, today, rules))
    context = Context.of(today, result, language, tiers)
    status = result.lapse.mapping("status")
    reason = Why("campaign", "calls.detail.campaign", {"name": name})
    chosen = []
    for pid in ids:
        alarm = context.alarm.get(pid, False)
        rank = priority(context.tiers.get(pid), alarm, status.get(pid), 0)
        chosen.append(Chosen(pid, (reason,), rank))
    entries = make_entries(db, chosen, context)
    for entry in entries:
        entry.script_id = script_id
    return sort_entries(entries, order)


def _targets(
    db: Database, result: SegmentationResult, tiers: dict[int, str], target: dict[str, object]
) -> set[int]:
    """The patients matching every part of the target (nobody for an empty target);
    `tiers` are the tiers in force (fixed by hand over computed)."""
    parts: list[set[int]] = []
    if target.get("tiers"):
        parts.append({pid for pid, tier in tiers.items() if tier in target["tiers"]})  # type: ignore[operator]
    if target.get("lapse"):
        parts.append({r.patient_id for r in result.lapse if r.status in target["lapse"]})  # type: ignore[operator]
    if target.get("rfm"):
        parts.append({r.patient_id for r in result.rfm if r.segment in target["rfm"]})  # type: ignore[operator]
    if target.get("tags"):
        parts.append(
            _ids(
                db,
                "SELECT pt.patient_id FROM patient_tags pt JOIN tags t"
                " ON t.id = pt.tag_id WHERE t.name IN (SELECT value FROM json_each(?))",
                json.dumps(target["tags"]),
            )
        )
    if target.get("last_item"):
        parts.append(
            _ids(
                db,
                "SELECT patient_id FROM charges c WHERE amount_fen > 0 AND item = ?"
                " AND date = (SELECT max(date) FROM charges d"
                " WHERE d.patient_id = c.patient_id AND d.amount_fen > 0)",
                target["last_item"],
            )
        )
    return set.intersection(*parts) if parts else set()


def _left_out(db: Database, today: dt.date, rules: CallRules) -> set[int]:
    """Patients on no list today: do not call, archived or merged, no phone, called within
    the rules' days."""
    since = (today - dt.timedelta(days=rules.contacted_within_days)).isoformat()
    blocked = _ids(
        db,
        "SELECT id FROM patients WHERE do_not_call = 1 OR archived = 1"
        " OR merged_into IS NOT NULL OR coalesce(mobile, mobile2) IS NULL",
    )
    return blocked | _ids(
        db, "SELECT DISTINCT patient_id FROM contacts WHERE contacted_at >= ?", since
    )


def _ids(db: Database, sql: str, *params: object) -> set[int]:
    return {r[0] for r in db.execute(sql, list(params))}
