"""Writing an import: patients, staff and charges in one transaction, or nothing.

Each charge carries a fingerprint (patient, date, item, category, amount, staff, and
which occurrence of that same line in the file it is). A unique index on it makes a
second import of the same rows add nothing, and a later, overlapping export add only
its new rows; two identical lines in one file stay two charges.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from clinicdesk.core.db import audit
from clinicdesk.core.importer.identity import Person
from clinicdesk.core.importer.parse import Record
from clinicdesk.core.pinyin import name_pinyin
from clinicdesk.core.values import now_iso

_CHUNK = 20_000


@dataclass(frozen=True, slots=True)
class Written:
    """What one import wrote (or would write, in a dry run)."""

    batch_id: int
    imported: int
    duplicates: int
    patients_created: int
    patients_matched: int


def write(
    db: Database,
    people: list[Person],
    records: list[Record],
    batch: Mapping[str, object],
    no_item: str,
    unnamed: Callable[[Person], str],
    check: Callable[[float], None],
) -> Written:
    """Write the patients, staff and charges of an import; call inside a transaction."""
    now = now_iso()
    batch_id = _batch(db, batch, now)
    _create_patients(db, people, records, unnamed, now, str(batch["source"]))
    _fill_existing(db, people, records, now)
    staff = _staff(db, records, now)
    owner = [0] * len(records)
    for person in people:
        for index in person.rows:
            owner[index] = person.pid
    before = db.conn.total_changes
    seen: Counter[str] = Counter()
    rows = []
    for index, r in enumerate(records):
        base = f"{owner[index]}|{r.date}|{r.item}|{r.category}|{r.amount_fen}|{r.staff}"
        seen[base] += 1
        rows.append((owner[index], r.date, r.item or no_item, r.category, r.amount_fen,
                     staff.get(r.staff or ""), r.note, batch_id, _key(f"{base}#{seen[base]}"),
                     now))  # fmt: skip
        if len(rows) == _CHUNK:
            _insert(db, rows)
            rows = []
            check(index / len(records))
    _insert(db, rows)
    imported = db.conn.total_changes - before
    return Written(batch_id, imported, len(records) - imported,
                   sum(p.new for p in people), sum(not p.new for p in people))  # fmt: skip


def _key(text: str) -> int:
    # A stable 64-bit fingerprint (Python's hash() changes between runs).
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big",
                          signed=True)  # fmt: skip


def _insert(db: Database, rows: Sequence[tuple[object, ...]]) -> None:
    db.conn.executemany(
        "INSERT OR IGNORE INTO charges (patient_id, date, item, category, amount_fen, staff_id,"
        " note, batch_id, import_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _batch(db: Database, batch: Mapping[str, object], now: str) -> int:
    cursor = db.execute(
        "INSERT INTO import_batches (file_name, file_hash, imported_at) VALUES (?, ?, ?)",
        [batch["file_name"], batch["file_hash"], now],
    )
    return int(cursor.lastrowid or 0)


def _create_patients(
    db: Database,
    people: list[Person],
    records: list[Record],
    unnamed: Callable[[Person], str],
    now: str,
    source: str,
) -> None:
    new = [p for p in people if p.new]
    if not new:
        return
    next_id = int(db.execute("SELECT coalesce(max(id), 0) FROM patients").fetchone()[0]) + 1
    rows = []
    for offset, person in enumerate(new):
        person.pid = next_id + offset
        name = person.name or unnamed(person)
        full, initials = name_pinyin(name)
        first = min(records[i].date for i in person.rows)
        rows.append((person.pid, name, full, initials, person.mobile, person.landline,
                     person.card, first, source, now, now))  # fmt: skip
    db.conn.executemany(
        "INSERT INTO patients (id, name, name_pinyin, name_initials, mobile, mobile2, card_no,"
        " first_visit, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _fill_existing(db: Database, people: list[Person], records: list[Record], now: str) -> None:
    """Give matched patients the card, mobile or other phone they lacked, and an earlier
    first visit."""
    for person in people:
        if person.new:
            continue
        first = min(records[i].date for i in person.rows)
        row = db.execute("SELECT card_no, mobile, mobile2, first_visit FROM patients"
                         " WHERE id = ?", [person.pid]).fetchone()  # fmt: skip
        current = dict(zip(("card_no", "mobile", "mobile2", "first_visit"), row, strict=True))
        changes = {k: v for k, v in person.fill.items() if current[k] is None}
        if current["first_visit"] is None or first < current["first_visit"]:
            changes["first_visit"] = first
        if changes:
            sets = ", ".join(f"{k} = ?" for k in changes)
            db.execute(f"UPDATE patients SET {sets}, updated_at = ? WHERE id = ?",
                       [*changes.values(), now, person.pid])  # fmt: skip
            if set(changes) - {"first_visit"}:
                audit.record(db, "import", "patient", person.pid, {"filled": changes})


def _staff(db: Database, records: list[Record], now: str) -> dict[str, int]:
    known = {name: sid for sid, name in db.execute("SELECT id, name FROM staff")}
    for name in dict.fromkeys(r.staff for r in records if r.staff):
        if name not in known:
            cursor = db.execute(
                "INSERT INTO staff (name, role, created_at) VALUES (?, 'other', ?)", [name, now]
            )
            known[name] = int(cursor.lastrowid or 0)
    return known
