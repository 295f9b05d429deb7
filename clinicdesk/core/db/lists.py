"""Rows for the lists a person reads: search results, a patient's yearly totals,
referrals. Small indexed look-ups, cheap enough for the GUI thread."""

from __future__ import annotations

import datetime as dt
import json
from typing import NamedTuple

from sqlite_utils import Database


class PatientRow(NamedTuple):
    """One line of the patient list."""

    id: int
    name: str
    sex: str | None
    birth_date: str | None
    mobile: str | None
    card_no: str | None
    archived: int
    do_not_call: int
    last_visit: str | None
    spend_fen: int
    tier: str | None
    owner: str | None


def patient_rows(db: Database, ids: list[int]) -> list[PatientRow]:
    """The list rows of `ids`, in that order (the tier is the latest saved run's)."""
    if not ids:
        return []
    rows = db.execute(
        """SELECT p.id, p.name, p.sex, p.birth_date, p.mobile, p.card_no, p.archived,
                  p.do_not_call,
                  (SELECT max(date) FROM charges c WHERE c.patient_id = p.id AND amount_fen >= 0),
                  (SELECT coalesce(sum(amount_fen), 0) FROM charges c WHERE c.patient_id = p.id),
                  (SELECT tier FROM tier_assignments a WHERE a.patient_id = p.id
                     AND a.run_id = (SELECT max(id) FROM tier_runs)),
                  s.name
           FROM patients p LEFT JOIN staff s ON s.id = p.owner_id
           WHERE p.id IN (SELECT value FROM json_each(?))""",
        [json.dumps(ids)],
    ).fetchall()
    by_id = {r[0]: PatientRow(*r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def age(birth_date: str | None, today: dt.date | None = None) -> int | None:
    """Age in whole years on `today`, or None without a birth date."""
    if not birth_date:
        return None
    born, today = dt.date.fromisoformat(birth_date), today or dt.date.today()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def mask_mobile(mobile: str | None) -> str:
    """A mobile with its middle digits hidden: 138****8000."""
    if not mobile:
        return ""
    return mobile[:3] + "****" + mobile[-4:] if len(mobile) == 11 else mobile


def yearly_totals(db: Database, patient_id: int) -> list[tuple[str, int, int]]:
    """``(year, charges, net fen)`` per year, newest first."""
    rows = db.execute(
        "SELECT substr(date, 1, 4), count(*), sum(amount_fen) FROM charges WHERE patient_id = ?"
        " GROUP BY 1 ORDER BY 1 DESC",
        [patient_id],
    )
    return [(r[0], r[1], r[2]) for r in rows]


class Referral(NamedTuple):
    """A patient this one referred, with what they spent."""

    id: int
    name: str
    first_visit: str | None
    spend_fen: int


def referred_with_spend(db: Database, patient_id: int) -> list[Referral]:
    """The patients this one referred directly, by first visit, with their all-time spend."""
    rows = db.execute(
        "SELECT p.id, p.name, p.first_visit, (SELECT coalesce(sum(amount_fen), 0) FROM charges c"
        " WHERE c.patient_id = p.id) FROM patients p WHERE p.referred_by = ? AND p.merged_into"
        " IS NULL ORDER BY p.first_visit, p.id",
        [patient_id],
    )
    return [Referral(*r) for r in rows]


def next_birthday(birth_date: str | None, today: dt.date | None = None) -> dt.date | None:
    """The next birthday on or after `today` (29 February falls on 28 February)."""
    if not birth_date:
        return None
    born, today = dt.date.fromisoformat(birth_date), today or dt.date.today()
    for year in (today.year, today.year + 1):
        try:
            day = born.replace(year=year)
        except ValueError:
            day = dt.date(year, 2, 28)
        if day >= today:
            return day
    raise AssertionError("unreachable")
