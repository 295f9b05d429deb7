"""The audit trail: who changed which patient file, and how (edits, merges, archiving)."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from clinicdesk.core.values import now_iso


def record(
    db: Database,
    action: str,
    entity: str,
    entity_id: int | None,
    details: dict[str, Any] | None = None,
    staff_id: int | None = None,
) -> None:
    """Append one audit entry; call it inside the transaction of the change it records."""
    db.execute(
        "INSERT INTO audit_log (at, staff_id, action, entity, entity_id, details)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            now_iso(),
            staff_id,
            action,
            entity,
            entity_id,
            json.dumps(details, ensure_ascii=False) if details else None,
        ],
    )


def entries_for(db: Database, entity: str, entity_id: int) -> list[dict[str, Any]]:
    """The audit entries of one record, oldest first, details decoded."""
    rows = db.query(
        "SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id",
        [entity, entity_id],
    )
    return [{**r, "details": json.loads(r["details"]) if r["details"] else None} for r in rows]
