"""A tier set by hand (OCA's ABC module rule): the manager fixes a patient's tier — an
opinion leader who spends little, say — with a reason and an end date.

While it is in force (up to and including its end date) the fixed tier is the one that
counts: the file, the lists, exports, the call list and its cadence ask
`effective_tier` / `effective_tiers`, which also say when the fixed tier differs from
the computed one (to flag it). Every change writes an audit entry with the previous
override, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple

from sqlite_utils import Database

from clinicdesk.core.db import audit
from clinicdesk.core.db.patients import get_patient
from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.values import now_iso, parse_date

TIERS = ("A", "B", "C")


class TierOverride(NamedTuple):
    """A tier fixed by hand, in force up to and including `until`."""

    patient_id: int
    tier: str
    reason: str
    until: str
    staff_id: int | None
    set_at: str


class EffectiveTier(NamedTuple):
    """The tier that counts, the computed and the fixed ones, and whether they differ."""

    tier: str | None
    computed: str | None
    fixed: str | None
    differs: bool


def effective_tier(
    computed: str | None, override: TierOverride | None, day: dt.date
) -> EffectiveTier:
    """The fixed tier while `override` is in force on `day`, else the computed one."""
    fixed = override.tier if override and override.until >= day.isoformat() else None
    return EffectiveTier(
        fixed or computed, computed, fixed, fixed is not None and fixed != computed
    )


def effective_tiers(
    computed: Mapping[int, str | None], overrides: Mapping[int, TierOverride], day: dt.date
) -> dict[int, EffectiveTier]:
    """`effective_tier` of every patient computed or fixed (lists, exports, call list)."""
    ids = set(computed) | set(overrides)
    return {i: effective_tier(computed.get(i), overrides.get(i), day) for i in ids}


def with_fixed_tiers(db: Database, computed: Mapping[int, str], day: dt.date) -> dict[int, str]:
    """The computed tiers with the tiers fixed by hand and in force on `day` put over
    them (the call list, its cadence and campaigns): a fixed patient without activity
    is in too."""
    tiers = dict(computed)
    tiers.update({pid: o.tier for pid, o in overrides_on(db, day).items()})
    return tiers


def overrides_on(db: Database, day: dt.date) -> dict[int, TierOverride]:
    """The overrides in force on `day`, by patient."""
    rows = db.execute(
        "SELECT patient_id, tier, reason, until, staff_id, set_at FROM tier_overrides"
        " WHERE until >= ?",
        [day.isoformat()],
    )
    return {r[0]: TierOverride(*r) for r in rows}


def tier_override_of(db: Database, patient_id: int) -> TierOverride | None:
    """The patient's override, in force or not (None if the tier was never fixed)."""
    row = db.execute(
        "SELECT patient_id, tier, reason, until, staff_id, set_at FROM tier_overrides"
        " WHERE patient_id = ?",
        [patient_id],
    ).fetchone()
    return TierOverride(*row) if row else None


def set_tier_override(
    db: Database,
    patient_id: int,
    tier: str,
    *,
    reason: str,
    until: str,
    staff_id: int | None = None,
    today: dt.date | None = None,
) -> TierOverride:
    """Fix (or change) a patient's tier until `until` (as typed), for `reason`."""
    get_patient(db, patient_id)
    if tier not in TIERS:
        raise InvalidValue("value.bad_choice", field="tier", value=tier, choices=", ".join(TIERS))
    end = _end_date(until, today or dt.date.today())
    override = TierOverride(patient_id, tier, _reason(reason), end, staff_id, now_iso())
    previous = tier_override_of(db, patient_id)
    with db.atomic():
        db.execute("INSERT OR REPLACE INTO tier_overrides VALUES (?, ?, ?, ?, ?, ?)", override)
        details = {**_kept(override), "previous": _kept(previous) if previous else None}
        audit.record(db, "tier_fixed", "patient", patient_id, details, staff_id)
    return override


def clear_tier_override(
    db: Database, patient_id: int, *, reason: str, staff_id: int | None = None
) -> None:
    """Go back to the computed tier, for `reason`."""
    previous = tier_override_of(db, patient_id)
    if previous is None:
        raise InvalidValue("value.no_tier_override", field="tier", value=patient_id)
    details = {"reason": _reason(reason), "previous": _kept(previous)}
    with db.atomic():
        db.execute("DELETE FROM tier_overrides WHERE patient_id = ?", [patient_id])
        audit.record(db, "tier_unfixed", "patient", patient_id, details, staff_id)


def _kept(override: TierOverride) -> dict[str, str]:
    """What the audit keeps of an override."""
    return {"tier": override.tier, "until": override.until, "reason": override.reason}


def _reason(reason: str) -> str:
    if not reason or not reason.strip():
        raise InvalidValue("value.required", field="reason")
    return reason.strip()


def _end_date(until: str, today: dt.date) -> str:
    end = parse_date(until, "until")
    if end is None:
        raise InvalidValue("value.required", field="until")
    if end < today.isoformat():
        raise InvalidValue("value.past_date", field="until", value=until)
    return end
