"""Likely duplicates: another file with the same mobile, the same card number (any
case), or the same name and birth date. Merged files never count; archived ones do
(restoring the old file is better than a second one).

`patients.add_patient` and `update_patient` refuse to make a likely duplicate
(`DuplicatePatient`, naming the other files) unless saved anyway with a reason, which the
audit keeps; search results mark them (`likely_duplicates`).
"""

from __future__ import annotations

import json
from typing import NamedTuple

from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.errors import InvalidValue

# Each rule: which patients share the key of the ones in json_each(:ids).
_SHARED = {
    "mobile": "b.mobile = a.mobile",
    "card_no": "lower(b.card_no) = lower(a.card_no)",
    "name_birth": "b.name = a.name AND b.birth_date = a.birth_date",
}


class Candidate(NamedTuple):
    """Another file that may be the same person, and which rules say so."""

    patient_id: int
    name: str
    rules: tuple[str, ...]
    archived: bool


class DuplicatePatient(InvalidValue):
    """Saving would make a likely duplicate of `candidates` (open, merge or save anyway).

    Attributes:
        candidates: the other files, in the order they were made.
        can_save_anyway: False when one of them has the same card number: a card is
            one patient's, so that file cannot be saved as it is.
    """

    def __init__(self, candidates: list[Candidate], card_no: str | None = None) -> None:
        card = next((c for c in candidates if "card_no" in c.rules), None)
        first = card or candidates[0]
        rule = "card_no" if card else first.rules[0]
        super().__init__(
            "value.duplicate_card_of" if card else "value.duplicate_patient",
            field="name" if rule == "name_birth" else rule,
            value=card_no if card else first.name,
            name=first.name,
            id=first.patient_id,
            rule=f"duplicate.{rule}",
        )
        self.candidates = candidates
        self.can_save_anyway = card is None

    def message(self, language: str | None = None) -> str:
        """Which file it would duplicate and why, in `language`."""
        params = {**self.params, "rule": i18n.message(str(self.params["rule"]), language)}
        return i18n.message(self.key, language, **params)


def find_duplicates(
    db: Database,
    *,
    name: str | None = None,
    mobile: str | None = None,
    card_no: str | None = None,
    birth_date: str | None = None,
    exclude: int | None = None,
) -> list[Candidate]:
    """The files that would be duplicates of a file with these (clean) values."""
    probes = {
        "mobile": ("mobile = ?", [mobile]),
        "card_no": ("lower(card_no) = lower(?)", [card_no]),
        "name_birth": ("name = ? AND birth_date = ?", [name, birth_date]),
    }
    found: dict[int, tuple[str, list[str], bool]] = {}
    for rule, (where, params) in probes.items():
        if None in params:
            continue
        rows = db.execute(
            f"SELECT id, name, archived FROM patients WHERE {where} AND merged_into IS NULL"
            " AND id IS NOT ? ORDER BY id",
            [*params, exclude],
        )
        for patient_id, other, archived in rows:
            found.setdefault(patient_id, (other, [], bool(archived)))[1].append(rule)
    return [Candidate(i, n, tuple(r), a) for i, (n, r, a) in found.items()]


def likely_duplicates(db: Database, ids: list[int]) -> dict[int, tuple[int, ...]]:
    """For the patients `ids` (a page of search results), the other files each one may
    duplicate; patients without any are left out."""
    marks: dict[int, set[int]] = {}
    for shared in _SHARED.values():
        rows = db.execute(
            "SELECT a.id, b.id FROM patients a JOIN patients b ON " + shared + " AND b.id <> a.id"
            " AND b.merged_into IS NULL WHERE a.id IN (SELECT value FROM json_each(?))",
            [json.dumps(ids)],
        )
        for patient_id, other in rows:
            marks.setdefault(patient_id, set()).add(other)
    return {i: tuple(sorted(marks[i])) for i in ids if i in marks}
