"""Search results as a person reads them: who, the phone (masked) with the digits that
matched marked, why it matched, the last visit, and the files it may duplicate.

The window and ``clinicdesk search`` both show these rows; the highlight is a span of
the shown phone text, so that 150****5214 can have its 5214 drawn in bold.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.db.duplicates import likely_duplicates
from clinicdesk.core.db.lists import mask_mobile
from clinicdesk.core.db.search import Hit, normalise_query


class SearchRow(NamedTuple):
    """One result line.

    Attributes:
        phone: the number that matched (else the mobile), masked unless revealed.
        highlight: ``(start, end)`` in `phone` of the digits typed, or None.
        match: why it matched (one of `search.MATCHES`).
        duplicates: the other files this one may duplicate (same mobile, card, or
            name and birth date).
    """

    patient_id: int
    name: str
    phone: str
    highlight: tuple[int, int] | None
    match: str
    last_visit: str | None
    archived: bool
    duplicates: tuple[int, ...]


def describe(db: Database, text: str, hits: list[Hit], *, reveal: bool = False) -> list[SearchRow]:
    """The result lines of `hits` (found for `text`), in their order: one page at a time."""
    ids = [hit.patient_id for hit in hits]
    rows = db.execute(
        "SELECT id, name, mobile, mobile2, archived, (SELECT max(date) FROM charges c"
        " WHERE c.patient_id = p.id AND c.amount_fen >= 0) FROM patients p"
        " WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(ids)],
    )
    by_id = {r[0]: r for r in rows}
    marks = likely_duplicates(db, ids)
    query = normalise_query(text)
    lines = []
    for hit in hits:
        pid, name, mobile, mobile2, archived, last = by_id[hit.patient_id]
        number = _shown_number(query, hit.match, mobile, mobile2)
        span = phone_highlight(query, number, hit.match)
        phone = number if reveal else mask_mobile(number)
        lines.append(
            SearchRow(pid, name, phone, span, hit.match, last, bool(archived), marks.get(pid, ()))
        )
    return lines


def phone_highlight(query: str, number: str, match: str) -> tuple[int, int] | None:
    """Where the digits of `query` stand in `number` (its end for a phone match), as a
    span of the text — the same in ``15057475214`` and in ``150****5214``."""
    if not query.isdigit() or not number:
        return None
    places = [i for i, ch in enumerate(number) if ch.isdigit()]
    digits = "".join(number[i] for i in places)
    if match in ("phone", "phone_end"):
        start = len(digits) - len(query) if digits.endswith(query) else -1
    else:
        start = digits.find(query)
    if start < 0:
        return None
    return places[start], places[start + len(query) - 1] + 1


def _shown_number(query: str, match: str, mobile: str | None, mobile2: str | None) -> str:
    """The mobile, unless the digits typed are only in the second phone."""
    if (
        mobile2
        and phone_highlight(query, mobile2, match)
        and not (mobile and phone_highlight(query, mobile, match))
    ):
        return mobile2
    return mobile or ""


def as_text(row: SearchRow, language: str) -> str:
    """One result as a terminal line: the matching digits in brackets (150****[5214])."""
    phone = row.phone
    if row.highlight:
        start, end = row.highlight
        phone = f"{phone[:start]}[{phone[start:end]}]{phone[end:]}"
    t = lambda key, **kw: i18n.message(key, language, **kw)  # noqa: E731
    parts = [row.name, phone or "-", t(f"search.match.{row.match}")]
    parts.append(
        t("search.last_visit", date=row.last_visit) if row.last_visit else t("search.never")
    )
    if row.archived:
        parts.append(t("search.archived"))
    if row.duplicates:
        ids = t("list.sep").join(str(i) for i in row.duplicates)
        parts.append(t("search.duplicates", ids=ids))
    return "  ".join(parts)


def as_json(row: SearchRow) -> dict[str, object]:
    """One result for ``--json``: the phone masked, the highlight as [start, end]."""
    return {
        "patient_id": row.patient_id,
        "name": row.name,
        "phone": row.phone,
        "match": row.match,
        "highlight": list(row.highlight) if row.highlight else None,
        "last_visit": row.last_visit,
        "archived": row.archived,
        "likely_duplicates": list(row.duplicates),
    }
