"""A patient's own recall interval per item (Dentrix users ask for it: one interval per
item does not fit every patient); the call list uses it before the clinic's."""

from __future__ import annotations

from sqlite_utils import Database

from clinicdesk.core.db import audit
from clinicdesk.core.db.patients import get_patient
from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.values import now_iso

MAX_DAYS = 3650


def set_recall_interval(
    db: Database, patient_id: int, item: str, days: int | None, *, staff_id: int | None = None
) -> None:
    """Give the patient their own interval (days) for `item`; None takes it away (the
    clinic's interval applies again). Audited, one transaction."""
    get_patient(db, patient_id)
    if not item or not item.strip():
        raise InvalidValue("value.required", field="item")
    if days is not None and (isinstance(days, bool) or not isinstance(days, int)
                             or not 1 <= days <= MAX_DAYS):  # fmt: skip
        raise InvalidValue("value.bad_interval", field="interval_days", value=days, max=MAX_DAYS)
    item = item.strip()
    before = recall_intervals_of(db, patient_id).get(item)
    with db.atomic():
        if days is None:
            db.execute("DELETE FROM patient_recalls WHERE patient_id = ? AND item = ?",
                       [patient_id, item])  # fmt: skip
        else:
            db.execute(
                "INSERT INTO patient_recalls (patient_id, item, interval_days, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT(patient_id, item) DO UPDATE SET"
                " interval_days = excluded.interval_days, updated_at = excluded.updated_at",
                [patient_id, item, days, now_iso()],
            )
        audit.record(db, "recall_interval", "patient", patient_id,
                     {"item": item, "from": before, "to": days}, staff_id)  # fmt: skip


def recall_intervals_of(db: Database, patient_id: int) -> dict[str, int]:
    """The patient's own intervals, item -> days."""
    rows = db.execute(
        "SELECT item, interval_days FROM patient_recalls WHERE patient_id = ? ORDER BY item",
        [patient_id],
    )
    return dict(rows.fetchall())
