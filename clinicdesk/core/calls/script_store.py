"""The clinic's phone scripts and their versions (scripts that learn what works).

A script (one row of ``script_templates``: reason, tier, language, name) has numbered
versions. Editing never overwrites: it adds a version, and the old one is kept. One
version is in use, or two side by side: patients alternate between them by patient
number (even/odd with two), the same patient always getting the same one, so that the
clinic can compare which wording books more (`version_results`, from the contact log).
The template row keeps the newest text for listing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from clinicdesk.core.calls.defaults import DEFAULT_SCRIPTS
from clinicdesk.core.calls.scripts import Script
from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.values import now_iso

MAX_SIDE_BY_SIDE = 2


@dataclass(frozen=True)
class StoredScript:
    """A script as the clinic keeps it (its newest text)."""

    id: int
    name: str
    reason: str
    tier: str | None
    language: str
    body: str
    fallback: str


@dataclass(frozen=True)
class ScriptVersion:
    """One wording of a script; `active` versions are the ones callers read."""

    id: int
    script_id: int
    version: int
    body: str
    fallback: str
    active: bool
    created_at: str


def ensure_default_scripts(db: Database) -> int:
    """Write the shipped scripts the clinic does not have yet (each as its version 1);
    returns how many."""
    added = 0
    with db.atomic():
        for reason, tier, language, name, body, fallback in DEFAULT_SCRIPTS:
            exists = db.execute(
                "SELECT 1 FROM script_templates WHERE reason = ? AND tier IS ? AND language = ?",
                [reason, tier, language],
            ).fetchone()
            if not exists:
                _insert_script(db, name, reason, tier, language, body, fallback)
                added += 1
    return added


def _insert_script(
    db: Database, name: str, reason: str, tier: str | None, language: str, body: str, fallback: str
) -> int:
    now = now_iso()
    cursor = db.execute(
        "INSERT INTO script_templates (name, reason, tier, language, body, fallback, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [name, reason, tier, language, body, fallback, now],
    )
    script_id = int(cursor.lastrowid or 0)
    _insert_version(db, script_id, 1, body, fallback)
    return script_id


def _insert_version(db: Database, script_id: int, version: int, body: str, fallback: str) -> int:
    cursor = db.execute(
        "INSERT INTO script_versions (script_id, version, body, fallback, active, created_at)"
        " VALUES (?, ?, ?, ?, 1, ?)",
        [script_id, version, body, fallback, now_iso()],
    )
    return int(cursor.lastrowid or 0)


def script_id_for(db: Database, reason: str, tier: str | None, language: str) -> int | None:
    """The id of the clinic's script for a reason: the tier's own if it has one, else the
    general one (the shipped ones are written first if the clinic has none)."""
    return ScriptIndex(db, language).script_id(reason, tier)


class ScriptIndex:
    """Which script each reason and tier reads, in one language (one query for a batch)."""

    def __init__(self, db: Database, language: str) -> None:
        self.db, self.language = db, language
        self._ids = self._read()

    def _read(self) -> dict[tuple[str, str | None], int]:
        rows = self.db.execute(
            "SELECT reason, tier, min(id) FROM script_templates WHERE language = ?"
            " GROUP BY reason, tier",
            [self.language],
        )
        return {(reason, tier): sid for reason, tier, sid in rows}

    def script_id(self, reason: str, tier: str | None) -> int | None:
        """The tier's own script for the reason, else the general one, else None."""
        found = self._ids.get((reason, tier)) or self._ids.get((reason, None))
        if found is None and ensure_default_scripts(self.db):
            self._ids = self._read()
            found = self._ids.get((reason, tier)) or self._ids.get((reason, None))
        return found


def script_for(
    db: Database, reason: str, tier: str | None, language: str, patient_id: int = 0
) -> Script:
    """The version of the reason's script that `patient_id` gets (an empty script when
    the clinic has none for the reason and ClinicDesk ships none)."""
    script_id = script_id_for(db, reason, tier, language)
    if script_id is None:
        return Script("", "")
    return pick_version(active_versions(db, [script_id])[script_id], patient_id)


def active_versions(db: Database, script_ids: list[int]) -> dict[int, list[Script]]:
    """The versions in use of each script, by version number (one query)."""
    rows = db.execute(
        "SELECT script_id, body, fallback, id FROM script_versions WHERE active = 1"
        " AND script_id IN (SELECT value FROM json_each(?)) ORDER BY script_id, version",
        [json.dumps(script_ids)],
    )
    found: dict[int, list[Script]] = {sid: [] for sid in script_ids}
    for script_id, body, fallback, version_id in rows:
        found[script_id].append(Script(body, fallback, version_id))
    return found


def pick_version(versions: list[Script], patient_id: int) -> Script:
    """The version a patient gets: with two side by side, patients alternate by number."""
    return versions[patient_id % len(versions)] if versions else Script("", "")


def save_script(
    db: Database, script_id: int, body: str, fallback: str, *, side_by_side: bool = False
) -> int:
    """Keep an edited script as a new version and return its id; the previous versions
    are kept. With `side_by_side` the newest previous version stays in use beside the new
    one (patients alternate), else the new one replaces it. The fallback must not be
    empty: it is what a caller reads when the body cannot be filled in."""
    if not body.strip():
        raise InvalidValue("value.required", field="script")
    if not fallback.strip():
        raise InvalidValue("value.required", field="fallback")
    versions = versions_of(db, script_id)
    if not versions:
        raise InvalidValue("value.no_such_script", field="script", value=script_id)
    keep = [v.id for v in versions if v.active][-1:] if side_by_side else []
    with db.atomic():
        new_id = _insert_version(db, script_id, versions[-1].version + 1, body, fallback)
        _set_active(db, script_id, [*keep, new_id])
        db.execute(
            "UPDATE script_templates SET body = ?, fallback = ?, updated_at = ? WHERE id = ?",
            [body, fallback, now_iso(), script_id],
        )
    return new_id


def use_versions(db: Database, script_id: int, version_ids: list[int]) -> None:
    """Put one version (going back to an older wording) or two side by side in use."""
    known = {v.id for v in versions_of(db, script_id)}
    if not 1 <= len(set(version_ids)) <= MAX_SIDE_BY_SIDE or not set(version_ids) <= known:
        raise InvalidValue("value.bad_versions", field="script", value=script_id)
    with db.atomic():
        _set_active(db, script_id, version_ids)


def _set_active(db: Database, script_id: int, version_ids: list[int]) -> None:
    db.execute(
        "UPDATE script_versions SET active = (id IN (SELECT value FROM json_each(?)))"
        " WHERE script_id = ?",
        [json.dumps(version_ids), script_id],
    )


def versions_of(db: Database, script_id: int) -> list[ScriptVersion]:
    """Every version of a script, the oldest first."""
    rows = db.execute(
        "SELECT id, script_id, version, body, fallback, active, created_at FROM script_versions"
        " WHERE script_id = ? ORDER BY version",
        [script_id],
    )
    return [ScriptVersion(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6]) for r in rows]


@dataclass(frozen=True)
class VersionResults:
    """What the calls read from one version gave, from the contact log."""

    version_id: int
    version: int
    calls: int
    reached: int
    booked: int

    @property
    def conversion(self) -> float:
        """Booked per call."""
        return self.booked / self.calls if self.calls else 0.0


def version_results(
    db: Database, script_id: int, campaign_id: int | None = None
) -> list[VersionResults]:
    """Per version of a script (of one campaign's calls, if given): calls, calls that
    reached the patient (booked included) and calls that booked."""
    campaign = "" if campaign_id is None else " AND c.campaign_id = :campaign"
    rows = db.execute(
        "SELECT v.id, v.version, count(c.id), coalesce(sum(c.outcome IN ('reached', 'booked')), 0),"
        " coalesce(sum(c.outcome = 'booked'), 0) FROM script_versions v LEFT JOIN contacts c"
        f" ON c.script_version_id = v.id{campaign} WHERE v.script_id = :script"
        " GROUP BY v.id ORDER BY v.version",
        {"script": script_id, "campaign": campaign_id},
    )
    return [VersionResults(*r) for r in rows]


def list_scripts(db: Database) -> list[StoredScript]:
    """Every script of the clinic (the shipped ones written first), by reason and tier."""
    ensure_default_scripts(db)
    rows = db.execute(
        "SELECT id, name, reason, tier, language, body, fallback FROM script_templates"
        " ORDER BY language, reason, tier IS NOT NULL, tier, id"
    )
    return [StoredScript(*r) for r in rows]


def add_tier_version(db: Database, script_id: int, tier: str) -> int:
    """A copy of a general script for one tier (A's callers may speak more personally);
    returns the new script's id, or the existing one's if that tier has its own already."""
    row = db.execute(
        "SELECT name, reason, language, body, fallback FROM script_templates WHERE id = ?",
        [script_id],
    ).fetchone()
    if row is None or tier not in ("A", "B", "C"):
        raise InvalidValue("value.bad_choice", field="tier", value=tier, choices="A, B, C")
    name, reason, language, body, fallback = row
    existing = db.execute(
        "SELECT id FROM script_templates WHERE reason = ? AND tier = ? AND language = ?",
        [reason, tier, language],
    ).fetchone()
    if existing:
        return int(existing[0])
    with db.atomic():
        return _insert_script(db, f"{name}（{tier}）", reason, tier, language, body, fallback)
