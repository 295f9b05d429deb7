"""What the engine reads from the clinic file: every patient's charges, as NumPy arrays.

One GROUP BY over the covering index ``idx_charges_patient_facts`` returns, per patient,
the dates of all their charges packed as fixed-width text and their amounts; NumPy
turns them into arrays (a Python object per patient, none per charge). The facts do not
depend on the engine's parameters, except for the category of each patient's last visit
up to the period's end, which one indexed lookup per patient gives (`with_categories`).
So facts read once serve any period, measure or cut-offs while the data is unchanged
(`FactsCache`). Everything is read in one snapshot (a read transaction).

Days are date ordinals (``datetime.date.toordinal()``) as ``int32``; money is fen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import numpy as np
from sqlite_utils import Database

# group_concat's order is not documented, but both aggregates step over the same rows in
# one pass, so dates and amounts stay aligned; `_charges` sorts the days when the scan
# did not return them in date order (it does over the covering index: a test pins it).
CHARGES_SQL = """
SELECT patient_id, group_concat(date, ''), group_concat(amount_fen)
FROM charges GROUP BY patient_id
"""
# The category of the last visit day up to :to (a charge that is not a refund); of
# several charges that day, the smallest one's (what the one-pass GROUP BY of earlier
# versions gave). Two index seeks per patient.
PATIENTS_SQL = """
SELECT p.id, coalesce(p.referred_by, 0),
       (SELECT c.category FROM charges c
        WHERE c.patient_id = p.id AND c.amount_fen >= 0 AND c.date =
              (SELECT max(d.date) FROM charges d
               WHERE d.patient_id = p.id AND d.date <= :to AND d.amount_fen >= 0)
        ORDER BY c.amount_fen, c.category LIMIT 1)
FROM patients p WHERE p.archived = 0 ORDER BY p.id
"""
_DATE_WIDTH = len("2025-01-31")
_EMPTY_I64 = np.zeros(0, np.int64)


@dataclass(frozen=True, slots=True, eq=False)
class Visits:
    """Every patient's distinct visit days (a charge that is not a refund) up to a day,
    in CSR form: patient ``ids[i]``'s days are ``days[starts[i]:starts[i + 1]]``,
    ascending. What a lifetime-value model reads as x (visits - 1), t_x and T.

    Attributes:
        starts: ``len(ids) + 1`` offsets into `days` and `owner`.
        days: the visit days as date ordinals (``int32``).
        owner: for each entry of `days`, the patient's position in ``ids``.
    """

    starts: np.ndarray
    days: np.ndarray
    owner: np.ndarray

    @property
    def count(self) -> np.ndarray:
        """Visit days per patient."""
        return np.diff(self.starts)


@dataclass(frozen=True, slots=True, eq=False)
class Facts:
    """Per-patient facts as NumPy arrays, position i describing patient ``ids[i]``.

    Only patients who are not archived are here. Their charges are grouped by patient,
    by day within a patient: patient i's are ``day[starts[i]:starts[i + 1]]``.

    Attributes:
        ids: patient ids, ascending (``int64``).
        referred_by: the referrer's id, 0 for none (also when the referrer is archived).
        starts: ``len(ids) + 1`` offsets into the charge arrays.
        day, amount, owner: each charge's day (ordinal), amount (fen, negative for a
            refund) and patient position.
        last_category: the item category of each patient's last visit up to
            `categories_as_of`, or None.
        categories_as_of: the day `last_category` was read for (the period's end).
        previous_tiers: each patient's tier at the latest saved run.
        previous_codes: the same per position in `ids`: 0, 1, 2 for A, B, C, -1 for none.
        previous_run_id: that run's id, or None when no run was saved.
    """

    ids: np.ndarray
    referred_by: np.ndarray
    starts: np.ndarray
    day: np.ndarray
    amount: np.ndarray
    owner: np.ndarray
    last_category: tuple[str | None, ...]
    categories_as_of: dt.date
    previous_tiers: dict[int, str]
    previous_codes: np.ndarray
    previous_run_id: int | None

    def spend(self, start: dt.date | None = None, end: dt.date | None = None) -> np.ndarray:
        """Each patient's net spend (fen) over [start, end], both ends included (None:
        unbounded)."""
        keep = np.ones(len(self.day), bool)
        if start is not None:
            keep &= self.day >= start.toordinal()
        if end is not None:
            keep &= self.day <= end.toordinal()
        return _per_patient_sum(np.where(keep, self.amount, 0), self.owner, len(self.ids))

    def visits(self, end: dt.date) -> Visits:
        """Each patient's distinct visit days up to `end` (see `Visits`)."""
        last = end.toordinal()
        keep = (self.amount >= 0) & (self.day <= last)
        days, owner = self.day[keep], self.owner[keep]
        fresh = np.ones(len(days), bool)
        fresh[1:] = (days[1:] != days[:-1]) | (owner[1:] != owner[:-1])
        days, owner = days[fresh], owner[fresh]
        counts = np.bincount(owner, minlength=len(self.ids))
        starts = np.zeros(len(self.ids) + 1, np.int64)
        np.cumsum(counts, out=starts[1:])
        return Visits(starts, days, owner)


def load_facts(db: Database, as_of: dt.date) -> Facts:
    """Read the facts from the clinic file in one read snapshot; `as_of` is the day the
    last visits' categories are read for."""
    with db.atomic():  # one snapshot for every query below
        patients = db.execute(PATIENTS_SQL, {"to": as_of.isoformat()}).fetchall()
        grouped = db.execute(CHARGES_SQL).fetchall()
        previous_run_id, previous = _previous_tiers(db)
    ids, referred_by, categories = _patient_columns(patients)
    starts, day, amount, owner = _charges(ids, grouped)
    return Facts(ids, referred_by, starts, day, amount, owner, categories, as_of, previous,
                 _codes(ids, previous), previous_run_id)  # fmt: skip


def with_categories(db: Database, facts: Facts, as_of: dt.date) -> Facts:
    """`facts` with the last visits' categories read again for another period's end."""
    patients = db.execute(PATIENTS_SQL, {"to": as_of.isoformat()}).fetchall()
    ids, _, categories = _patient_columns(patients)
    if not np.array_equal(ids, facts.ids):
        raise ValueError("the patients changed since the facts were read")
    return dataclasses.replace(facts, last_category=categories, categories_as_of=as_of)


def ordinals(packed: bytes) -> np.ndarray:
    """ISO dates packed end to end (``b"2025-01-312025-02-01"``) as date ordinals."""
    text = np.frombuffer(packed, np.uint8).reshape(-1, _DATE_WIDTH)

    def number(first: int, last: int) -> np.ndarray:
        value = np.zeros(len(text), np.int32)
        for column in range(first, last):
            value *= 10
            value += text[:, column]
            value -= 48
        return value

    year, month, day = number(0, 4), number(5, 7), number(8, 10)
    low = int(year.min()) if len(year) else 1
    years = np.arange(low, int(year.max()) + 2 if len(year) else 2)
    first_of_year = np.array([dt.date(y, 1, 1).toordinal() for y in years[:-1].tolist()], np.int32)
    leap = (years[:-1] % 4 == 0) & ((years[:-1] % 100 != 0) | (years[:-1] % 400 == 0))
    year -= low
    return first_of_year[year] + _BEFORE_MONTH[leap[year].astype(np.int8), month] + day - 1


# Days in the year before the first of each month (index 1-12), common and leap years.
_BEFORE_MONTH = np.array(
    [[0, *np.cumsum([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30]).tolist()],
     [0, *np.cumsum([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30]).tolist()]],
    np.int32,
)  # fmt: skip


def _patient_columns(
    patients: list[tuple[int, int, str | None]],
) -> tuple[np.ndarray, np.ndarray, tuple[str | None, ...]]:
    if not patients:
        return _EMPTY_I64, _EMPTY_I64, ()
    ids, referrers, categories = zip(*patients, strict=True)
    id_array = np.array(ids, np.int64)
    referred = np.array(referrers, np.int64)
    referred[~np.isin(referred, id_array)] = 0  # archived (or missing) referrers
    return id_array, referred, tuple(categories)


def _charges(
    ids: np.ndarray, grouped: list[tuple[int, str, str]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The CSR charge arrays of the patients in `ids`, from the grouped query's rows."""
    pids = np.array([r[0] for r in grouped], np.int64)
    keep = np.isin(pids, ids)  # archived patients' charges are left out
    if not keep.all():
        grouped = [r for r, k in zip(grouped, keep.tolist(), strict=True) if k]
        pids = pids[keep]
    day = ordinals("".join(r[1] for r in grouped).encode("ascii"))
    amount = np.fromstring(",".join(r[2] for r in grouped), dtype=np.int64, sep=",")
    if len(day) != len(amount):
        raise ValueError("charge dates and amounts are not aligned")
    counts = np.zeros(len(ids), np.int64)
    counts[np.searchsorted(ids, pids)] = [len(r[1]) // _DATE_WIDTH for r in grouped]
    starts = np.zeros(len(ids) + 1, np.int64)
    np.cumsum(counts, out=starts[1:])
    owner = np.repeat(np.arange(len(ids), dtype=np.int32), counts)
    if len(day) > 1 and bool(np.any((np.diff(day) < 0) & (np.diff(owner) == 0))):
        order = np.lexsort((day, owner))
        day, amount = day[order], amount[order]
    return starts, day, amount, owner


def _per_patient_sum(values: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    """Exact integer sums of `values` per patient position (`owner` sorted)."""
    out = np.zeros(n, np.int64)
    if len(values):
        firsts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        out[owner[firsts]] = np.add.reduceat(values, firsts)
    return out


def _codes(ids: np.ndarray, tiers: dict[int, str]) -> np.ndarray:
    """Tier letters by patient id as codes per position in `ids` (-1 for none)."""
    codes = np.full(len(ids), -1, np.int8)
    if tiers and len(ids):
        pids = np.fromiter(tiers, np.int64, len(tiers))
        letters = np.array(list(tiers.values()))
        position = np.minimum(np.searchsorted(ids, pids), len(ids) - 1)
        found = ids[position] == pids
        codes[position[found]] = np.searchsorted(np.array(["A", "B", "C"]), letters[found])
    return codes


def _previous_tiers(db: Database) -> tuple[int | None, dict[int, str]]:
    row = db.execute("SELECT max(id) FROM tier_runs").fetchone()
    if row[0] is None:
        return None, {}
    rows = db.execute("SELECT patient_id, tier FROM tier_assignments WHERE run_id = ?", [row[0]])
    return int(row[0]), dict(rows.fetchall())
