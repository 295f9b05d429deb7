"""Writing an import: prepared beforehand, then written in short steps, or not at all.

`prepare` does everything that can be done before the write lock is taken (pinyin of
new names, fingerprints, what matched patients lack), against a `snapshot` of the
patients. The steps then only write, each in its own short transaction, so that others
can write in between: `begin` (the batch, new staff, the last new patient),
`write_patients`, `write_charges`, and `finish` (what matched patients lack; the batch
is done). A failure in between is undone by `clinicdesk.core.db.unfinished.undo_batch`.
If the patients changed before `begin` (another connection added one, or gave one a
card the file would create), the rows are matched again under the lock, so nothing is
duplicated and nothing another person saved is lost.

Each charge carries a fingerprint (patient, date, item, category, amount, staff, and
which occurrence of that same line in the file it is). A unique index on it makes a
second import of the same rows add nothing, and a later, overlapping export add only
its new rows; two identical lines in one file stay two charges.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from operator import attrgetter, itemgetter, methodcaller

import numpy as np
from sqlite_utils import Database

from clinicdesk.core.db import audit, immediate, unfinished
from clinicdesk.core.db.bulk import deferred_indexes
from clinicdesk.core.db.schema import search_keys
from clinicdesk.core.importer import known
from clinicdesk.core.importer.identity import Person
from clinicdesk.core.importer.parse import Record
from clinicdesk.core.perf import counted, in_slices, mapped, slices
from clinicdesk.core.pinyin import name_pinyin
from clinicdesk.core.values import now_iso

_CHUNK = 5_000  # charges a step: about 0.1 s under the lock at 100,000 patients
_BULK_PATIENTS = 200  # new patients from which the search index is filled in one pass
_PATIENTS = 1_000  # new patients a step: about 0.1 s under the lock at 100,000 patients
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
        known: the file's charges left out, as an earlier import of the same file wrote
            them (see `known`): duplicates.
        held: how many charges those imports held when it was prepared.
    """

    snapshot: tuple[int, int]
    patients: list[tuple[object, ...]]
    fills: list[tuple[int, dict[str, str]]]
    staff: list[str]
    charges: list[Charge]
    created: int
    matched: int
    known: int = 0
    held: int = 0


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
    file_hash: str = "",
) -> Load:
    """Everything the steps need, from the people `resolve` found when the patients were
    as `taken` (see `snapshot`); assigns the new patients' ids. The charges that earlier
    imports of the file with `file_hash` wrote are left out (`known`)."""
    # Each list a slice at a time (`mapped`): one list(map(...)) of C calls over 100,000
    # records holds the GIL, and the window's thread waits, 20-100 ms a list.
    dates, items, categories, amounts, staff, notes = (
        mapped(attrgetter(name), records)
        for name in ("date", "item", "category", "amount_fen", "staff", "note")
    )
    patients = _new_patients(people, dates, unnamed, taken[0])
    owner = [0] * len(records)
    for person in people:
        for index in person.rows:
            owner[index] = person.pid
    keys = _fingerprints(mapped("{}|{}|{}|{}|{}|{}".format, owner, dates, items, categories,
                                amounts, staff))  # fmt: skip
    charges = in_slices(zip(owner, dates, [item or no_item for item in items], categories,
                            amounts, staff, notes, keys, strict=True))  # fmt: skip
    there, held = known.held(db, file_hash)
    if there:
        charges = [charge for charge in charges if charge[7] not in there]
    _by_date_and_patient(charges)
    return Load(taken, patients, _fills(db, people, records),
                list(dict.fromkeys(filter(None, staff))), charges,
                sum(p.new for p in people), sum(not p.new for p in people),
                len(records) - len(charges), held)  # fmt: skip


def _by_date_and_patient(charges: list[Charge]) -> None:
    """Sort the charges by date, then patient, as idx_charges_date holds them: two stable
    sorts on one field each (0.68-0.70 s of CPU for 1,000,000 charges) rather than one on
    a key pair (1.64-1.79 s), which makes a tuple a charge and compares them by field."""
    charges.sort(key=itemgetter(0))
    charges.sort(key=itemgetter(1))


def _fingerprints(bases: list[str]) -> list[int]:
    """The fingerprint of each charge line: its `base` text and which occurrence of that
    same text in the file it is ("…#1", "…#2"), as `_key`. Most lines occur once: only
    the repeated ones are counted one by one."""
    times = counted(bases)
    texts = mapped("{}#1".format, bases)
    if len(times) < len(bases):
        seen: dict[str, int] = {}
        for index, base in enumerate(bases):
            if times[base] > 1:
                seen[base] = seen.get(base, 0) + 1
                texts[index] = f"{base}#{seen[base]}"
    return _keys(texts)


@dataclass(frozen=True, slots=True)
class Begun:
    """An import's first step, committed: its batch (still 'writing'), the staff ids,
    and the rows of the new patients still to write (`write_patients`)."""

    batch_id: int
    staff: dict[str, int]
    patients: list[tuple[object, ...]]


def cards_taken(db: Database, load: Load) -> bool:
    """Whether a card one of the new patients would get was given to someone since the
    rows were matched (card numbers are unique): one index look-up per card."""
    cards = [row[6] for row in load.patients if row[6]]
    return (
        cards != []
        and db.execute(
            "SELECT 1 FROM patients WHERE card_no IN (SELECT value FROM json_each(?)) LIMIT 1",
            [json.dumps(cards)],
        ).fetchone()
        is not None
    )


def begin(db: Database, load: Load, batch: Mapping[str, object]) -> Begun:
    """The first step (call inside its transaction): the batch, marked 'writing' with the
    ids of what it creates, the new staff names, and the new patient with the largest id.

    The new patients' ids follow the largest there was; with the last of them written
    first, a patient someone saves between two steps takes an id after all of them."""
    now = now_iso()
    staff_before = db.execute("SELECT coalesce(max(id), 0) FROM staff").fetchone()[0]
    rows_before = json.dumps(unfinished.rows_before(db, "staff"))
    batch_id = _batch(db, batch, now)
    patients = [(*row, batch["source"], now, now) for row in load.patients]
    _insert_patients(db, patients[-1:])
    staff = _staff(db, load.staff, now)
    first, last = (load.patients[0][0], load.patients[-1][0]) if load.patients else (None, None)
    db.execute(
        "UPDATE import_batches SET state = 'writing', patients_from = ?, patients_to = ?,"
        " staff_from = ?, staff_to = (SELECT max(id) FROM staff), rows_before = ? WHERE id = ?",
        [first, last, staff_before + 1, rows_before, batch_id],
    )
    return Begun(batch_id, staff, patients[:-1])


@contextmanager
def step(db: Database) -> Iterator[None]:
    """One step's transaction; inside a caller's transaction (a command holding the clinic
    lock writes every step in one), none: the caller's rollback undoes every step, and a
    savepoint a step cost 15 s of CPU instead of 11 s for 1,000,000 charges."""
    if db.conn.in_transaction:
        yield
        return
    with immediate(db):
        yield


def write_patients(
    db: Database, begun: Begun, check: Callable[[float], None], between: Callable[[], None]
) -> None:
    """The other new patients, `_PATIENTS` a step, each its own transaction (`between`
    after each; see `step`)."""
    for start in range(0, len(begun.patients), _PATIENTS):
        check(0.0)
        with step(db):
            _insert_patients(db, begun.patients[start : start + _PATIENTS])
        between()


def write_charges(
    db: Database,
    load: Load,
    begun: Begun,
    check: Callable[[float], None],
    between: Callable[[], None],
) -> int:
    """The charges, `_CHUNK` a step, each step its own transaction (`between` runs after
    each: others may write then; see `step`); returns how many were new (not already
    there)."""
    now, imported = now_iso(), 0
    with _indexes_after(db, load.charges) as (charges, unique):
        for start in range(0, len(charges), _CHUNK):
            check(start / len(charges))
            rows = [(pid, date, item, category, amount, begun.staff.get(name or ""), note,
                     begun.batch_id, key, now) for pid, date, item, category, amount, name,
                    note, key in charges[start : start + _CHUNK]]  # fmt: skip
            with step(db):
                before = db.conn.total_changes
                _insert(db, rows, unique)
                imported += db.conn.total_changes - before
            between()
    return imported


_KEY_INDEX = "idx_charges_import_key"


@contextmanager
def _indexes_after(db: Database, charges: list[Charge]) -> Iterator[tuple[list[Charge], bool]]:
    """The charges to write, and whether the unique fingerprint index is there.

    In a caller's one transaction, more charges than the file holds (its largest charge
    id) get the charges' indexes built after them, one sorted pass each
    (`bulk.deferred_indexes`), not entry by entry: 1,000,000 charges into an empty
    clinic in 7.0 s of CPU instead of 10.3 s. The unique fingerprint index, which tells
    duplicates, is built after them too (a random B-tree insert a charge: 6.3 s of
    inserting 1,000,000 charges with it, 3.4 s and 0.7 s to build it after): the
    charges whose fingerprint the file holds already, or that an earlier charge of the
    same write has, are left out first, as its ``ON CONFLICT`` would have skipped them.
    Into a larger file, rebuilding them would cost more than it saves."""
    held = db.execute("SELECT coalesce(max(id), 0) FROM charges").fetchone()[0]
    if not db.conn.in_transaction or len(charges) <= held:
        yield charges, True
        return
    (key_index,) = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", [_KEY_INDEX]
    ).fetchone()
    with deferred_indexes(db, ("charges",)):
        fresh = _unseen(db, charges)
        db.execute(f"DROP INDEX {_KEY_INDEX}")
        yield fresh, False
        db.execute(key_index)


def _unseen(db: Database, charges: list[Charge]) -> list[Charge]:
    """`charges` but those whose fingerprint the file holds or an earlier one of them has
    (what the unique index would refuse): at most as many fingerprints read as charges
    written, through the index itself."""
    seen = {key for (key,) in db.execute(
        f"SELECT import_key FROM charges INDEXED BY {_KEY_INDEX} WHERE import_key IS NOT NULL"
    )}  # fmt: skip
    keys = mapped(itemgetter(7), charges)
    if not seen and len(set(keys)) == len(keys):
        return charges  # the usual case: an empty file, every fingerprint its own
    out = []
    for charge, key in zip(charges, keys, strict=True):
        if key not in seen:
            seen.add(key)
            out.append(charge)
    return out


def finish(
    db: Database, load: Load, begun: Begun, imported: int, rows: int, rejected: int
) -> Written:
    """The last step (call inside its transaction): what matched patients lack, and the
    batch's counts; the batch is 'done'."""
    now = now_iso()
    for pid, changes in load.fills:
        _fill(db, pid, changes, now)
    db.execute(
        "UPDATE import_batches SET state = 'done', rows_total = ?, rows_imported = ?,"
        " rows_rejected = ?, patients_created = ? WHERE id = ?",
        [rows, imported, rejected, load.created, begun.batch_id],
    )
    return written_by(load, begun, imported)


def written_by(load: Load, begun: Begun, imported: int) -> Written:
    """What an import wrote, once `imported` of its charges were new."""
    return Written(begun.batch_id, imported, len(load.charges) + load.known - imported,
                   load.created, load.matched)  # fmt: skip


def _insert_patients(db: Database, rows: list[tuple[object, ...]]) -> None:
    """Insert new patients; many at once with their search entries written in one pass.

    The search index's trigger costs about 80 µs a patient (0.4 s for 5,000 new patients,
    under the write lock); one INSERT ... SELECT for all of them about 6 µs. So for many
    patients the trigger is set aside inside this same transaction (a failure or a
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
        " FROM patients WHERE id BETWEEN ? AND ?",
        [rows[0][0], rows[-1][0]],
    )
    db.execute(trigger)


def _key(text: str) -> int:
    # A stable 64-bit fingerprint (Python's hash() changes between runs).
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big",
                          signed=True)  # fmt: skip


_DIGEST = partial(hashlib.blake2b, digest_size=8)


def _keys(texts: list[str]) -> list[int]:
    """`_key` of each text, through C calls only (encode, hash, digest; NumPy reads the
    digests as big-endian signed integers), a slice at a time: 1,000,000 fingerprints in
    0.6 s of CPU where calling `_key` took 1.5 s."""
    digests = map(methodcaller("digest"), map(_DIGEST, map(str.encode, texts)))
    out: list[int] = []
    for chunk in slices(digests):
        out.extend(np.frombuffer(b"".join(chunk), dtype=">i8").tolist())
    return out


def _insert(db: Database, rows: Sequence[tuple[object, ...]], unique: bool = True) -> None:
    # Only a fingerprint already there is skipped (a duplicate); a row a CHECK or NOT NULL
    # refuses fails the write (OR IGNORE would drop it silently, counted as a duplicate).
    # Without the unique index (`unique` False, see `_indexes_after`) duplicates were
    # left out already.
    db.conn.executemany(_INSERT + _SKIP_KNOWN if unique else _INSERT, rows)


_INSERT = (
    "INSERT INTO charges (patient_id, date, item, category, amount_fen, staff_id, note,"
    " batch_id, import_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_SKIP_KNOWN = " ON CONFLICT (import_key) WHERE import_key IS NOT NULL DO NOTHING"


def _batch(db: Database, batch: Mapping[str, object], now: str) -> int:
    cursor = db.execute(
        "INSERT INTO import_batches (file_name, file_hash, imported_at) VALUES (?, ?, ?)",
        [batch["file_name"], batch["file_hash"], now],
    )
    return int(cursor.lastrowid or 0)


def _new_patients(
    people: list[Person], dates: list[str], unnamed: Callable[[Person], str], top: int
) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for offset, person in enumerate(p for p in people if p.new):
        person.pid = top + 1 + offset
        name = person.name or unnamed(person)
        full, initials = name_pinyin(name)
        first = min(map(dates.__getitem__, person.rows))
        rows.append((person.pid, name, full, initials, person.mobile, person.landline,
                     person.card, first))  # fmt: skip
    return rows


def _fills(
    db: Database, people: list[Person], records: list[Record]
) -> list[tuple[int, dict[str, str]]]:
    """What matched patients lack: the card, mobile or other phone the file gives, an
    earlier first visit (as the patients are now; `finish` checks again as it writes)."""
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
        cursor = db.execute(  # OR IGNORE: a card someone else was given meanwhile stays theirs
            f"UPDATE OR IGNORE patients SET {column} = ?, updated_at = ? WHERE id = ?"
            f" AND {lacking}",
            params,
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
