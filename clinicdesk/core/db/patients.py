"""Patient files: create, read, edit (audited), archive, tags and circles, merge.

Every function that writes does so in one transaction, and validates first: a refused
value raises `InvalidValue` naming the field, and nothing is written. Creating or
editing a file into a likely duplicate of another raises `DuplicatePatient` unless
saved anyway with a reason (kept in the audit entry of the change).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import fields
from typing import Any

from sqlite_utils import Database

from clinicdesk.core.db import audit
from clinicdesk.core.db.duplicates import DuplicatePatient, find_duplicates
from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.model import Patient
from clinicdesk.core.pinyin import name_pinyin
from clinicdesk.core.values import normalize_mobile, now_iso, parse_date

EDITABLE = frozenset(f.name for f in fields(Patient)) - {
    "id",
    "name_pinyin",
    "name_initials",
    "merged_into",
    "created_at",
    "updated_at",
}
_CHOICES = {"sex": ("F", "M"), "marital_status": ("single", "married", "divorced", "widowed")}
_FLAGS = ("do_not_call", "archived")
_IDENTITY = ("name", "mobile", "card_no", "birth_date")


def add_patient(
    db: Database, *, staff_id: int | None = None, save_anyway: str | None = None, **values: Any
) -> int:
    """Create a patient file and return its id. ``name`` is required, the rest optional.

    Raises:
        DuplicatePatient: another file has the same mobile, or name and birth date,
            and `save_anyway` (the reason to create it all the same) is not given; or
            another file has the same card number (any case), saved anyway or not.
    """
    clean = _clean(db, values, patient_id=None)
    if "name" not in clean:
        raise InvalidValue("value.required", field="name")
    details = _duplicate_check(db, clean, None, save_anyway)
    now = now_iso()
    clean.update(created_at=now, updated_at=now)
    with db.atomic():
        cursor = _insert_or_explain(db, clean)
        patient_id = int(cursor.lastrowid or 0)
        audit.record(db, "create", "patient", patient_id, details or None, staff_id)
    return patient_id


def get_patient(db: Database, patient_id: int) -> Patient:
    """The patient file with this id (archived ones too)."""
    rows = list(db.query("SELECT * FROM patients WHERE id = ?", [patient_id]))
    if not rows:
        raise InvalidValue("value.no_such_patient", field="patient", value=patient_id)
    return Patient.from_row(rows[0])


def update_patient(
    db: Database,
    patient_id: int,
    *,
    staff_id: int | None = None,
    save_anyway: str | None = None,
    check_duplicates: bool = True,
    **changes: Any,
) -> Patient:
    """Change some fields of a patient file; the audit trail keeps old and new values.

    A change of name, mobile, card or birth date that makes a likely duplicate raises
    `DuplicatePatient` as `add_patient` does (a merge, which resolves one, passes
    ``check_duplicates=False``).
    """
    before = get_patient(db, patient_id)
    clean = _clean(db, changes, patient_id=patient_id)
    diff = {k: [getattr(before, k), v] for k, v in clean.items() if getattr(before, k) != v}
    if not diff:
        return before
    details: dict[str, Any] = {"changes": diff}
    if check_duplicates and set(diff) & set(_IDENTITY):
        after = {k: clean.get(k, getattr(before, k)) for k in _IDENTITY}
        details.update(_duplicate_check(db, after, patient_id, save_anyway))
    assignments = ", ".join(f"{k} = :{k}" for k in clean)
    with db.atomic():
        _execute_or_explain(
            db,
            f"UPDATE patients SET {assignments}, updated_at = :updated_at WHERE id = :id",
            {**clean, "updated_at": now_iso(), "id": patient_id},
        )
        audit.record(db, "edit", "patient", patient_id, details, staff_id)
    return get_patient(db, patient_id)


def _duplicate_check(
    db: Database, values: dict[str, Any], patient_id: int | None, save_anyway: str | None
) -> dict[str, Any]:
    """What the audit keeps of a file saved anyway; raises when it may not be saved."""
    if save_anyway is not None and not save_anyway.strip():
        raise InvalidValue("value.required", field="reason")
    identity = {k: values.get(k) for k in _IDENTITY}
    candidates = find_duplicates(db, **identity, exclude=patient_id)
    if not candidates:
        return {}
    error = DuplicatePatient(candidates, identity["card_no"])
    if save_anyway is None or not error.can_save_anyway:
        raise error
    return {"duplicates": [c.patient_id for c in candidates], "reason": save_anyway.strip()}


def archive_patient(db: Database, patient_id: int, *, staff_id: int | None = None) -> None:
    """Archive a patient file: kept with all its history, left out of lists and tiers."""
    update_patient(db, patient_id, staff_id=staff_id, archived=1)


def count_patients(db: Database, *, include_archived: bool = False) -> int:
    """How many patient files there are (by default, not archived)."""
    where = "" if include_archived else " WHERE archived = 0"
    return int(db.execute(f"SELECT count(*) FROM patients{where}").fetchone()[0])


def referred_patients(db: Database, patient_id: int) -> list[Patient]:
    """The patients this one referred directly, by first visit."""
    rows = db.query(
        "SELECT * FROM patients WHERE referred_by = ? ORDER BY first_visit, id", [patient_id]
    )
    return [Patient.from_row(r) for r in rows]


def set_tags(db: Database, patient_id: int, names: list[str], *, kind: str = "tag") -> None:
    """Make the patient's tags of `kind` exactly `names` (new tags are created)."""
    wanted = sorted({n.strip() for n in names if n.strip()})
    with db.atomic():
        db.execute(
            "DELETE FROM patient_tags WHERE patient_id = ? AND tag_id IN"
            " (SELECT id FROM tags WHERE kind = ?)",
            [patient_id, kind],
        )
        for name in wanted:
            db.execute("INSERT OR IGNORE INTO tags (name, kind) VALUES (?, ?)", [name, kind])
            db.execute(
                "INSERT OR IGNORE INTO patient_tags (patient_id, tag_id)"
                " SELECT ?, id FROM tags WHERE name = ?",
                [patient_id, name],
            )


def tags_of(db: Database, patient_id: int) -> list[tuple[str, str]]:
    """The patient's tags and circles as ``(name, kind)``, by name."""
    rows = db.execute(
        "SELECT t.name, t.kind FROM tags t JOIN patient_tags pt ON pt.tag_id = t.id"
        " WHERE pt.patient_id = ? ORDER BY t.name",
        [patient_id],
    )
    return [(r[0], r[1]) for r in rows]


def _clean(db: Database, values: dict[str, Any], patient_id: int | None) -> dict[str, Any]:
    """Validate and normalise field values; empty text becomes None."""
    clean: dict[str, Any] = {}
    for key, value in values.items():
        if key not in EDITABLE:
            raise InvalidValue("value.unknown_field", field=key, value=key)
        if isinstance(value, str):
            value = value.strip() or None
        clean[key] = _clean_one(db, key, value, patient_id)
    if "name" in clean:
        clean["name_pinyin"], clean["name_initials"] = name_pinyin(clean["name"])
    return clean


def _clean_one(db: Database, key: str, value: Any, patient_id: int | None) -> Any:
    if key == "name" and value is None:
        raise InvalidValue("value.required", field="name")
    if key in ("mobile", "mobile2") and value is not None:
        return normalize_mobile(value, key) if key == "mobile" else value
    if key in ("birth_date", "first_visit"):
        value = parse_date(value, key)
        if value is not None and value > dt.date.today().isoformat():
            raise InvalidValue("value.future_date", field=key, value=value)
    if key in _CHOICES and value is not None and value not in _CHOICES[key]:
        raise InvalidValue(
            "value.bad_choice", field=key, value=value, choices=", ".join(_CHOICES[key])
        )
    if key in _FLAGS:
        return 1 if value else 0
    if key == "referred_by" and value is not None:
        _check_referrer(db, int(value), patient_id)
    return value


def _check_referrer(db: Database, referrer: int, patient_id: int | None) -> None:
    get_patient(db, referrer)
    if patient_id is None:
        return
    if referrer == patient_id:
        raise InvalidValue("value.self_referral", field="referred_by", value=referrer)
    chain = db.execute(
        "WITH RECURSIVE up(id) AS (SELECT ? UNION SELECT p.referred_by FROM patients p"
        " JOIN up ON p.id = up.id WHERE p.referred_by IS NOT NULL) SELECT 1 FROM up WHERE id = ?",
        [referrer, patient_id],
    ).fetchone()
    if chain:
        raise InvalidValue("value.referral_cycle", field="referred_by", value=referrer)


def _insert_or_explain(db: Database, clean: dict[str, Any]) -> sqlite3.Cursor:
    columns = ", ".join(clean)
    marks = ", ".join(f":{k}" for k in clean)
    return _execute_or_explain(db, f"INSERT INTO patients ({columns}) VALUES ({marks})", clean)


def _execute_or_explain(db: Database, sql: str, params: dict[str, Any]) -> sqlite3.Cursor:
    try:
        return db.execute(sql, params)
    except sqlite3.IntegrityError as exc:
        if "card_no" in str(exc):
            raise InvalidValue(
                "value.duplicate_card", field="card_no", value=params.get("card_no")
            ) from exc
        raise
