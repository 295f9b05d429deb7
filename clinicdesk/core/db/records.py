"""A patient's history: charges, visit notes, care dates and the contact log.

Each function validates, then writes in one transaction; reads return frozen records,
newest first where a person reads them that way.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from clinicdesk.core.db.clinic import charge_limit
from clinicdesk.core.db.patients import get_patient
from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.model import CareDate, Charge, Contact, VisitNote
from clinicdesk.core.values import format_fen, now_iso, parse_date

CHANNELS = ("phone", "wechat", "sms", "visit", "other")
PURPOSES = ("recall", "reactivation", "cadence", "care", "thanks", "campaign", "other")
OUTCOMES = ("reached", "booked", "declined", "no_answer", "wrong_number", "do_not_call", "other")
CARE_KINDS = ("follow_up", "personal", "other")


def add_charge(
    db: Database,
    patient_id: int,
    *,
    date: str,
    item: str,
    amount_fen: int,
    category: str | None = None,
    staff_id: int | None = None,
    note: str | None = None,
) -> int:
    """Record one billed item; `amount_fen` is integer fen, negative for a refund."""
    get_patient(db, patient_id)
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int):
        raise InvalidValue("value.bad_amount", field="amount", value=amount_fen)
    if abs(amount_fen) > (limit := charge_limit(db)):
        raise InvalidValue("value.too_large", field="amount", value=format_fen(amount_fen),
                           limit=format_fen(limit))  # fmt: skip
    row = {
        "patient_id": patient_id,
        "date": _required_date(date, "date"),
        "item": _required_text(item, "item"),
        "amount_fen": amount_fen,
        "category": category,
        "staff_id": staff_id,
        "note": note,
        "created_at": now_iso(),
    }
    return _insert(db, "charges", row)


def charges_of(db: Database, patient_id: int, limit: int = -1) -> list[Charge]:
    """The patient's charges, newest first (the first `limit`; -1: all)."""
    rows = db.query(
        "SELECT * FROM charges WHERE patient_id = ? ORDER BY date DESC, id DESC LIMIT ?",
        [patient_id, limit],
    )
    return [Charge.from_row(r) for r in rows]


def revenue_of(db: Database, patient_id: int) -> int:
    """The patient's net spend in fen over all time (refunds subtracted)."""
    row = db.execute(
        "SELECT coalesce(sum(amount_fen), 0) FROM charges WHERE patient_id = ?", [patient_id]
    ).fetchone()
    return int(row[0])


def add_visit_note(
    db: Database, patient_id: int, *, visit_date: str, note: str, staff_id: int | None = None
) -> int:
    """Keep what was said at a visit."""
    get_patient(db, patient_id)
    row = {
        "patient_id": patient_id,
        "visit_date": _required_date(visit_date, "date"),
        "note": _required_text(note, "note"),
        "staff_id": staff_id,
        "created_at": now_iso(),
    }
    return _insert(db, "visit_notes", row)


def visit_notes_of(db: Database, patient_id: int) -> list[VisitNote]:
    """The patient's visit notes, newest first."""
    rows = db.query(
        "SELECT * FROM visit_notes WHERE patient_id = ? ORDER BY visit_date DESC, id DESC",
        [patient_id],
    )
    return [VisitNote.from_row(r) for r in rows]


def add_care_date(
    db: Database,
    patient_id: int,
    *,
    kind: str,
    date: str,
    title: str,
    yearly: bool = False,
    note: str | None = None,
) -> int:
    """Mark a date to act on: a follow-up, or a personal date (once, or every year)."""
    get_patient(db, patient_id)
    row = {
        "patient_id": patient_id,
        "kind": _choice(kind, CARE_KINDS, "kind"),
        "date": _required_date(date, "date"),
        "yearly": 1 if yearly else 0,
        "title": _required_text(title, "title"),
        "note": note,
        "created_at": now_iso(),
    }
    return _insert(db, "care_dates", row)


def care_dates_of(db: Database, patient_id: int) -> list[CareDate]:
    """The patient's care dates, by date."""
    rows = db.query("SELECT * FROM care_dates WHERE patient_id = ? ORDER BY date, id", [patient_id])
    return [CareDate.from_row(r) for r in rows]


def log_contact(
    db: Database,
    patient_id: int,
    *,
    outcome: str,
    contacted_at: str | None = None,
    channel: str = "phone",
    purpose: str = "other",
    staff_id: int | None = None,
    note: str | None = None,
    next_contact: str | None = None,
    campaign_id: int | None = None,
    script_version_id: int | None = None,
    reason: str | None = None,
    callback: bool = False,
) -> int:
    """Log a call or message; "do not call again" also sets the patient's flag, atomically.
    A call from the call list also names its reason, campaign and the script version
    read; `callback` says the next date was agreed with the patient (it must be called)
    rather than suggested (a retry or snooze)."""
    patient = get_patient(db, patient_id)
    row = {
        "patient_id": patient_id,
        "contacted_at": contacted_at or now_iso(),
        "channel": _choice(channel, CHANNELS, "channel"),
        "purpose": _choice(purpose, PURPOSES, "purpose"),
        "outcome": _choice(outcome, OUTCOMES, "outcome"),
        "staff_id": staff_id,
        "note": note,
        "next_contact": parse_date(next_contact, "next_contact"),
        "campaign_id": campaign_id,
        "script_version_id": script_version_id,
        "reason": reason,
        "callback": 1 if callback and next_contact else 0,
        "created_at": now_iso(),
    }
    with db.atomic():
        contact_id = _insert(db, "contacts", row)
        if outcome == "do_not_call" and not patient.do_not_call:
            db.execute(
                "UPDATE patients SET do_not_call = 1, updated_at = ? WHERE id = ?",
                [row["created_at"], patient_id],
            )
    return contact_id


def contacts_of(db: Database, patient_id: int, limit: int = -1) -> list[Contact]:
    """The patient's contact log, newest first (the first `limit`; -1: all)."""
    rows = db.query(
        "SELECT * FROM contacts WHERE patient_id = ? ORDER BY contacted_at DESC, id DESC LIMIT ?",
        [patient_id, limit],
    )
    return [Contact.from_row(r) for r in rows]


def _insert(db: Database, table: str, row: dict[str, Any]) -> int:
    columns = ", ".join(row)
    marks = ", ".join(f":{k}" for k in row)
    with db.atomic():
        cursor = db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", row)
    return int(cursor.lastrowid or 0)


def _required_date(value: str | None, field: str) -> str:
    parsed = parse_date(value, field)
    if parsed is None:
        raise InvalidValue("value.required", field=field)
    return parsed


def _required_text(value: str | None, field: str) -> str:
    if value is None or not value.strip():
        raise InvalidValue("value.required", field=field)
    return value.strip()


def _choice(value: str, choices: tuple[str, ...], field: str) -> str:
    if value not in choices:
        raise InvalidValue("value.bad_choice", field=field, value=value, choices=", ".join(choices))
    return value
