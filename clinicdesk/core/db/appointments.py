"""Appointments (预约): book, move, cancel, mark attended or no-show, list.

Each change is one transaction with its audit entry; a booking made by a call is written
in the call's transaction (`book` takes the contact's id). Times are ``YYYY-MM-DDTHH:MM``.
"""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from clinicdesk.core.db import audit
from clinicdesk.core.db.patients import get_patient
from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.model import Appointment
from clinicdesk.core.values import now_iso

STATUSES = ("booked", "confirmed", "attended", "no_show", "cancelled")
OPEN = ("booked", "confirmed")  # still to come: can be moved, confirmed, cancelled
# The status an appointment may take next; attended and no-show can be corrected into
# each other, a cancelled appointment stays cancelled (book a new one).
_NEXT = {
    "booked": {"confirmed", "attended", "no_show", "cancelled"},
    "confirmed": {"booked", "attended", "no_show", "cancelled"},
    "attended": {"no_show"},
    "no_show": {"attended"},
    "cancelled": set(),
}


def parse_starts_at(raw: str | None) -> str:
    """A date and time typed as ``2026-12-03 14:30`` or ``2026-12-03T14:30`` (seconds
    dropped), as ``YYYY-MM-DDTHH:MM``.

    Raises:
        InvalidValue: empty, or not a real date and time.
    """
    if raw is None or not raw.strip():
        raise InvalidValue("value.required", field="starts_at")
    try:
        moment = dt.datetime.fromisoformat(raw.strip().replace(" ", "T", 1))
    except ValueError:
        raise InvalidValue("value.bad_datetime", field="starts_at", value=raw) from None
    return moment.strftime("%Y-%m-%dT%H:%M")


def book(
    db: Database,
    patient_id: int,
    *,
    starts_at: str,
    item: str,
    staff_id: int | None = None,
    note: str | None = None,
    contact_id: int | None = None,
) -> int:
    """Book an appointment and return its id (`contact_id`: the call that booked it)."""
    get_patient(db, patient_id)
    if not item or not item.strip():
        raise InvalidValue("value.required", field="item")
    now = now_iso()
    row = [patient_id, parse_starts_at(starts_at), item.strip(), staff_id, note or None,
           contact_id, now, now]  # fmt: skip
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO appointments (patient_id, starts_at, item, staff_id, note, contact_id,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            row,
        )
        appointment_id = int(cursor.lastrowid or 0)
        audit.record(db, "book", "appointment", appointment_id,
                     {"patient": patient_id, "starts_at": row[1]}, staff_id)  # fmt: skip
    return appointment_id


def get_appointment(db: Database, appointment_id: int) -> Appointment:
    """The appointment with this id."""
    rows = list(db.query("SELECT * FROM appointments WHERE id = ?", [appointment_id]))
    if not rows:
        raise InvalidValue("value.no_such_appointment", field="appointment", value=appointment_id)
    return Appointment.from_row(rows[0])


def move(db: Database, appointment_id: int, starts_at: str, *, staff_id: int | None = None) -> None:
    """Give an open appointment another time; a confirmed one must be confirmed again."""
    before = get_appointment(db, appointment_id)
    if before.status not in OPEN:
        raise _closed(before)
    moved = parse_starts_at(starts_at)
    with db.atomic():
        db.execute(
            "UPDATE appointments SET starts_at = ?, status = 'booked', updated_at = ? WHERE id = ?",
            [moved, now_iso(), appointment_id],
        )
        audit.record(db, "move", "appointment", appointment_id,
                     {"from": before.starts_at, "to": moved}, staff_id)  # fmt: skip


def set_status(
    db: Database, appointment_id: int, status: str, *, staff_id: int | None = None
) -> None:
    """Confirm, cancel, or mark attended or no-show (see `_NEXT` for what may follow what)."""
    before = get_appointment(db, appointment_id)
    if status not in STATUSES:
        raise InvalidValue("value.bad_choice", field="status", value=status,
                           choices=", ".join(STATUSES))  # fmt: skip
    if status == before.status:
        return
    if status not in _NEXT[before.status]:
        raise _closed(before)
    with db.atomic():
        db.execute(
            "UPDATE appointments SET status = ?, updated_at = ? WHERE id = ?",
            [status, now_iso(), appointment_id],
        )
        audit.record(db, "status", "appointment", appointment_id,
                     {"from": before.status, "to": status}, staff_id)  # fmt: skip


def may_become(status: str, new_status: str) -> bool:
    """Whether an appointment of `status` may be given `new_status` (the panel's buttons)."""
    return new_status in _NEXT.get(status, set())


def _closed(appointment: Appointment) -> InvalidValue:
    return InvalidValue(f"appointment.closed.{appointment.status}", field="appointment",
                        value=appointment.starts_at.replace("T", " "))  # fmt: skip


def appointments_of(db: Database, patient_id: int) -> list[Appointment]:
    """The patient's appointments, the latest first."""
    rows = db.query(
        "SELECT * FROM appointments WHERE patient_id = ? ORDER BY starts_at DESC, id DESC",
        [patient_id],
    )
    return [Appointment.from_row(r) for r in rows]


def split_upcoming(
    appointments: list[Appointment], today: dt.date
) -> tuple[list[Appointment], list[Appointment]]:
    """(upcoming: open ones from `today` on, soonest first; past and closed, latest first),
    as the patient file shows them."""
    day = today.isoformat()
    upcoming = [a for a in appointments if a.status in OPEN and a.day >= day]
    past = [a for a in appointments if a not in upcoming]
    return sorted(upcoming, key=lambda a: (a.starts_at, a.id)), past
