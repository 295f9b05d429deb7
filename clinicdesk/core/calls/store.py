"""The call list's records: claims, logging an outcome, campaigns, progress."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from clinicdesk.core.calls.entry import CallEntry
from clinicdesk.core.calls.rules import CallRules
from clinicdesk.core.db.records import log_contact
from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.values import now_iso

# A next date given with these outcomes was agreed with the patient: a call-back that
# must be made. After no answer it is only when to try again.
AGREED_OUTCOMES = ("reached", "booked", "declined", "other")
REASON_PURPOSE = {
    "callback": "other",
    "confirm": "other",
    "no_show": "other",
    "follow_up": "recall",
    "recall": "recall",
    "care": "care",
    "thanks": "thanks",
    "reactivation": "reactivation",
    "cadence": "cadence",
    "campaign": "campaign",
}


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
    script_version_id: int | None = None,
    today: dt.date,
    at: dt.time | None = None,
) -> int:
    """Log a call's outcome in one transaction; without a next date the rules suggest one
    (no answer: retry by tier; declined: snooze; reached: the tier's cadence).

    The call is stamped on `today` (the day of the list being worked, which a window
    left open overnight or a simulation sets), at `at` or the clock's time of day."""
    moment = dt.datetime.combine(today, at or dt.datetime.now().time()).replace(microsecond=0)
    agreed = next_contact is not None and outcome in AGREED_OUTCOMES
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
            campaign_id=campaign_id,
            script_version_id=script_version_id,
            reason=entry.reason,
            callback=agreed,
        )
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


def list_campaigns(db: Database) -> list[tuple[int, str, dict[str, Any]]]:
    """The active campaigns: (id, name, target), newest first."""
    rows = db.execute("SELECT id, name, target FROM campaigns WHERE active = 1 ORDER BY id DESC")
    return [(r[0], r[1], json.loads(r[2])) for r in rows]
