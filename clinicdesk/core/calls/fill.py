"""Scripts filled in for the entries a caller sees or exports, in batches.

A handful of queries for any number of entries (the patients, their last items, the
scripts in use), never one per entry: the list itself is built without them, and only
the entries shown or exported are filled.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlite_utils import Database

from clinicdesk.core.calls.entry import CallEntry
from clinicdesk.core.calls.script_store import ScriptIndex, active_versions, pick_version
from clinicdesk.core.calls.scripts import address_as, render
from clinicdesk.core.db.clinic import get_setting
from clinicdesk.core.db.lists import age

Values = dict[str, str | None]


@dataclass(frozen=True)
class FilledScript:
    """An entry's script as the caller reads it, and the version it came from."""

    text: str
    version_id: int | None


def filled_scripts(
    db: Database,
    entries: list[CallEntry],
    language: str,
    *,
    today: dt.date,
    caller: str | None = None,
    offer: str | None = None,
) -> list[FilledScript]:
    """The entries' scripts, in their order; `caller` is who phones (``{我的名字}``),
    `offer` overrides the clinic's offer text."""
    values = batch_values(db, entries, language, today=today, caller=caller, offer=offer)
    index = ScriptIndex(db, language)
    wanted = [e.script_id or index.script_id(e.reason, e.tier) for e in entries]
    versions = active_versions(db, sorted({sid for sid in wanted if sid is not None}))
    filled = []
    for entry, own, sid in zip(entries, values, wanted, strict=True):
        script = pick_version(versions[sid] if sid is not None else [], entry.patient_id)
        filled.append(FilledScript(render(script, own), script.version_id))
    return filled


def filled_script(
    db: Database,
    entry: CallEntry,
    language: str,
    offer: str | None = None,
    *,
    today: dt.date,
    caller: str | None = None,
) -> str:
    """One entry's script, filled in."""
    return filled_scripts(db, [entry], language, today=today, caller=caller, offer=offer)[0].text


def script_values(
    db: Database,
    entry: CallEntry,
    language: str,
    offer: str | None = None,
    *,
    today: dt.date,
    caller: str | None = None,
) -> Values:
    """The placeholder values for one entry (the script editor's preview)."""
    return batch_values(db, [entry], language, today=today, caller=caller, offer=offer)[0]


def batch_values(
    db: Database,
    entries: list[CallEntry],
    language: str,
    *,
    today: dt.date,
    caller: str | None = None,
    offer: str | None = None,
) -> list[Values]:
    """The placeholder values of each entry, keyed by the placeholders' English names."""
    ids = json.dumps([e.patient_id for e in entries])
    people = {
        r[0]: r[1:]
        for r in db.execute(
            "SELECT id, name, sex, birth_date, address_as FROM patients"
            " WHERE id IN (SELECT value FROM json_each(?))",
            [ids],
        )
    }
    last = _last_items(db, [e.patient_id for e in entries if not e.last_item])
    shared = {
        "clinic": get_setting(db, "clinic_name"),
        "offer": offer if offer is not None else get_setting(db, "offer_text"),
        "my_name": caller,
        "membership": None,
    }
    return [
        _values(e, people[e.patient_id], last.get(e.patient_id), shared, language, today)
        for e in entries
    ]


def _values(
    entry: CallEntry,
    person: tuple[str, str | None, str | None, str | None],
    last: tuple[str, str] | None,
    shared: dict[str, str | None],
    language: str,
    today: dt.date,
) -> Values:
    name, sex, birth_date, override = person
    last_visit = entry.last_visit or (last[0] if last else None)
    since = (today - dt.date.fromisoformat(last_visit)).days if last_visit else None
    return {
        **shared,
        "address": address_as(name, sex, age(birth_date, today), override, language),
        "name": name,
        "last_item": entry.last_item or (last[1] if last else None),
        "last_visit": last_visit,
        "days_since": None if since is None else str(since),
        "tier": entry.tier,
        "owner": entry.owner,
        "reason": entry.reasons[0][1] if entry.reasons else None,
    }


def _last_items(db: Database, patient_ids: list[int]) -> dict[int, tuple[str, str]]:
    """Each patient's last visit date and item (one grouped query)."""
    if not patient_ids:
        return {}
    # With a single max(), SQLite takes the bare column `item` from the row holding it.
    rows = db.execute(
        "SELECT patient_id, max(date), item FROM charges WHERE amount_fen > 0"
        " AND patient_id IN (SELECT value FROM json_each(?)) GROUP BY patient_id",
        [json.dumps(patient_ids)],
    )
    return {pid: (date, item) for pid, date, item in rows}
