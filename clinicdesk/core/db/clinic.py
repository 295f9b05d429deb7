"""Clinic-wide records: settings (name, currency, demo marker) and the staff list."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from clinicdesk.core import durable, i18n
from clinicdesk.core.db import open_clinic, schema_version
from clinicdesk.core.errors import InvalidValue, KnownError
from clinicdesk.core.model import Staff
from clinicdesk.core.values import MAX_CHARGE_FEN, format_fen, now_iso, split_list

ROLES = ("reception", "consultant", "doctor", "manager", "other")


def get_setting(db: Database, key: str, default: Any = None) -> Any:
    """A clinic setting's value (JSON-decoded), or `default` when unset."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return default if row is None else json.loads(row[0])


def set_setting(db: Database, key: str, value: Any) -> None:
    """Set a clinic setting (stored as JSON)."""
    with db.atomic():
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(value, ensure_ascii=False)],
        )


def charge_limit(db: Database) -> int:
    """The largest amount of one charge, either way, in fen (the clinic's setting
    ``max_charge_fen``): larger ones are refused by the import and the charge form, and
    the totals of the file stay far from SQLite's integer range."""
    return int(get_setting(db, "max_charge_fen", MAX_CHARGE_FEN))


def is_demo(db: Database) -> bool:
    """Whether this clinic file is a generated demo clinic (safe to replace)."""
    return bool(get_setting(db, "demo", False))


def holds_data_since(db: Database) -> dt.date | None:
    """The day the file first held data: its first patient's file, or the day the file
    itself was made if later (history imported into a new file keeps its old dates);
    None while it holds no patient."""
    first = db.execute("SELECT created_at FROM patients ORDER BY id LIMIT 1").fetchone()
    if first is None:
        return None
    made = db.execute(
        "SELECT applied_at FROM _sqlite_migrations WHERE name = '0001_initial'"
    ).fetchone()
    days = [dt.date.fromisoformat(first[0][:10])]
    if made:  # stored in UTC by sqlite-utils
        days.append(dt.datetime.fromisoformat(made[0]).astimezone().date())
    return max(days)


def add_staff(db: Database, name: str, role: str = "consultant") -> int:
    """Add a staff member and return the id."""
    if not name or not name.strip():
        raise InvalidValue("value.required", field="name")
    if role not in ROLES:
        raise InvalidValue("value.bad_choice", field="role", value=role, choices=", ".join(ROLES))
    if db.execute("SELECT 1 FROM staff WHERE name = ?", [name.strip()]).fetchone():
        raise InvalidValue("value.duplicate_name", field="name", value=name.strip())
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO staff (name, role, created_at) VALUES (?, ?, ?)",
            [name.strip(), role, now_iso()],
        )
    return int(cursor.lastrowid or 0)


def list_staff(db: Database, *, active_only: bool = True) -> list[Staff]:
    """The staff, by name."""
    where = " WHERE active = 1" if active_only else ""
    return [Staff.from_row(r) for r in db.query(f"SELECT * FROM staff{where} ORDER BY name")]


def create_clinic(path: Path, name: str, staff: str | Iterable[str] = ()) -> None:
    """Create an empty clinic file at `path`: its name, currency (¥) and staff.

    `staff` is a list of names or the text a person typed ("张敏，李娜"). The file is
    written beside `path` and moved into place when complete: a failure leaves nothing.

    Raises:
        KnownError: `path` exists, the name is empty, a staff name is refused, or the
            folder is missing or read-only.
    """
    name = name.strip()
    if not name:
        raise InvalidValue("value.required", field="clinic_name")
    if path.exists():
        raise KnownError("new.exists", path=str(path))
    names = split_list(staff) if isinstance(staff, str) else [s.strip() for s in staff]
    partial = path.with_name(path.name + ".creating")
    try:
        db = open_clinic(partial)
        try:
            with db.atomic():
                set_setting(db, "clinic_name", name)
                set_setting(db, "currency", "CNY")
                for member in dict.fromkeys(n for n in names if n):
                    add_staff(db, member)
        finally:
            db.close()
        durable.replace(partial, path)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)


def clinic_facts(path: Path, language: str) -> list[tuple[str, str]]:
    """What a clinic file holds, as labelled lines for ``clinicdesk info``; read only (the
    file is opened read-only: never migrated, never switched to WAL)."""
    db = open_clinic(path, read_only=True)
    try:
        t = lambda key, **kw: i18n.message(key, language, **kw)  # noqa: E731
        active, archived = db.execute(
            "SELECT count(*) - coalesce(sum(archived), 0), coalesce(sum(archived), 0) FROM patients"
        ).fetchone()
        count, first, last, revenue = db.execute(
            "SELECT count(*), min(date), max(date), coalesce(sum(amount_fen), 0) FROM charges"
        ).fetchone()
        contacts = db.execute("SELECT count(*) FROM contacts").fetchone()[0]
        return [
            (t("info.clinic"), get_setting(db, "clinic_name") or t("info.unnamed")),
            (t("info.file"), str(path)),
            (t("info.schema"), ", ".join(schema_version(db))),
            (t("info.patients"), t("info.patients_value", active=active, archived=archived)),
            (
                t("info.charges"),
                t(
                    "info.charges_value",
                    count=count,
                    first=first or "-",
                    last=last or "-",
                    revenue=format_fen(revenue),
                ),
            ),
            (t("info.contacts"), f"{contacts:,}"),
            (t("info.demo"), t("info.yes") if is_demo(db) else t("info.no")),
        ]
    finally:
        db.close()
