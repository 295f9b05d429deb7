"""Finding a patient in a keystroke, ranked as a person would rank them.

The results come in ranks: the exact card number; the whole phone number, or a phone
ending with the digits typed (four or more); the exact name; the exact pinyin initials
or full pinyin; a name, initials or pinyin starting with the text; anything else that
holds the text (three characters or more: any part of name, pinyin, initials, phones
and card number, through the trigram index `patient_search`; one or two: the start of
a card number, or a Chinese character anywhere in a name). Within a rank, the patients
seen most recently come first — the one at the desk has usually just come in — then
the newest files (`recency`). Each hit says why it matched.

Every rank is read from an index alone, never row by row, so that a letter matching
12,000 patients at 100,000 is ranked in milliseconds.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from sqlite_utils import Database

from clinicdesk.core.db.recency import by_recency

RECENT = 500
MATCHES = ("card", "phone", "phone_end", "name", "pinyin_initials", "pinyin", "text")
PHONE_END_DIGITS = 4
_PHONE_LIKE = re.compile(r"[\d\s\-+()]+")


class Hit(NamedTuple):
    """One search result: the patient and why it matched (one of `MATCHES`)."""

    patient_id: int
    match: str


def normalise_query(text: str) -> str:
    """What is searched for: NFKC, lower case, spaces dropped; a phone loses its dashes
    and its country code (+86, 0086)."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    if not _PHONE_LIKE.fullmatch(text):
        return "".join(text.split())
    digits = re.sub(r"\D", "", text)
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) == 11 + len(prefix):
            return digits[len(prefix) :]
    return digits


def ranked_search(
    db: Database, text: str, *, include_archived: bool = False, limit: int | None = None
) -> list[Hit]:
    """The patients matching `text`, best first, each with why it matched; none for
    empty text. `limit` keeps the best `limit`."""
    ids, codes = _ranked(db, normalise_query(text), include_archived)
    return [Hit(i, _MATCH_OF_CODE[codes[i]]) for i in ids[:limit]]


def search_patients(db: Database, text: str, *, include_archived: bool = False) -> list[int]:
    """The ids of the patients matching `text`, best first; without text, the newest."""
    query = normalise_query(text)
    if not query:
        return recent_patients(db, include_archived=include_archived)
    return _ranked(db, query, include_archived)[0]


def _ranked(db: Database, query: str, include_archived: bool) -> tuple[list[int], dict[int, int]]:
    """The matching ids in rank order, and each one's code."""
    if not query:
        return [], {}
    codes = _codes(db, query, include_archived)
    ranks: dict[int, list[int]] = {}
    for patient_id, code in codes.items():
        ranks.setdefault(code // 10, []).append(patient_id)
    ordered: list[int] = []
    for rank in sorted(ranks):
        ordered += by_recency(db, ranks[rank])
    return ordered, codes


# A code per (rank, match): code // 10 is the rank, the code itself says the match.
_MATCH_OF_CODE = {
    0: "card",
    10: "phone",
    11: "phone_end",
    20: "name",
    30: "pinyin_initials",
    31: "pinyin",
    40: "name",
    41: "pinyin_initials",
    42: "pinyin",
    50: "text",
}
# The last four digits are indexed; a whole number is a phone ending too.
_PHONES = " UNION ALL ".join(
    f"SELECT id, CASE WHEN {col} = :q THEN 10 ELSE 11 END FROM patients"
    f" WHERE substr({col}, -4) = :tail AND substr({col}, -:n) = :q"
    for col in ("mobile", "mobile2")
)
_TEXT = "SELECT rowid FROM patient_search WHERE patient_search MATCH :phrase"
_SHORT_TEXT = "SELECT id FROM patients WHERE lower(card_no) >= :q AND lower(card_no) < :end"
# One or two Chinese characters: one pass over the names finds them anywhere.
_HAN_TEXT = (
    "SELECT id, CASE WHEN name = :q THEN 20 WHEN name GLOB :p THEN 40 ELSE 50 END"
    " FROM patients WHERE instr(name, :q) > 0"
)


def _statements(query: str) -> list[tuple[int | None, str]]:
    """The statements giving the matching ids with their code; ``None`` for a statement
    that gives each id's code itself."""
    if len(query) <= 2 and any(ord(ch) > 0x2E80 for ch in query):
        return [(None, _HAN_TEXT)]
    found: list[tuple[int | None, str]] = [(0, "SELECT id FROM patients WHERE lower(card_no) = :q")]
    if query.isdigit() and len(query) >= PHONE_END_DIGITS:
        found.append((None, _PHONES))
    for code, key in ((20, "lower(name)"), (30, "name_initials"), (31, "name_pinyin")):
        found.append((code, f"SELECT id FROM patients WHERE {key} = :q"))
    for code, key in ((40, "lower(name)"), (41, "name_initials"), (42, "name_pinyin")):
        if code != 42 or len(query) > 1:  # one letter: the pinyin starts as the initials do
            # A range, not GLOB: SQLite leaves an index out of GLOB '8000*' on an expression.
            found.append((code, f"SELECT id FROM patients WHERE {key} >= :q AND {key} < :end"))
    return [*found, (50, _TEXT if len(query) >= 3 else _SHORT_TEXT)]


def _codes(db: Database, query: str, include_archived: bool) -> dict[int, int]:
    """Each matching patient's best code, archived (if not included) and merged files out."""
    params = {
        "q": query,
        "p": re.sub(r"([*?\[])", r"[\1]", query) + "*",
        "end": query + "\U0010ffff",  # every text starting with the query sorts before it
        "n": len(query),
        "tail": query[-PHONE_END_DIGITS:],
        "phrase": '"' + query.replace('"', '""') + '"',
    }
    codes: dict[int, int] = {}
    for code, sql in _statements(query):  # in the order of their codes, best first
        rows = db.execute(sql, params)
        found: dict[int, int] = {}
        if code is None:
            for patient_id, own in rows:
                found[patient_id] = min(own, found.get(patient_id, own))
        else:
            found = dict.fromkeys((r[0] for r in rows), code)
        found.update(codes)  # a better code found before stays
        codes = found
    for patient_id in _left_out(db, include_archived):
        codes.pop(patient_id, None)
    return codes


def _left_out(db: Database, include_archived: bool) -> list[int]:
    """The merged files, and the archived ones unless included (a small partial index)."""
    rows = db.execute(
        "SELECT id, archived, merged_into FROM patients"
        " WHERE archived <> 0 OR merged_into IS NOT NULL"
    )
    return [r[0] for r in rows if r[2] is not None or not include_archived]


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
