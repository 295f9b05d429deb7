"""Writing an import: prepared beforehand, then patients, staff and charges in one short
transaction, or nothing.

`prepare` does everything that can be done before the write lock is taken (pinyin of
new names, fingerprints, what matched patients lack), against a `snapshot` of the
patients; `write` then only writes. If the patients changed in between (another
connection added one, or gave one a card the file would create), the rows are matched
again under the lock, so nothing is duplicated and nothing another person saved is lost.

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
from clinicdesk.core.db.schema import search_keys
from clinicdesk.core.importer.identity import Person
from clinicdesk.core.importer.parse import Record
from clinicdesk.core.pinyin import name_pinyin
from clinicdesk.core.values import now_iso

_CHUNK = 20_000
_WRITE_CACHE = -131_072  # KiB: 128 MB of page cache while an import writes
_BULK_PATIENTS = 200  # new patients from which the search index is filled in one pass
_SEARCH_TRIGGER = "patients_search_insert"
# patient id, date, item, category, amount, staff name, note, fingerprint
Charge = tuple[int, str, str, str | None, int, str | None, str | None, int]
SNAPSHOT = "SELECT max(id), count(*) FROM patients"


@dataclass(frozen=True, slots=True)
class Written:
    """What one import wrote (or would write, in a dry run)."""

    batch_id: int
    imported: int
    duplicates: int
    patients_created: int
    patients_matched: int


@dataclass(frozen=True, slots=True)
class Load:
    """What an import will write, prepared before its transaction.

    Attributes:
        snapshot: the patients' (max id, count) it was prepared against.
        patients: the new patients' rows (id, name, pinyin, initials, mobile, other
            phone, card, first visit), their ids following the snapshot's largest.
        fills: (patient id, {column: value}) for matched patients: a card, mobile or
            other phone they lack, an earlier first visit.
        staff: the staff names the rows carry, in order of appearance.
        charges: (patient id, date, item, category, amount, staff name, note, fingerprint).
        created: how many patients are new.
        matched: how many existing patients get rows.
    """

    snapshot: tuple[int, int]
    patients: list[tuple[object, ...]]
    fills: list[tuple[int, dict[str, str]]]
    staff: list[str]
    charges: list[Charge]
    created: int
    matched: int


def snapshot(db: Database) -> tuple[int, int]:
    """The patients' largest id and count: if either changed, so may the matching."""
    top, count = db.execute(SNAPSHOT).fetchone()
    return int(top or 0), int(count)


def prepare(
    db: Database,
    taken: tuple[int, int],
    people: list[Person],
    records: list[Record],
    no_item: str,
    unnamed: Callable[[Person], str],
) -> Load:
    """Everything `write` needs, from the people `resolve` found when the patients were
    as `taken` (see `snapshot`); assigns the new patients' ids."""
    patients = _new_patients(people, records, unnamed, taken[0])
    owner = [0] * len(records)
    for person in people:
        for index in person.rows:
            owner[index] = person.pid
    seen: Counter[str] = Counter()
    charges: list[Charge] = []
    for index, r in enumerate(records):
        base = f"{owner[index]}|{r.date}|{r.item}|{r.category}|{r.amount_fen}|{r.staff}"
        seen[base] += 1
        charges.append((owner[index], r.date, r.item or no_item, r.category, r.amount_fen,
                        r.staff, r.note, _key(f"{base}#{seen[base]}")))  # fmt: skip
    charges.sort(key=lambda c: (c[1], c[0]))  # by date and patient, as idx_charges_date
    return Load(taken, patients, _fills(db, people, records),
                list(dict.fromkeys(r.staff for r in records if r.staff)), charges,
                sum(p.new for p in people), sum(not p.new for p in people))  # fmt: skip


def write(
    db: Database,
    load: Load,
    batch: Mapping[str, object],
    check: Callable[[float], None],
) -> Written:
    """Write a prepared import; call inside the transaction (nothing here reads patients).

    The indexes of a large clinic's charges do not fit SQLite's default page cache
    (2 MB): with 128 MB for the time of the write, 100,000 rows went in 1.0 s instead of
    4.3 s (measured on the 100k demo, a loaded 2-core machine), and the lock is held
    that much less."""
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = {_WRITE_CACHE}")
    try:
        return _write(db, load, batch, check)
    finally:
        db.execute(f"PRAGMA cache_size = {int(cache)}")


def _write(
    db: Database, load: Load, batch: Mapping[str, object], check: Callable[[float], None]
) -> Written:
    now = now_iso()
    batch_id = _batch(db, batch, now)
    _insert_patients(db, [(*row, batch["source"], now, now) for row in load.patients])
    for pid, changes in load.fills:
        _fill(db, pid, changes, now)
    staff = _staff(db, load.staff, now)
    before = db.conn.total_changes
    for start in range(0, len(load.charges), _CHUNK):
        check(start / len(load.charges))
        rows = [(pid, date, item, category, amount, staff.get(name or ""), note, batch_id, key,
                 now) for pid, date, item, category, amount, name, note, key
                in load.charges[start : start + _CHUNK]]  # fmt: skip
        _insert(db, rows)
    imported = db.conn.total_changes - before
    return Written(batch_id, imported, len(load.charges) - imported, load.created, load.matched)


def _insert_patients(db: Database, rows: list[tuple[object, ...]]) -> None:
    """Insert new patients; many at once with their search entries written in one pass.

    The search index's trigger costs about 80 µs a patient (0.4 s for 5,000 new patients,
    under the write lock); one INSERT ... SELECT for all of them about 6 µs. So for a
    large import the trigger is set aside inside this same transaction (a failure or a
    rollback puts it back with everything else) and put back as it was.
    """
    insert = (
        "INSERT INTO patients (id, name, name_pinyin, name_initials, mobile, mobile2, card_no,"
        " first_visit, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    if len(rows) < _BULK_PATIENTS:
        db.conn.executemany(insert, rows)
        return
    (trigger,) = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [_SEARCH_TRIGGER]
    ).fetchone()
    db.execute(f"DROP TRIGGER {_SEARCH_TRIGGER}")
    db.conn.executemany(insert, rows)
    db.execute(
        f"INSERT INTO patient_search (rowid, keys) SELECT id, {search_keys('patients')}"
        " FROM patients WHERE id >= ?",
        [rows[0][0]],
    )
    db.execute(trigger)


def _key(text: str) -> int:
    # A stable 64-bit fingerprint (Python's hash() changes between runs).
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big",
                          signed=True)  # fmt: skip


def _insert(db: Database, rows: Sequence[tuple[object, ...]]) -> None:
    # Only a fingerprint already there is skipped (a duplicate); a row a CHECK or NOT NULL
    # refuses fails the write (OR IGNORE would drop it silently, counted as a duplicate).
    db.conn.executemany(
        "INSERT INTO charges (patient_id, date, item, category, amount_fen, staff_id, note,"
        " batch_id, import_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (import_key) WHERE import_key IS NOT NULL DO NOTHING",
        rows,
    )


def _batch(db: Database, batch: Mapping[str, object], now: str) -> int:
    cursor = db.execute(
        "INSERT INTO import_batches (file_name, file_hash, imported_at) VALUES (?, ?, ?)",
        [batch["file_name"], batch["file_hash"], now],
    )
    return int(cursor.lastrowid or 0)


def _new_patients(
    people: list[Person], records: list[Record], unnamed: Callable[[Person], str], top: int
) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for offset, person in enumerate(p for p in people if p.new):
        person.pid = top + 1 + offset
        name = person.name or unnamed(person)
        full, initials = name_pinyin(name)
        first = min(records[i].date for i in person.rows)
        rows.append((person.pid, name, full, initials, person.mobile, person.landline,
                     person.card, first))  # fmt: skip
    return rows


def _fills(
    db: Database, people: list[Person], records: list[Record]
) -> list[tuple[int, dict[str, str]]]:
    """What matched patients lack: the card, mobile or other phone the file gives, an
    earlier first visit (as the patients are now; `write` checks again as it writes)."""
    matched = {p.pid: p for p in people if not p.new}
    fills = []
    for pid, card, mobile, mobile2, first_visit in db.execute(
        "SELECT id, card_no, mobile, mobile2, first_visit FROM patients"
    ):
        person = matched.get(pid)
        if person is None:
            continue
        current = {"card_no": card, "mobile": mobile, "mobile2": mobile2}
        changes = {k: v for k, v in person.fill.items() if current[k] is None}
        first = min(records[i].date for i in person.rows)
        if first_visit is None or first < first_visit:
            changes["first_visit"] = first
        if changes:
            fills.append((pid, changes))
    return fills


def _fill(db: Database, pid: int, changes: dict[str, str], now: str) -> None:
    """Set what a matched patient lacks, each only if still lacking (another person may
    have filled it since `prepare`); a filled card or mobile is audited."""
    applied = {}
    for column, value in changes.items():
        lacking = f"({column} IS NULL OR {column} > ?)" if column == "first_visit" else (
            f"{column} IS NULL")  # fmt: skip
        params = [value, now, pid] + ([value] if column == "first_visit" else [])
        cursor = db.execute(
            f"UPDATE patients SET {column} = ?, updated_at = ? WHERE id = ? AND {lacking}", params
        )
        if cursor.rowcount:
            applied[column] = value
    if set(applied) - {"first_visit"}:
        audit.record(db, "import", "patient", pid, {"filled": applied})


def _staff(db: Database, names: list[str], now: str) -> dict[str, int]:
    db.conn.executemany(
        "INSERT OR IGNORE INTO staff (name, role, created_at) VALUES (?, 'other', ?)",
        [(name, now) for name in names],
    )
    return {name: sid for sid, name in db.execute("SELECT id, name FROM staff")}
