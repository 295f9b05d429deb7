"""Who came most recently: patients ordered by their last charge, newest files after.

A few hundred patients are ordered exactly: one probe of the covering charges index
each. Thousands (one or two letters typed) would cost one probe each too, so for them
the charges of the last `WALK_DAYS` are walked backwards from the newest, on the
(date, patient) index alone, until the `FOUND` seen most recently are known; the others
follow, newest file first. Either way the order is the same for the patients it ranks
by visit: last visit (newest first), then id (newest first).
"""

from __future__ import annotations

import json

from sqlite_utils import Database

PROBED = 3000
FOUND = 200
WALK_DAYS = 30


def by_recency(db: Database, ids: list[int]) -> list[int]:
    """`ids` ordered by last visit (newest first; never seen last), ties newest file first."""
    if len(ids) <= PROBED:
        return _probed(db, ids)
    walked = _walked(db, ids)
    seen = set(walked)
    return walked + sorted((i for i in ids if i not in seen), reverse=True)


def _probed(db: Database, ids: list[int]) -> list[int]:
    rows = db.execute(
        "SELECT value FROM json_each(?) ORDER BY"
        " (SELECT max(date) FROM charges WHERE patient_id = value) DESC, value DESC",
        [json.dumps(ids)],
    )
    return [r[0] for r in rows]


def _walked(db: Database, ids: list[int]) -> list[int]:
    rows = db.execute(
        "SELECT DISTINCT patient_id FROM charges INDEXED BY idx_charges_date"
        " WHERE date >= (SELECT date(max(date), ?) FROM charges)"
        " AND patient_id IN (SELECT value FROM json_each(?))"
        " ORDER BY date DESC, patient_id DESC LIMIT ?",
        [f"-{WALK_DAYS} days", json.dumps(ids), FOUND],
    )
    return [r[0] for r in rows]
