"""Reading the engine's facts from the clinic file: four queries, arrays out.

- The patients (not archived) and their referrers.
- The charges: one pass over the covering index ``idx_charges_patient_facts``, in its
  order (by patient, by day), every charge's patient id and amount as numbers and its
  date as fixed-width text, concatenated by SQLite over a part of the patients (`PART`
  of them): Python receives three long strings rather than a row per charge, and NumPy
  unpacks them (`ordinals`, ``np.fromstring``). No GROUP BY: its per-patient strings
  and their second concatenation cost a quarter of the read.
- The tiers of the last saved run.
- The category of each patient's last visit up to the period's end: the day is known
  from the charges, so it is one index seek per patient (`with_categories`).

Everything is read in one snapshot (a read transaction). A second connection on a
thread of its own reads about half of the charges' parts and of the categories, in the
same snapshot (see `beside`; when it cannot be sure of that, the first reads it all).
Another period's end changes only the categories, and only of the patients whose last
visit up to it is another day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import queue
import sqlite3
from typing import NamedTuple

import numpy as np
from sqlite_utils import Database

from clinicdesk.core.segmentation.beside import Beside, one_snapshot
from clinicdesk.core.segmentation.columns import ByPatient, Coded
from clinicdesk.core.segmentation.facts import Facts
from clinicdesk.core.segmentation.tiers import TIERS

# group_concat's order is not documented, but the aggregates of one query step over the
# same rows in one pass, so ids, dates and amounts stay aligned; `_charges` sorts when
# the scan did not return patients and days in order (over the covering index it does:
# a test pins the plan).
CHARGES_SQL = """
SELECT CAST(group_concat(patient_id) AS BLOB), CAST(group_concat(date, '') AS BLOB),
       CAST(group_concat(amount_fen) AS BLOB)
FROM charges {span}
"""
PATIENTS_SQL = """
SELECT group_concat(id), group_concat(coalesce(referred_by, 0))
FROM (SELECT id, referred_by FROM patients
      WHERE archived = 0 AND id BETWEEN :lo AND :hi ORDER BY id)
"""
# The category of given visits (a patient's last visit day: a charge on it that is not a
# refund), each packed as patient id << 32 | day ordinal (a day ordinal + 1721424.5 is
# the Julian day date() takes); of several charges that day, the smallest one's (what
# the one-pass GROUP BY of earlier versions gave). One index seek each. Each category
# comes as a token, "" for none and otherwise `_MARK` then the name (so that an empty
# name is not none), all in one string, `_SEPARATOR` between them (`CATEGORY_ROWS_SQL`,
# a row each, when a name holds the separator), in the order json_each walks the array:
# the visits' order (a sort by key, and a row and a string per visit, were a quarter of
# the query).
_MARK, _SEPARATOR = ">", "\x1f"
_TOKEN = f"CASE WHEN c.category IS NULL THEN '' ELSE '{_MARK}' || c.category END"
_CATEGORY = f"""(SELECT {_TOKEN} FROM charges c
        WHERE c.patient_id = v.value >> 32 AND c.amount_fen >= 0
          AND c.date = date((v.value & 4294967295) + 1721424.5)
        ORDER BY c.amount_fen, c.category LIMIT 1)"""
CATEGORY_SQL = (
    f"SELECT group_concat({_CATEGORY}, char({ord(_SEPARATOR)})) FROM json_each(:visits) v"
)
CATEGORY_ROWS_SQL = f"SELECT {_CATEGORY} FROM json_each(:visits) v ORDER BY v.key"
PREVIOUS_SQL = """
SELECT r.id, group_concat(a.patient_id), group_concat(a.tier, '')
FROM tier_runs r LEFT JOIN tier_assignments a ON a.run_id = r.id
WHERE r.id = (SELECT max(id) FROM tier_runs)
"""
SPAN = "WHERE patient_id BETWEEN :lo AND :hi"
# Patients read per part: SQLite's strings of one part stay a few MB (at 300,000 patients
# whole ones peaked at 370 MB; 10,000 rather than 20,000 a part: a fifth fewer fresh pages
# touched, as the allocator reuses the smaller blocks), and the arrays of the parts are
# joined once.
PART = 10_000
_DATE_WIDTH = len("2025-01-31")
_NEVER = dt.date.min  # nobody has a visit up to it: every category is read


class _Part(NamedTuple):
    """What one range of patients read: the patients, their charges (the patient of each
    run of charges and its length, rather than each charge's patient) and the categories
    of their last visits up to the period's end (None when its charges did not come in
    order: read later for the whole)."""

    ids: np.ndarray
    referred_by: np.ndarray
    runs: np.ndarray  # each run of charges' patient
    counts: np.ndarray  # its number of charges
    day: np.ndarray
    amount: np.ndarray
    visits: np.ndarray  # the last visits, packed as in `CATEGORY_SQL`
    tokens: list[str] | None  # their categories' tokens


_ARRAYS = _Part._fields[:6]  # the fields joined over the parts


def load_facts(db: Database, as_of: dt.date, other: Beside | None = None) -> Facts:
    """Read the facts from the clinic file in one read snapshot; `as_of` is the day the
    last visits' categories are read for. A second reader reads part of it meanwhile:
    `other`, following the read transaction `db` is in (`one_snapshot`), or else one of
    its own when it can have one."""
    if other is not None:
        return _load(db, as_of, other)
    with one_snapshot(db) as mine:
        return _load(db, as_of, mine)


def _load(db: Database, as_of: dt.date, other: Beside | None) -> Facts:
    with db.atomic():  # one snapshot for every query below
        low, high = db.execute("SELECT min(id), max(id) FROM patients").fetchone()
        parts = _read_parts(db.conn, other, _ranges(low, high), as_of)
        previous = db.execute(PREVIOUS_SQL).fetchone()
        return with_categories(db, _assemble(parts, previous, as_of), as_of, other)


def _ranges(low: int | None, high: int | None) -> list[tuple[int, int]]:
    """Ranges of patient ids, `PART` ids each, from `low` to `high` (None: no patients)."""
    if low is None or high is None:
        return []
    return [(lo, min(lo + PART - 1, high)) for lo in range(low, high + 1, PART)]


def _read_parts(
    conn: sqlite3.Connection, other: Beside | None, ranges: list[tuple[int, int]], as_of: dt.date
) -> list[_Part]:
    """The parts of `ranges`, in order, each read by whichever reader is free first."""
    todo: queue.SimpleQueue[tuple[int, int]] = queue.SimpleQueue()
    for span in ranges:
        todo.put(span)
    theirs = other.submit(lambda c: _take(c, todo, as_of)) if other is not None else None
    parts = _take(conn, todo, as_of)
    parts.update((theirs.result() if theirs is not None else None) or {})
    return [parts[lo] for lo, _ in ranges]


def _take(
    conn: sqlite3.Connection, todo: queue.SimpleQueue[tuple[int, int]], as_of: dt.date
) -> dict[int, _Part]:
    """Read the ranges left in `todo` until none is: the parts, by their first id."""
    parts: dict[int, _Part] = {}
    while True:
        try:
            low, high = todo.get_nowait()
        except queue.Empty:
            return parts
        parts[low] = _read_part(conn, low, high, as_of)


def _read_part(conn: sqlite3.Connection, low: int, high: int, as_of: dt.date) -> _Part:
    """The patients with ids from `low` to `high`, their charges, as arrays, and the
    categories of their last visits up to `as_of`."""
    params = {"lo": low, "hi": high}
    patients = conn.execute(PATIENTS_SQL, params).fetchone()
    packed = conn.execute(CHARGES_SQL.format(span=SPAN), params).fetchone()
    ids, day, amount = numbers(patients[0]), ordinals(packed[1] or b""), numbers(packed[2])
    runs, counts, day, amount = _of_patients(ids, *_runs(numbers(packed[0])), day, amount)
    visits = _last_visits(runs, counts, day, amount, as_of)
    tokens = None if visits is None else _categories(conn, visits) if len(visits) else []
    return _Part(ids, numbers(patients[1]), runs, counts, day, amount,
                 np.zeros(0, np.int64) if visits is None else visits, tokens)  # fmt: skip


def _of_patients(
    ids: np.ndarray, runs: np.ndarray, counts: np.ndarray, day: np.ndarray, amount: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The runs of charges (see `_runs`), days and amounts of the patients in `ids` only
    (archived patients' charges are left out, a part at a time)."""
    if len(day) != len(amount) or len(day) != counts.sum():
        raise ValueError("charge dates and amounts are not aligned")
    keep = _among(runs, ids)
    if keep.all():
        return runs, counts, day, amount
    charge_kept = np.repeat(keep, counts)
    return runs[keep], counts[keep], day[charge_kept], amount[charge_kept]


def _last_visits(
    runs: np.ndarray, counts: np.ndarray, day: np.ndarray, amount: np.ndarray, as_of: dt.date
) -> np.ndarray | None:
    """Each patient's last visit up to `as_of` (a charge that is not a refund), packed as
    in `CATEGORY_SQL`, by patient; None when the charges do not come by patient and day
    (`runs` and `counts`: see `_runs`)."""
    ends = np.cumsum(counts)
    if not _in_order(runs, day, ends[:-1]):
        return None
    kept = np.flatnonzero((amount >= 0) & (day <= as_of.toordinal()))
    if not len(kept):
        return np.zeros(0, np.int64)
    at = np.searchsorted(kept, ends) - 1  # each run's last kept charge, if in the run
    last = kept[np.maximum(at, 0)]
    found = (at >= 0) & (last >= ends - counts)
    return (runs[found] << 32) | day[last[found]]


def _assemble(
    parts: list[_Part], previous: tuple[int | None, str | None, str | None] | None, as_of: dt.date
) -> Facts:
    """The facts from the parts read (emptied on the way: their arrays are freed before
    the history is derived), with the categories they read as of `as_of` (none read yet,
    as of `_NEVER`, when a part has none)."""
    ids, referred_by, *charges = [_joined([getattr(p, f) for p in parts]) for f in _ARRAYS]
    codes, names, read_as_of = _part_categories(parts, ids, as_of)
    parts.clear()
    referred_by[~_among(referred_by, ids)] = 0  # archived (or missing) referrers
    starts, day, amount, owner = _charges(ids, *charges)
    del charges
    run_id, previous_tiers = _previous(previous)
    return Facts.of(
        ids=ids, referred_by=referred_by, starts=starts, day=day, amount=amount, owner=owner,
        category_codes=codes, category_names=names, categories_as_of=read_as_of,
        previous_tiers=previous_tiers, previous_codes=_codes(ids, previous_tiers),
        previous_run_id=run_id,
    )  # fmt: skip


def _part_categories(
    parts: list[_Part], ids: np.ndarray, as_of: dt.date
) -> tuple[np.ndarray, tuple[str, ...], dt.date]:
    """The category codes per position in `ids`, their names and the day they are of,
    from the parts' categories (none when a part has none: as of `_NEVER`)."""
    codes = np.full(len(ids), -1, np.int32)
    if any(p.tokens is None for p in parts):
        return codes, (), _NEVER
    found, names = _category_codes([t for p in parts for t in p.tokens or ()], ())
    codes[np.searchsorted(ids, _joined([p.visits for p in parts]) >> 32)] = found
    return codes, names, as_of


def _joined(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.zeros(0, np.int64)


def with_categories(
    db: Database, facts: Facts, as_of: dt.date, other: Beside | None = None
) -> Facts:
    """`facts` with the last visits' categories as of another period's end: read again
    for the patients whose last visit up to it is not the one they were read for (half
    of them by `other`, when given and in the same snapshot)."""
    history = facts.history
    day = history.last_visit(as_of)
    moved = day != history.last_visit(facts.categories_as_of)
    codes, names = facts.category_codes.copy(), facts.category_names
    codes[moved & (day < 0)] = -1
    ask = moved & (day >= 0)
    if ask.any():
        visits = (facts.ids[ask] << 32) | day[ask]
        found, names = _category_codes(_halves(db.conn, other, visits), names)
        codes[ask] = found
    return dataclasses.replace(facts, category_codes=codes, category_names=names,
                               categories_as_of=as_of)  # fmt: skip


def _halves(conn: sqlite3.Connection, other: Beside | None, visits: np.ndarray) -> list[str]:
    """The category tokens of `visits`, the first half read by `other` meanwhile."""
    half = len(visits) // 2 if other is not None else 0
    theirs = None
    if other is not None and half:
        theirs = other.submit(lambda c: _categories(c, visits[:half]))
    tokens = _categories(conn, visits[half:])
    first = theirs.result() if theirs is not None else []
    if first is None:  # not the same snapshot: read here
        first = _categories(conn, visits[:half])
    return first + tokens


def ordinals(packed: bytes) -> np.ndarray:
    """ISO dates packed end to end (``b"2025-01-312025-02-01"``) as date ordinals: each
    pair of digits is looked up as a 2-byte number (a few whole-array steps, not one
    per digit)."""
    count = len(packed) // _DATE_WIDTH
    if not count:
        return np.zeros(0, np.int32)

    def pair(at: int) -> np.ndarray:  # the number of each date's two digits at `at`
        return _PAIRS[np.ndarray((count,), "<u2", packed, at, (_DATE_WIDTH,))]

    year = pair(0).astype(np.int32) * 100 + pair(2)
    low = int(year.min())
    year -= low
    year *= len(_BEFORE_MONTH[0])
    year += pair(5)  # now the index of the year's month in `_month_starts`
    return _month_starts(low, low + int(year.max()) // len(_BEFORE_MONTH[0]))[year] + pair(8) - 1


def _month_starts(first: int, last: int) -> np.ndarray:
    """The ordinal of the day before each month (index 1-12) of the years `first` to
    `last`, 13 entries a year."""
    years = range(first, last + 1)
    leap = [int(y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) for y in years]
    begin = np.array([dt.date(y, 1, 1).toordinal() for y in years], np.int32)
    return (_BEFORE_MONTH[leap] + begin[:, None]).ravel()


# Days in the year before the first of each month (index 1-12), common and leap years.
_BEFORE_MONTH = np.array(
    [[0, *np.cumsum([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30]).tolist()],
     [0, *np.cumsum([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30]).tolist()]],
    np.int32,
)  # fmt: skip
# The number two ASCII digits make, by the little-endian 2-byte number they are.
_PAIRS = np.zeros(1 << 16, np.int16)
_PAIRS[[(48 + n % 10) << 8 | (48 + n // 10) for n in range(100)]] = np.arange(100)


def numbers(text: str | bytes | None) -> np.ndarray:
    """Comma-separated integers (None for none) as an int64 array."""
    if not text:
        return np.zeros(0, np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")


def _categories(conn: sqlite3.Connection, visits: np.ndarray) -> list[str]:
    """The category tokens of the given visits (see `CATEGORY_SQL`)."""
    given = {"visits": json.dumps(visits.tolist())}
    tokens = (conn.execute(CATEGORY_SQL, given).fetchone()[0] or "").split(_SEPARATOR)
    if len(tokens) == len(visits):
        return tokens
    return [r[0] or "" for r in conn.execute(CATEGORY_ROWS_SQL, given)]  # a name holds it


def _category_codes(
    tokens: list[str], names: tuple[str, ...]
) -> tuple[np.ndarray, tuple[str, ...]]:
    """Category tokens as codes into `names`, extended with the new ones (-1 for none)."""
    index = {"": -1, **{_MARK + n: i for i, n in enumerate(names)}}
    codes = [index.setdefault(t, len(index) - 1) for t in tokens]
    return np.array(codes, np.int32), tuple(t[len(_MARK) :] for t in index if t)


def _runs(pids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The runs of equal patient ids in each charge's patient: (the id, its count) each."""
    first = np.flatnonzero(np.diff(pids, prepend=pids[:1] - 1))
    return pids[first], np.diff(first, append=len(pids))


def _charges(
    ids: np.ndarray, pids: np.ndarray, counts: np.ndarray, day: np.ndarray, amount: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The CSR charge arrays of the patients in `ids`, from their charges (`pids` and
    `counts`: see `_runs`; see `_of_patients`)."""
    owner = np.repeat(np.searchsorted(ids, pids).astype(np.int32), counts)
    starts = np.zeros(len(ids) + 1, np.int64)
    np.cumsum(np.bincount(owner, minlength=len(ids)), out=starts[1:])
    if not _in_order(pids, day, starts[1:-1]):
        order = np.lexsort((day, owner))
        day, amount, owner = day[order], amount[order], owner[order]
    return starts, day, amount, owner


def _in_order(pids: np.ndarray, day: np.ndarray, begins: np.ndarray) -> bool:
    """Whether patients come in id order and each one's charges in day order (`begins`:
    where each patient's charges begin, but the first's)."""
    if bool(np.any(np.diff(pids) <= 0)):
        return False
    first = np.zeros(len(day) + 1, bool)
    first[begins] = True
    return bool(first[1 : len(day)][np.diff(day) < 0].all())  # only where a patient's begin


def _among(values: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Which of `values` are in `ids` (ascending)."""
    if not len(ids):
        return np.zeros(len(values), bool)
    at = np.minimum(np.searchsorted(ids, values), len(ids) - 1)
    return ids[at] == values


def _previous(
    row: tuple[int | None, str | None, str | None] | None,
) -> tuple[int | None, ByPatient[str]]:
    """The last saved run's id and tiers (codes into `TIERS`)."""
    if row is None or row[0] is None:
        return None, ByPatient(np.zeros(0, np.int64), Coded(np.zeros(0, np.int8), TIERS))
    pids = numbers(row[1])
    letters = np.frombuffer((row[2] or "").encode("ascii"), np.uint8)
    return int(row[0]), ByPatient(pids, Coded((letters - ord("A")).astype(np.int8), TIERS))


def _codes(ids: np.ndarray, tiers: ByPatient[str]) -> np.ndarray:
    """Tier codes per position in `ids` (-1 for none)."""
    codes = np.full(len(ids), -1, np.int8)
    pids, tier = tiers.arrays()
    if len(pids) and len(ids):
        position = np.minimum(np.searchsorted(ids, pids), len(ids) - 1)
        found = ids[position] == pids
        codes[position[found]] = tier[found]
    return codes
