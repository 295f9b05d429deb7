"""Logging a call's outcome, and taking it back.

An outcome is one transaction: the contact (with its caller, reason, campaign and script
version), the booking it made, the appointment it confirmed, the follow-ups it did, the
do-not-call flag it set, and an audit entry that lists those effects. Undoing a call of
today reverses exactly them, in one transaction, with an audit entry of its own; the
patient is back on the list.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from clinicdesk.core.calls.entry import CallEntry
from clinicdesk.core.calls.rules import CallRules
from clinicdesk.core.db import appointments, audit
from clinicdesk.core.db.patients import get_patient
from clinicdesk.core.db.records import log_contact
from clinicdesk.core.errors import InvalidValue, KnownError
from clinicdesk.core.values import now_iso

# A next date given with these outcomes was agreed with the patient: a call-back that
# must be made. After no answer it is only when to try again.
AGREED_OUTCOMES = ("reached", "booked", "declined", "other")
REACHED = ("reached", "booked")  # a confirmation call that reached the patient confirms
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


@dataclass(frozen=True)
class Booking:
    """The appointment a "booked" call makes: when (``YYYY-MM-DD HH:MM``) and for what."""

    starts_at: str
    item: str
    staff_id: int | None = None
    note: str | None = None


@dataclass
class _Effects:
    """What an outcome changed besides its contact, kept in its audit entry for undo."""

    booked: int | None = None
    confirmed: list[int] = field(default_factory=list)
    follow_ups: list[int] = field(default_factory=list)
    do_not_call: bool = False


def log_outcome(
    db: Database,
    entry: CallEntry,
    outcome: str,
    rules: CallRules,
    *,
    today: dt.date,
    caller_id: int | None,
    at: dt.time | None = None,
    note: str | None = None,
    next_contact: str | None = None,
    campaign_id: int | None = None,
    script_version_id: int | None = None,
    booking: Booking | None = None,
) -> int:
    """Log a call's outcome made by `caller_id` and return the contact's id.

    Without a next date the rules suggest one (no answer: retry by tier; declined:
    snooze; reached: the tier's cadence); a date given with an answer is an agreed
    call-back. A "booked" call with a `booking` makes the appointment; a confirmation
    call that reached the patient confirms theirs; a call that was answered does the
    patient's due follow-ups. The call is stamped on `today` (the day of the list being
    worked), at `at` or the clock's time of day."""
    if booking is not None and outcome != "booked":
        raise InvalidValue("calls.booking_needs_booked", field="outcome", value=outcome)
    if booking is None and outcome == "booked":  # "booked" must book something
        raise InvalidValue("calls.booked_needs_booking", field="booking")
    starts_at = appointments.parse_starts_at(booking.starts_at) if booking else None
    moment = dt.datetime.combine(today, at or dt.datetime.now().time()).replace(microsecond=0)
    agreed = next_contact is not None and outcome in AGREED_OUTCOMES
    if next_contact is None:
        days = rules.next_contact_days(outcome, entry.tier)
        next_contact = (today + dt.timedelta(days=days)).isoformat() if days else None
    had_flag = bool(get_patient(db, entry.patient_id).do_not_call)
    with db.atomic():
        contact = log_contact(
            db,
            entry.patient_id,
            outcome=outcome,
            contacted_at=moment.isoformat(),
            staff_id=caller_id,
            purpose=REASON_PURPOSE.get(entry.reason, "other"),
            note=note,
            next_contact=next_contact,
            campaign_id=campaign_id,
            script_version_id=script_version_id,
            reason=entry.reason,
            callback=agreed,
        )
        effects = _Effects(do_not_call=outcome == "do_not_call" and not had_flag)
        if booking is not None and starts_at is not None:
            effects.booked = appointments.book(
                db, entry.patient_id, starts_at=starts_at, item=booking.item,
                staff_id=booking.staff_id, note=booking.note, contact_id=contact,
            )  # fmt: skip
        _confirm(db, entry, outcome, caller_id, effects)
        _follow_ups_done(db, entry, outcome, today, effects)
        details = {"contact": contact, "outcome": outcome, **vars(effects)}
        audit.record(db, "call", "patient", entry.patient_id, details, caller_id)
    return contact


def _confirm(
    db: Database, entry: CallEntry, outcome: str, caller_id: int | None, effects: _Effects
) -> None:
    reasons = {r for r, _ in entry.reasons}
    if "confirm" in reasons and entry.appointment_id is not None and outcome in REACHED:
        if appointments.get_appointment(db, entry.appointment_id).status == "booked":
            appointments.set_status(db, entry.appointment_id, "confirmed", staff_id=caller_id)
            effects.confirmed.append(entry.appointment_id)


def _follow_ups_done(
    db: Database, entry: CallEntry, outcome: str, today: dt.date, effects: _Effects
) -> None:
    if outcome == "no_answer" or "follow_up" not in {r for r, _ in entry.reasons}:
        return
    # The unary + keeps SQLite on the patient's care dates: without statistics it would
    # read every follow-up to date by (kind, date), a second at 100,000 patients.
    rows = db.execute(
        "SELECT id FROM care_dates WHERE patient_id = ? AND +kind = 'follow_up'"
        " AND done_at IS NULL AND +date <= ?",
        [entry.patient_id, today.isoformat()],
    )
    effects.follow_ups = [r[0] for r in rows]
    db.execute(
        "UPDATE care_dates SET done_at = ? WHERE id IN (SELECT value FROM json_each(?))",
        [now_iso(), json.dumps(effects.follow_ups)],
    )


@dataclass(frozen=True)
class LoggedCall:
    """A call logged from the call list today, which can be undone."""

    contact_id: int
    patient_id: int
    name: str
    outcome: str
    contacted_at: str


def undoable_calls(
    db: Database, today: dt.date, caller_id: int | None = None, limit: int = 20
) -> list[LoggedCall]:
    """Today's calls logged from the call list (by `caller_id`, if given), the last first."""
    who = "" if caller_id is None else " AND c.staff_id = :caller"
    rows = db.execute(
        "SELECT c.id, c.patient_id, p.name, c.outcome, c.contacted_at FROM contacts c"
        " JOIN patients p ON p.id = c.patient_id WHERE c.contacted_at >= :day"
        f" AND c.contacted_at < :next AND c.reason IS NOT NULL{who}"
        " ORDER BY c.contacted_at DESC, c.id DESC LIMIT :limit",
        {"day": today.isoformat(), "next": (today + dt.timedelta(days=1)).isoformat(),
         "caller": caller_id, "limit": limit},
    )  # fmt: skip
    return [LoggedCall(*r) for r in rows]


def undo_call(db: Database, contact_id: int, *, today: dt.date, caller_id: int | None) -> None:
    """Take back a call logged from the call list today: its contact, the appointment it
    booked, the confirmation, the follow-ups marked done and the do-not-call flag it set
    go, in one transaction, with an audit entry; the patient is back on the list.

    Raises:
        KnownError: the call is not one of today's from the call list, or the appointment
            it booked was marked attended or no-show since.
    """
    contact, effects = _logged(db, contact_id)
    if contact["contacted_at"][:10] != today.isoformat():
        raise KnownError("calls.undo_not_today", date=contact["contacted_at"][:10])
    booked = effects.get("booked")
    if booked and appointments.get_appointment(db, booked).status in ("attended", "no_show"):
        raise KnownError("calls.undo_attended", date=contact["contacted_at"][:10])
    with db.atomic():
        if booked:
            db.execute("DELETE FROM appointments WHERE id = ?", [booked])
        db.execute(
            "UPDATE appointments SET status = 'booked', updated_at = ? WHERE status = 'confirmed'"
            " AND id IN (SELECT value FROM json_each(?))",
            [now_iso(), json.dumps(effects.get("confirmed", []))],
        )
        db.execute(
            "UPDATE care_dates SET done_at = NULL WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(effects.get("follow_ups", []))],
        )
        if effects.get("do_not_call"):
            db.execute("UPDATE patients SET do_not_call = 0, updated_at = ? WHERE id = ?",
                       [now_iso(), contact["patient_id"]])  # fmt: skip
        db.execute("DELETE FROM contacts WHERE id = ?", [contact_id])
        audit.record(db, "call_undone", "patient", contact["patient_id"],
                     {"contact": contact, "effects": effects}, caller_id)  # fmt: skip


def _logged(db: Database, contact_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """A call-list contact and the effects its audit entry lists."""
    rows = list(db.query("SELECT * FROM contacts WHERE id = ? AND reason IS NOT NULL",
                         [contact_id]))  # fmt: skip
    if not rows:
        raise KnownError("calls.undo_unknown")
    entry = db.execute(
        "SELECT details FROM audit_log WHERE action = 'call' AND entity = 'patient'"
        " AND entity_id = ? AND json_extract(details, '$.contact') = ? ORDER BY id DESC LIMIT 1",
        [rows[0]["patient_id"], contact_id],
    ).fetchone()
    if entry is None:
        raise KnownError("calls.undo_unknown")
    return rows[0], json.loads(entry[0])
