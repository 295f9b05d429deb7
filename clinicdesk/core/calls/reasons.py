"""The reasons to call a patient, each with the day it became (or becomes) due.

Every finder returns `Batch`es of one reason: the patients and the day each reason is
due (a date ordinal), for reasons due up to `until` (the end of the forecast), so one
pass gives today's list and the days ahead. A batch says its reasons (`Batch.why`) only
for the patients listed. Whether a reason is still open (a call since handled it, the
patient was snoozed or is not answering) is decided by `plan`, from the call states.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from sqlite_utils import Database

from clinicdesk.core.calls.rules import CallRules
from clinicdesk.core.calls.state import DAY, TIERS, CallStates
from clinicdesk.core.segmentation.engine import SegmentationResult
from clinicdesk.core.segmentation.reading import numbers, ordinals

CALLBACK_DAYS_BACK = 30  # an agreed call-back nobody made stays on the list this long
NO_SHOW_DAYS_BACK = 7  # a missed appointment is followed up within a week
REACTIVATION_MAX_DAYS = 3 * 365  # older than this is a campaign, not a daily call
MAINTENANCE_WINDOW = 60  # days a maintenance item stays "due"; after that, reactivation


class Why(NamedTuple):
    """One reason of a listed patient, ready to be said.

    Attributes:
        key, params: its detail, a message of `clinicdesk.core.i18n` and its values.
        appointment_id: the appointment a confirmation or missed-appointment call is about.
        item: a recall's item and the date it was last had.
    """

    reason: str
    key: str
    params: dict[str, object]
    appointment_id: int | None = None
    item: tuple[str, str] | None = None


@dataclass(frozen=True)
class Batch:
    """Reasons of one kind: `patient_ids[i]` has one due on `due[i]`; `why(i)` says it."""

    reason: str
    patient_ids: np.ndarray
    due: np.ndarray
    why: Callable[[int], Why]


def _batch(reason: str, rows: list[tuple[int, int, Why]]) -> Batch:
    """A batch of reasons already said (the reasons few patients have)."""
    whys = [r[2] for r in rows]
    return Batch(reason, _ints([r[0] for r in rows]), _ints([r[1] for r in rows]), whys.__getitem__)


def _ints(values: object) -> np.ndarray:
    return np.asarray(values, dtype=np.int64)


def _iso(day: int) -> str:
    return dt.date.fromordinal(day).isoformat()


def callbacks(db: Database, today: int, until: int) -> Batch:
    """Call-backs agreed with the patient at the last call that reached them."""
    rows = db.execute(
        f"SELECT c.patient_id, {DAY.format('c.next_contact')}, c.next_contact FROM contacts c"
        " WHERE c.callback = 1 AND c.next_contact BETWEEN ? AND ? AND NOT EXISTS (SELECT 1"
        " FROM contacts d WHERE d.patient_id = c.patient_id AND d.contacted_at > c.contacted_at"
        " AND d.outcome <> 'no_answer')",
        [_iso(today - CALLBACK_DAYS_BACK), _iso(until)],
    )
    return _batch(
        "callback",
        [
            (pid, due, Why("callback", "calls.detail.callback", {"date": day}))
            for pid, due, day in rows
        ],
    )


def follow_ups(db: Database, today: int, until: int, rules: CallRules) -> Batch:
    """Post-procedure follow-ups due (and not done) in the last days or ahead."""
    rows = db.execute(
        f"SELECT patient_id, {DAY.format('date')}, title FROM care_dates"
        " WHERE kind = 'follow_up' AND done_at IS NULL AND date BETWEEN ? AND ?",
        [_iso(today - rules.recall_days_back), _iso(until)],
    )
    return _batch(
        "follow_up",
        [
            (pid, due, Why("follow_up", "calls.detail.follow_up", {"title": title}))
            for pid, due, title in rows
        ],
    )


def care(db: Database, today: int, until: int, rules: CallRules) -> Batch:
    """Birthdays and personal dates, due `care_days_ahead` days before the date."""
    ahead = rules.care_days_ahead
    days = [dt.date.fromordinal(n) for n in range(today, until + ahead + 1)]
    on = {d.strftime("%m-%d"): d.toordinal() for d in days}
    # 29 February falls on the 28th in other years (as lists.next_birthday has it).
    on.update(("02-29", d.toordinal()) for d in days if _leap_day_falls_on(d))
    marks = json.dumps(sorted(on))
    rows = [
        (pid, on[md] - ahead, Why("care", "calls.detail.birthday", {"date": md}))
        for pid, md in db.execute(
            "SELECT id, substr(birth_date, 6) FROM patients WHERE birth_date IS NOT NULL"
            " AND substr(birth_date, 6) IN (SELECT value FROM json_each(?))",
            [marks],
        )
    ]
    for pid, title, day, yearly in db.execute(
        "SELECT patient_id, title, date, 0 FROM care_dates WHERE date BETWEEN ? AND ?"
        " AND yearly = 0 AND kind <> 'follow_up' AND done_at IS NULL UNION ALL"
        " SELECT patient_id, title, date, 1 FROM care_dates WHERE yearly = 1"
        " AND substr(date, 6) IN (SELECT value FROM json_each(?)) AND kind <> 'follow_up'"
        " AND done_at IS NULL",
        [days[0].isoformat(), days[-1].isoformat(), marks],
    ):
        when = on[day[5:]] if yearly else dt.date.fromisoformat(day).toordinal()
        why = Why("care", "calls.detail.care", {"title": title, "date": day[5:]})
        rows.append((pid, when - ahead, why))
    return _batch("care", rows)


def _leap_day_falls_on(day: dt.date) -> bool:
    return (day.month, day.day) == (2, 28) and not calendar.isleap(day.year)


def thanks(db: Database, today: int, rules: CallRules) -> Batch:
    """Referrers whose friend had a first visit recently."""
    rows = db.execute(
        f"SELECT referred_by, {DAY.format('first_visit')}, name, first_visit FROM patients"
        " WHERE referred_by IS NOT NULL AND first_visit BETWEEN ? AND ?",
        [_iso(today - rules.thanks_days), _iso(today)],
    )
    return _batch(
        "thanks",
        [
            (pid, due, Why("thanks", "calls.detail.thanks", {"name": name, "date": day}))
            for pid, due, name, day in rows
        ],
    )


def confirmations(db: Database, today: int, until: int, rules: CallRules) -> Batch:
    """Booked appointments to confirm, due on the last working day before them."""
    last = rules.next_working_day(dt.date.fromordinal(until))
    rows = []
    for aid, pid, starts_at, item, day in db.execute(
        f"SELECT id, patient_id, starts_at, item, {DAY.format('starts_at')} FROM appointments"
        " WHERE status = 'booked' AND starts_at >= ? AND starts_at < ?",
        [_iso(today + 1), (last + dt.timedelta(days=1)).isoformat()],
    ):
        due = day - 1
        while not rules.is_working_day(dt.date.fromordinal(due)) and due > today:
            due -= 1
        params = {"time": starts_at[5:].replace("T", " "), "item": item}
        rows.append((pid, due, Why("confirm", "calls.detail.confirm", params, aid)))
    return _batch("confirm", rows)


def no_shows(db: Database, today: int) -> Batch:
    """Missed appointments of the last days: a call the day after."""
    rows = db.execute(
        f"SELECT id, patient_id, starts_at, item, {DAY.format('starts_at')} FROM appointments"
        " WHERE status = 'no_show' AND starts_at >= ? AND starts_at < ?",
        [_iso(today - NO_SHOW_DAYS_BACK), _iso(today)],
    )
    return _batch(
        "no_show",
        [
            (
                pid,
                day + 1,
                Why("no_show", "calls.detail.no_show", {"date": at[:10], "item": item}, aid),
            )
            for aid, pid, at, item, day in rows
        ],
    )


def recalls(db: Database, today: int, until: int, rules: CallRules) -> list[Batch]:
    """Maintenance items past their interval, one batch per item: the patient's own
    interval for the item first, then the clinic's for the item, then for its category."""
    own = _own_intervals(db)
    batches = []
    for item, categories in _recall_items(db, rules.maintenance_days).items():
        pids, last, days = _last_charges(db, today, until, item, categories)
        mine = own.get(item, {})
        if mine:
            keep = ~np.isin(pids, list(mine))
            pids = np.concatenate([pids[keep], _ints(list(mine))])
            last = np.concatenate([last[keep], _ints([m[0] for m in mine.values()])])
            days = np.concatenate([days[keep], _ints([m[1] for m in mine.values()])])
        due = last + days
        wanted = (due >= today - MAINTENANCE_WINDOW) & (due <= until)
        batches.append(_recall_batch(item, pids[wanted], due[wanted], last[wanted]))
    return batches


def _recall_batch(item: str, pids: np.ndarray, due: np.ndarray, last: np.ndarray) -> Batch:
    def why(i: int) -> Why:
        day = _iso(int(last[i]))
        return Why(
            "recall", "calls.detail.maintenance", {"item": item, "date": day}, item=(item, day)
        )

    return Batch("recall", pids, due, why)


def _recall_items(db: Database, intervals: Mapping[str, int]) -> dict[str, dict[str | None, int]]:
    """Item -> {category: interval} for every item and category its charges have, where
    the clinic gives the item an interval, or else the category; and every item a patient
    has an interval of their own for."""
    items: dict[str, dict[str | None, int]] = {}
    for (item,) in db.execute(_DISTINCT_ITEMS):
        for (category,) in db.execute(_CATEGORIES_OF, {"item": item}):
            days = intervals.get(item, intervals.get(category or "", 0))
            if days or _has_own(db, item):
                items.setdefault(item, {})[category] = days
    return items


def _has_own(db: Database, item: str) -> bool:
    found = db.execute("SELECT 1 FROM patient_recalls WHERE item = ? LIMIT 1", [item])
    return found.fetchone() is not None


# Loose index scans on idx_charges_recall: one seek per distinct item, and per category
# of an item (NULL first), instead of reading every charge.
_DISTINCT_ITEMS = """
WITH RECURSIVE items(item) AS (
    SELECT min(item) FROM charges WHERE amount_fen > 0
    UNION ALL
    SELECT (SELECT min(item) FROM charges WHERE amount_fen > 0 AND item > items.item)
    FROM items WHERE items.item IS NOT NULL
)
SELECT item FROM items WHERE item IS NOT NULL"""
_CATEGORIES_OF = """
WITH RECURSIVE categories(category) AS (
    SELECT min(category) FROM charges WHERE amount_fen > 0 AND item = :item
        AND category IS NOT NULL
    UNION ALL
    SELECT (SELECT min(category) FROM charges WHERE amount_fen > 0 AND item = :item
            AND category > categories.category)
    FROM categories WHERE categories.category IS NOT NULL
)
SELECT NULL WHERE EXISTS (SELECT 1 FROM charges WHERE amount_fen > 0 AND item = :item
                          AND category IS NULL)
UNION ALL SELECT category FROM categories WHERE category IS NOT NULL"""


def _last_charges(
    db: Database, today: int, until: int, item: str, categories: dict[str | None, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(patients, the day of their last charge of `item`, the interval) from the charges
    recent enough to be due: per category with an interval, the latest one per patient
    (on the same day, the category first in `categories`)."""
    parts = []
    for category, interval in categories.items():
        if interval:
            since = _iso(today - MAINTENANCE_WINDOW - interval)
            pids, day = _charges_of(db, item, category, since)
            parts.append((pids, day, np.full(len(pids), interval, dtype=np.int64)))
    if not parts:
        return _ints([]), _ints([]), _ints([])
    pids, day, days = (np.concatenate(column) for column in zip(*parts, strict=True))
    order = np.lexsort((np.arange(len(pids)), -day, pids))  # each patient's latest first
    pids, day, days = pids[order], day[order], days[order]
    first = np.flatnonzero(np.diff(pids, prepend=pids[:1] - 1))
    return pids[first], day[first], days[first]


def _charges_of(
    db: Database, item: str, category: str | None, since: str
) -> tuple[np.ndarray, np.ndarray]:
    """The patient and day of every charge of `item` in `category` since `since`, as two
    strings concatenated by SQLite along idx_charges_recall (no GROUP BY: its sort by
    patient cost more than NumPy's)."""
    pids, days = db.execute(
        "SELECT CAST(group_concat(patient_id) AS BLOB), CAST(group_concat(date, '') AS BLOB)"
        " FROM charges INDEXED BY idx_charges_recall WHERE item = :item"
        " AND category IS :category AND amount_fen > 0 AND date >= :since",
        {"item": item, "category": category, "since": since},
    ).fetchone()
    return numbers(pids), ordinals(days or b"").astype(np.int64)


def _own_intervals(db: Database) -> dict[str, dict[int, tuple[int, int]]]:
    """Item -> {patient: (the day of their last charge of it, their own interval)}."""
    own: dict[str, dict[int, tuple[int, int]]] = {}
    for pid, item, day, days in db.execute(
        f"SELECT r.patient_id, r.item, {DAY.format('max(c.date)')}, r.interval_days"
        " FROM patient_recalls r CROSS JOIN charges c ON c.patient_id = r.patient_id"
        # The unary + keeps SQLite on the patient's charges, not every charge of the item.
        " AND +c.item = r.item AND c.amount_fen > 0 GROUP BY r.patient_id, r.item"
    ):
        own.setdefault(item, {})[pid] = (day, days)
    return own


def reactivation(result: SegmentationResult, today: int, until: int) -> Batch:
    """Patients overdue or lapsed on their own rhythm, due the day they became overdue."""
    lapse = result.lapse
    pids = lapse.column("patient_id").astype(np.int64)
    since = lapse.column("days_since").astype(np.int64)
    usual = lapse.column("usual_interval").astype(np.float64)
    due = today - since + np.ceil(result.params.lapse.overdue_ratio * usual).astype(np.int64)
    wanted = (due <= until) & (since <= REACTIVATION_MAX_DAYS)
    days = since[wanted]

    def why(i: int) -> Why:
        return Why("reactivation", "calls.detail.reactivation", {"days": int(days[i])})

    return Batch("reactivation", pids[wanted], due[wanted], why)


def cadence(
    tiers: np.ndarray, states: CallStates, since: int, until: int, rules: CallRules
) -> Batch:
    """Tiered patients not reached for longer than their tier's cadence (`tiers`: each
    patient's tier code by id, fixed by hand or computed; 3 for none); `since` is the
    first day of the call states (a patient not reached since then is due a cadence
    after it). The days since they were reached are said by the entry."""
    pids = np.flatnonzero(tiers < 3).astype(np.int64)  # TIERS[3] is None
    codes = tiers[pids].astype(np.int64)
    reached = states.last_reached[pids]
    cadences = _ints([rules.cadence(t) for t in TIERS])
    due = np.where(reached > 0, reached, since) + cadences[codes]
    wanted = due <= until
    pids, codes, reached = pids[wanted], codes[wanted], reached[wanted]

    def why(i: int) -> Why:
        last = int(reached[i]) or None
        return Why("cadence", "calls.detail.cadence", {"tier": TIERS[codes[i]], "last": last})

    return Batch("cadence", pids, due[wanted], why)
