"""Alerts when a patient's file opens: a birthday today, an important note.

Each is shown once per staff member per day, not every time the file opens (clinic
staff tire of pop-ups and click them away unread). The window asks `pending_alerts`,
shows them, then calls `mark_shown`; with no staff member chosen on the PC, the PC
counts as one viewer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from sqlite_utils import Database

from clinicdesk.core.db.lists import next_birthday
from clinicdesk.core.db.patients import get_patient
from clinicdesk.core.model import Patient
from clinicdesk.core.values import now_iso


class Alert(NamedTuple):
    """``birthday`` (with the age turned today) or ``important_note`` (with its text)."""

    kind: str
    note: str | None
    age: int | None


def alerts_of(patient: Patient, day: dt.date) -> list[Alert]:
    """The patient's alerts on `day` (29 February birthdays fall on the 28th in other
    years, as on the call list)."""
    found = []
    if patient.birth_date and next_birthday(patient.birth_date, day) == day:
        turned = day.year - dt.date.fromisoformat(patient.birth_date).year
        found.append(Alert("birthday", None, turned))
    if patient.important_note and patient.important_note.strip():
        found.append(Alert("important_note", patient.important_note.strip(), None))
    return found


def pending_alerts(
    db: Database, patient_id: int, staff_id: int | None, day: dt.date | None = None
) -> list[Alert]:
    """The alerts of the patient that `staff_id` was not shown yet on `day` (today)."""
    day = day or dt.date.today()
    shown = {
        r[0]
        for r in db.execute(
            "SELECT kind FROM alerts_shown WHERE patient_id = ? AND coalesce(staff_id, 0) = ?"
            " AND day = ?",
            [patient_id, staff_id or 0, day.isoformat()],
        )
    }
    return [a for a in alerts_of(get_patient(db, patient_id), day) if a.kind not in shown]


def mark_shown(
    db: Database,
    patient_id: int,
    staff_id: int | None,
    alerts: Iterable[Alert],
    day: dt.date | None = None,
) -> None:
    """Remember that `staff_id` was shown these alerts on `day` (one transaction)."""
    day_text = (day or dt.date.today()).isoformat()
    with db.atomic():
        for alert in alerts:
            db.execute(
                "INSERT OR IGNORE INTO alerts_shown (patient_id, staff_id, day, kind, shown_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [patient_id, staff_id, day_text, alert.kind, now_iso()],
            )
