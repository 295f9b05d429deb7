"""Merging two files of one patient (duplicates from an import): nothing is lost.

The survivor keeps its id; for every field where the two differ the user chooses whose
value stays. All charges, visit notes, care dates, contacts, tags, tier history and the
patients they referred move to the survivor; the duplicate is archived with a pointer
to it (never deleted), and the audit trail records who merged what and what moved.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from sqlite_utils import Database

from clinicdesk.core.db import audit
from clinicdesk.core.db.patients import EDITABLE, get_patient, update_patient
from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.model import Patient
from clinicdesk.core.values import now_iso

# What moves with a merge: (table, column).
MOVED = (
    ("charges", "patient_id"),
    ("visit_notes", "patient_id"),
    ("care_dates", "patient_id"),
    ("contacts", "patient_id"),
    ("patients", "referred_by"),
)
COMPARED = tuple(f.name for f in fields(Patient) if f.name in EDITABLE and f.name != "archived")


def differences(db: Database, survivor: int, duplicate: int) -> list[tuple[str, Any, Any]]:
    """The fields whose values differ: ``(field, survivor's value, duplicate's value)``."""
    a, b = get_patient(db, survivor), get_patient(db, duplicate)
    return [(f, getattr(a, f), getattr(b, f)) for f in COMPARED if getattr(a, f) != getattr(b, f)]


def moved_counts(db: Database, duplicate: int) -> dict[str, int]:
    """How many records would move from `duplicate` (for the preview)."""
    counts = {
        t if t != "patients" else "referrals": db.execute(
            f"SELECT count(*) FROM {t} WHERE {c} = ?", [duplicate]
        ).fetchone()[0]
        for t, c in MOVED
    }
    counts["tags"] = db.execute(
        "SELECT count(*) FROM patient_tags WHERE patient_id = ?", [duplicate]
    ).fetchone()[0]
    return counts


def merge_patients(
    db: Database,
    survivor: int,
    duplicate: int,
    take_from_duplicate: set[str] | frozenset[str] = frozenset(),
    *,
    staff_id: int | None = None,
) -> dict[str, int]:
    """Merge `duplicate` into `survivor` in one transaction; returns what moved.

    Fields named in `take_from_duplicate` take the duplicate's value; the others keep
    the survivor's (an empty survivor field is always filled from the duplicate).
    """
    if survivor == duplicate:
        raise InvalidValue("merge.same", field="patient", value=survivor)
    a, b = get_patient(db, survivor), get_patient(db, duplicate)
    if b.merged_into is not None:
        raise InvalidValue("merge.already", field="patient", value=b.name)
    chosen = {
        f: getattr(b, f)
        for f in COMPARED
        if getattr(b, f) not in (None, "")
        and (f in take_from_duplicate or getattr(a, f) in (None, ""))
    }
    if chosen.get("referred_by") in (survivor, duplicate):
        chosen.pop("referred_by")
    with db.atomic():
        moved = moved_counts(db, duplicate)
        _move(db, survivor, duplicate)
        if "card_no" in chosen:  # the card is unique: free it on the duplicate first
            db.execute("UPDATE patients SET card_no = NULL WHERE id = ?", [duplicate])
        if chosen:  # the duplicate still holds these values: it is the one going
            update_patient(db, survivor, staff_id=staff_id, check_duplicates=False, **chosen)
        db.execute(
            "UPDATE patients SET archived = 1, merged_into = ?, updated_at = ? WHERE id = ?",
            [survivor, now_iso(), duplicate],
        )
        audit.record(
            db,
            "merge",
            "patient",
            survivor,
            {
                "duplicate": duplicate,
                "duplicate_name": b.name,
                "moved": moved,
                "taken": sorted(chosen),
            },
            staff_id,
        )
    return moved


def _move(db: Database, survivor: int, duplicate: int) -> None:
    for table, column in MOVED[:-1]:
        db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [survivor, duplicate])
    # Those the duplicate referred now count for the survivor; a survivor referred by its
    # own duplicate would refer itself, so that link goes.
    db.execute(
        "UPDATE patients SET referred_by = NULL WHERE id = ? AND referred_by = ?",
        [survivor, duplicate],
    )
    db.execute("UPDATE patients SET referred_by = ? WHERE referred_by = ?", [survivor, duplicate])
    db.execute(
        "INSERT OR IGNORE INTO patient_tags (patient_id, tag_id)"
        " SELECT ?, tag_id FROM patient_tags WHERE patient_id = ?",
        [survivor, duplicate],
    )
    db.execute("DELETE FROM patient_tags WHERE patient_id = ?", [duplicate])
    # Tier history: the survivor's own assignment wins where both were tiered in a run.
    db.execute(
        "UPDATE OR IGNORE tier_assignments SET patient_id = ? WHERE patient_id = ?",
        [survivor, duplicate],
    )
    db.execute("DELETE FROM tier_assignments WHERE patient_id = ?", [duplicate])
    # A tier fixed by hand on the duplicate carries over unless the survivor has one.
    db.execute(
        "UPDATE OR IGNORE tier_overrides SET patient_id = ? WHERE patient_id = ?",
        [survivor, duplicate],
    )
    db.execute("DELETE FROM tier_overrides WHERE patient_id = ?", [duplicate])
