"""The call list's records: claims, campaigns, the day's progress."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.values import now_iso


def claim(db: Database, patient_id: int, staff_id: int, day: dt.date) -> None:
    """Claim a patient for today's calls (another claim by the same person is a no-op)."""
    with db.atomic():
        db.execute(
            "INSERT INTO call_claims (patient_id, day, staff_id, claimed_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(patient_id, day) DO UPDATE SET staff_id = excluded.staff_id,"
            " claimed_at = excluded.claimed_at",
            [patient_id, day.isoformat(), staff_id, now_iso()],
        )


@dataclass(frozen=True)
class Progress:
    """Today's calls of one person (or everyone's)."""

    called: int
    reached: int
    booked: int


def progress_today(db: Database, day: dt.date, staff_id: int | None = None) -> Progress:
    """How many calls were made today, how many reached someone, how many booked.

    A range on the indexed timestamp, not ``substr(contacted_at, 1, 10) = day``: the GUI
    counts again after every logged call, and the substr form scans every contact."""
    who = "" if staff_id is None else " AND staff_id = :staff"
    row = db.execute(
        "SELECT count(*), coalesce(sum(outcome IN ('reached', 'booked')), 0),"
        " coalesce(sum(outcome = 'booked'), 0) FROM contacts"
        f" WHERE contacted_at >= :day AND contacted_at < :next{who}",
        {
            "day": day.isoformat(),
            "next": (day + dt.timedelta(days=1)).isoformat(),
            "staff": staff_id,
        },
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
