"""Sorting a patient list by one of its columns, in SQL, stably (ties keep the order they
had: the search's ranking, say), patients without a value last either way."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

# The value each sortable column sorts by (an age sorts by birth date, the other way).
_KEYS = {
    "name": "p.name_pinyin",
    "sex": "p.sex",
    "age": "p.birth_date",
    "mobile": "p.mobile",
    "owner": "s.name",
    "last_visit": "(SELECT max(date) FROM charges c WHERE c.patient_id = p.id"
    " AND c.amount_fen >= 0)",
    "spend": "(SELECT sum(amount_fen) FROM charges c WHERE c.patient_id = p.id)",
}
_KEYS["membership"] = _KEYS["spend"]
REVERSED = {"age"}  # the oldest first is the earliest birth date first


def sort_ids(
    db: Database,
    ids: list[int],
    column: str,
    descending: bool = False,
    tiers: Mapping[int, str] | None = None,
) -> list[int]:
    """`ids` ordered by `column` (a patient list's column; "tier" by `tiers`, an unknown
    column leaves the order as it is)."""
    values: dict[int, Any]
    if column == "tier" and tiers is not None:
        values = {i: tiers.get(i) for i in ids}
    elif column in _KEYS:
        rows = db.execute(
            f"SELECT p.id, {_KEYS[column]} FROM patients p LEFT JOIN staff s ON s.id = p.owner_id"
            " WHERE p.id IN (SELECT value FROM json_each(?))",
            [json.dumps(ids)],
        )
        values = dict(rows.fetchall())
    else:
        return list(ids)
    known = [i for i in ids if values.get(i) is not None]
    known.sort(key=lambda i: values[i], reverse=descending != (column in REVERSED))
    return known + [i for i in ids if values.get(i) is None]
