"""Finding a patient in a keystroke: name, pinyin, initials, phone digits, card number.

Three characters or more go through the trigram index (`patient_search`): any part of
any key, in about a millisecond at 100,000 patients. One or two characters search the
start of the name, the pinyin, the initials and the card number (indexed), and any
Chinese character inside a name. Results come best first: the exact name, then names
starting with the text, then pinyin and initials, then the rest.
"""

from __future__ import annotations

import re
import unicodedata

from sqlite_utils import Database

RECENT = 500
_PHONE_LIKE = re.compile(r"[\d\s\-+()]+")


def normalise_query(text: str) -> str:
    """What is searched for: NFKC, lower case, spaces dropped; a phone loses its dashes."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    if _PHONE_LIKE.fullmatch(text):
        return re.sub(r"\D", "", text)
    return "".join(text.split())


def search_patients(db: Database, text: str, *, include_archived: bool = False) -> list[int]:
    """The ids of the patients matching `text`, best first; without text, the newest."""
    query = normalise_query(text)
    archived = "" if include_archived else " AND archived = 0"
    if not query:
        return recent_patients(db, include_archived=include_archived)
    subquery, params = _candidates(query)
    rows = db.execute(
        f"SELECT id FROM patients WHERE id IN ({subquery}) AND merged_into IS NULL{archived}"
        f" ORDER BY {_RANK}, name_pinyin, id",
        params,
    )
    return [r[0] for r in rows]


# Best first: the exact name, names starting with the text, the exact pinyin or
# initials, pinyin or initials starting with the text, then the rest.
_RANK = """CASE WHEN name = :q THEN 0 WHEN name GLOB :p THEN 1
    WHEN name_initials = :q OR name_pinyin = :q THEN 2
    WHEN name_pinyin GLOB :p OR name_initials GLOB :p THEN 3 ELSE 4 END"""


def recent_patients(db: Database, *, include_archived: bool = False) -> list[int]:
    """What the list shows before anything is typed: the patients seen most recently (the
    last 30 days, today's first), then the newest files, `RECENT` in all."""
    archived = "" if include_archived else " AND p.archived = 0"
    # Walking the date index backwards stops after RECENT distinct patients: a millisecond.
    rows = db.execute(
        "SELECT DISTINCT c.patient_id FROM charges c JOIN patients p ON p.id = c.patient_id"
        f" WHERE c.date >= date('now', '-30 days') AND p.merged_into IS NULL{archived}"
        f" ORDER BY c.date DESC LIMIT {RECENT}"
    )
    seen = [r[0] for r in rows]
    if len(seen) < RECENT:
        taken = set(seen)
        newest = db.execute(
            f"SELECT id FROM patients p WHERE merged_into IS NULL{archived}"
            f" ORDER BY id DESC LIMIT {RECENT}"
        )
        seen += [r[0] for r in newest if r[0] not in taken][: RECENT - len(seen)]
    return seen


def _candidates(query: str) -> tuple[str, dict[str, str]]:
    """A subquery of the ids that may match, and its parameters."""
    common = {"p": _glob_escape(query) + "*", "q": query}
    if len(query) >= 3:
        phrase = '"' + query.replace('"', '""') + '"'
        return "SELECT rowid FROM patient_search WHERE patient_search MATCH :phrase", {
            **common,
            "phrase": phrase,
        }
    parts = [
        f"SELECT id FROM patients WHERE {column} GLOB :p"
        for column in ("name", "name_initials", "name_pinyin", "card_no")
    ]
    if any(ord(ch) > 0x2E80 for ch in query):  # a Chinese character inside a name
        parts.append("SELECT id FROM patients WHERE instr(name, :q) > 0")
    return " UNION ".join(parts), common


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)
