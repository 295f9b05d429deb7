"""The call list's records: scripts, claims, logging an outcome, campaigns, progress."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from clinicdesk.core.calls.build import CallEntry
from clinicdesk.core.calls.defaults import DEFAULT_SCRIPTS
from clinicdesk.core.calls.rules import CallRules
from clinicdesk.core.calls.scripts import Script, address_as, render
from clinicdesk.core.db.clinic import get_setting
from clinicdesk.core.db.lists import age
from clinicdesk.core.db.patients import get_patient
from clinicdesk.core.db.records import log_contact
from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.values import now_iso

REASON_PURPOSE = {
    "callback": "other",
    "recall": "recall",
    "care": "care",
    "thanks": "thanks",
    "reactivation": "reactivation",
    "cadence": "cadence",
    "campaign": "campaign",
}


def ensure_default_scripts(db: Database) -> int:
    """Write the shipped scripts the clinic does not have yet; returns how many."""
    added = 0
    with db.atomic():
        for reason, tier, language, name, body, fallback in DEFAULT_SCRIPTS:
            exists = db.execute(
                "SELECT 1 FROM script_templates WHERE reason = ? AND tier IS ? AND language = ?",
                [reason, tier, language],
            ).fetchone()
            if not exists:
                db.execute(
                    "INSERT INTO script_templates (name, reason, tier, language, body, fallback,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [name, reason, tier, language, body, fallback, now_iso()],
                )
                added += 1
    return added


def script_for(db: Database, reason: str, tier: str | None, language: str) -> Script:
    """The clinic's script for a reason: the tier's own if it has one, else the general."""
    row = db.execute(
        "SELECT body, fallback FROM script_templates WHERE reason = ? AND language = ?"
        " AND (tier IS ? OR tier IS NULL) ORDER BY tier IS NULL, id LIMIT 1",
        [reason, language, tier],
    ).fetchone()
    if row is None:
        ensure_default_scripts(db)
        return (
            script_for(db, reason, tier, language)
            if _has_default(reason, language)
            else Script("", "")
        )
    return Script(row[0], row[1])


def _has_default(reason: str, language: str) -> bool:
    return any(r == reason and lang == language for r, _, lang, *_ in DEFAULT_SCRIPTS)


def save_script(db: Database, script_id: int, body: str, fallback: str) -> None:
    """Change a script (the fallback must not be empty: it is what a caller reads when
    the body cannot be filled in)."""
    if not body.strip():
        raise InvalidValue("value.required", field="script")
    if not fallback.strip():
        raise InvalidValue("value.required", field="fallback")
    with db.atomic():
        db.execute(
            "UPDATE script_templates SET body = ?, fallback = ?, updated_at = ? WHERE id = ?",
            [body, fallback, now_iso(), script_id],
        )


def script_values(
    db: Database, entry: CallEntry, language: str, offer: str | None = None
) -> dict[str, str | None]:
    """The placeholder values for one entry."""
    patient = get_patient(db, entry.patient_id)
    days = None
    if entry.last_visit:
        days = str((dt.date.today() - dt.date.fromisoformat(entry.last_visit)).days)
    return {
        "address": address_as(
            patient.name, patient.sex, age(patient.birth_date), patient.address_as, language
        ),
        "name": patient.name,
        "last_item": entry.last_item,
        "last_visit": entry.last_visit,
        "days_since": days,
        "tier": entry.tier,
        "membership": None,
        "owner": entry.owner,
        "clinic": get_setting(db, "clinic_name"),
        "offer": offer if offer is not None else get_setting(db, "offer_text"),
        "reason": entry.reasons[0][1] if entry.reasons else None,
    }


def filled_script(db: Database, entry: CallEntry, language: str, offer: str | None = None) -> str:
    """The entry's script, filled in."""
    return render(
        script_for(db, entry.reason, entry.tier, language),
        script_values(db, entry, language, offer),
    )


def claim(db: Database, patient_id: int, staff_id: int, day: dt.date) -> None:
    """Claim a patient for today's calls (another claim by the same person is a no-op)."""
    with db.atomic():
        db.execute(
            "INSERT INTO call_claims (patient_id, day, staff_id, claimed_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(patient_id, day) DO UPDATE SET staff_id = excluded.staff_id,"
            " claimed_at = excluded.claimed_at",
            [patient_id, day.isoformat(), staff_id, now_iso()],
        )


def log_outcome(
    db: Database,
    entry: CallEntry,
    outcome: str,
    rules: CallRules,
    *,
    staff_id: int | None = None,
    note: str | None = None,
    next_contact: str | None = None,
    campaign_id: int | None = None,
    today: dt.date,
    at: dt.time | None = None,
) -> int:
    """Log a call's outcome in one transaction; without a next date the rules suggest one
    (no answer: retry by tier; declined: snooze; reached: the tier's cadence).

    The call is stamped on `today` (the day of the list being worked, which a window
    left open overnight or a simulation sets), at `at` or the clock's time of day."""
    moment = dt.datetime.combine(today, at or dt.datetime.now().time()).replace(microsecond=0)
    if next_contact is None:
        days = rules.next_contact_days(outcome, entry.tier)
        next_contact = (today + dt.timedelta(days=days)).isoformat() if days else None
    with db.atomic():
        contact = log_contact(
            db,
            entry.patient_id,
            outcome=outcome,
            contacted_at=moment.isoformat(),
            staff_id=staff_id,
            purpose=REASON_PURPOSE.get(entry.reason, "other"),
            note=note,
            next_contact=next_contact,
        )
        if campaign_id is not None:
            db.execute("UPDATE contacts SET campaign_id = ? WHERE id = ?", [campaign_id, contact])
        if entry.reason == "recall":  # the follow-up was made
            db.execute(
                "UPDATE care_dates SET done_at = ? WHERE patient_id = ? AND kind ="
                " 'follow_up' AND done_at IS NULL AND date <= ?",
                [now_iso(), entry.patient_id, today.isoformat()],
            )
    return contact


@dataclass(frozen=True)
class Progress:
    """Today's calls of one person (or everyone's)."""

    called: int
    reached: int
    booked: int


def progress_today(db: Database, day: dt.date, staff_id: int | None = None) -> Progress:
    """How many calls were made today, how many reached someone, how many booked."""
    who = "" if staff_id is None else " AND staff_id = :staff"
    row = db.execute(
        "SELECT count(*), coalesce(sum(outcome IN ('reached', 'booked')), 0),"
        f" coalesce(sum(outcome = 'booked'), 0) FROM contacts WHERE substr(contacted_at, 1, 10)"
        f" = :day{who}",
        {"day": day.isoformat(), "staff": staff_id},
    ).fetchone()
    return Progress(*row)


# Campaigns


def create_campaign(
    db: Database, name: str, target: dict[str, Any], script_id: int | None = None
) -> int:
    """A named campaign: a target (tiers, lapse statuses, RFM segments, tags, last item)."""
    if not name.strip():
        raise InvalidValue("value.required", field="name")
    if db.execute("SELECT 1 FROM campaigns WHERE name = ?", [name.strip()]).fetchone():
        raise InvalidValue("value.duplicate_name", field="name", value=name.strip())
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO campaigns (name, target, script_id, created_at) VALUES (?, ?, ?, ?)",
            [name.strip(), json.dumps(target, ensure_ascii=False), script_id, now_iso()],
        )
    return int(cursor.lastrowid or 0)


@dataclass(frozen=True)
class CampaignResults:
    """A campaign's figures, from the contact log."""

    contacted: int
    reached: int
    booked: int

    @property
    def conversion(self) -> float:
        """Booked per patient contacted."""
        return self.booked / self.contacted if self.contacted else 0.0


def campaign_results(db: Database, campaign_id: int) -> CampaignResults:
    """Patients contacted for the campaign, reached, and booked (each counted once)."""
    row = db.execute(
        "SELECT count(DISTINCT patient_id),"
        " count(DISTINCT CASE WHEN outcome IN ('reached', 'booked') THEN patient_id END),"
        " count(DISTINCT CASE WHEN outcome = 'booked' THEN patient_id END)"
        " FROM contacts WHERE campaign_id = ?",
        [campaign_id],
    ).fetchone()
    return CampaignResults(*row)


@dataclass(frozen=True)
class StoredScript:
    """A script as the clinic keeps it."""

    id: int
    name: str
    reason: str
    tier: str | None
    language: str
    body: str
    fallback: str


def list_scripts(db: Database) -> list[StoredScript]:
    """Every script of the clinic (the shipped ones written first), by reason and tier."""
    ensure_default_scripts(db)
    rows = db.execute(
        "SELECT id, name, reason, tier, language, body, fallback FROM script_templates"
        " ORDER BY language, reason, tier IS NOT NULL, tier, id"
    )
    return [StoredScript(*r) for r in rows]


def list_campaigns(db: Database) -> list[tuple[int, str, dict[str, Any]]]:
    """The active campaigns: (id, name, target), newest first."""
    rows = db.execute("SELECT id, name, target FROM campaigns WHERE active = 1 ORDER BY id DESC")
    return [(r[0], r[1], json.loads(r[2])) for r in rows]


def add_tier_version(db: Database, script_id: int, tier: str) -> int:
    """A copy of a general script for one tier (A's callers may speak more personally);
    returns the new script's id, or the existing one's if that tier has its own already."""
    row = db.execute(
        "SELECT name, reason, language, body, fallback FROM script_templates WHERE id = ?",
        [script_id],
    ).fetchone()
    if row is None or tier not in ("A", "B", "C"):
        raise InvalidValue("value.bad_choice", field="tier", value=tier, choices="A, B, C")
    name, reason, language, body, fallback = row
    existing = db.execute(
        "SELECT id FROM script_templates WHERE reason = ? AND tier = ? AND language = ?",
        [reason, tier, language],
    ).fetchone()
    if existing:
        return int(existing[0])
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO script_templates (name, reason, tier, language, body, fallback,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [f"{name}（{tier}）", reason, tier, language, body, fallback, now_iso()],
        )
    return int(cursor.lastrowid or 0)
