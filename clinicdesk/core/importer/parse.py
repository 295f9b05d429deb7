"""From table rows to charge records or rejections: pure, no database.

Every data row (every non-empty row below the header) becomes exactly one record or
one rejected row, never both, never neither. A row is rejected when the reader could
not split it into cells (an unbalanced quote, a NUL), when a cell is longer than
Excel's 32,767 characters, or when it has no usable date, no parsable amount, or no
identity at all (no card number, no mobile, no name); the rejection keeps the original
row and every reason. A phone that is not a mainland mobile is dropped with a warning.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from clinicdesk.core.importer.cells import parse_amount, parse_date, parse_mobile, text_of
from clinicdesk.core.importer.columns import Mapping
from clinicdesk.core.importer.table import Table

MAX_CELL = 32_767  # Excel's limit for one cell: a longer one is not a billing export's


@dataclass(frozen=True, slots=True)
class Record:
    """One importable row: `row` is its 1-based number in the file."""

    row: int
    card: str | None
    mobile: str | None
    name: str | None
    date: str
    item: str | None
    category: str | None
    amount_fen: int
    staff: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Issue:
    """A rejected row or a warning: the row number, the message key and its values, and
    the original cells (for the report)."""

    row: int
    rejected: bool
    key: str
    params: dict[str, Any]
    cells: tuple[str, ...]


def parse_rows(
    table: Table, mapping: Mapping, check: Callable[[int], None] | None = None
) -> tuple[list[Record], list[Issue]]:
    """Every data row below the header as a Record or a rejection Issue (plus warnings).

    `check(done)` is called every few thousand rows (progress and cancellation).
    """
    records: list[Record] = []
    issues: list[Issue] = []
    cols = mapping.columns
    first = mapping.header_row + 1
    for index in range(first, len(table.rows)):
        row = table.rows[index]
        number = table.row_numbers[index]
        if check and (index - first) % 5000 == 0:
            check(index - first)
        unreadable = _unreadable(table, index, mapping.headers)
        if unreadable is not None:
            issues.append(Issue(number, True, *unreadable, row_cells(row)))
            continue
        cell = _getter(row)
        record, problems = _record(number, cell, cols, mapping.extra)
        issues.extend(Issue(number, rejected, key, params, row_cells(row))
                      for rejected, key, params in problems)  # fmt: skip
        if record is not None:
            records.append(record)
    return records, issues


def _unreadable(
    table: Table, index: int, headers: tuple[str, ...]
) -> tuple[str, dict[str, Any]] | None:
    """Why a row cannot be read at all (a broken row, a cell too long), or None."""
    broken = table.broken.get(index)
    if broken is not None:
        return broken.key, dict(broken.params)
    for column, value in enumerate(table.rows[index]):
        if isinstance(value, str) and len(value) > MAX_CELL:
            name = headers[column] if column < len(headers) and headers[column] else column + 1
            return "import.reject.too_long", {"column": name, "length": len(value)}
    return None


def _getter(row: list[Any]) -> Callable[[int | None], Any]:
    def cell(index: int | None) -> Any:
        return row[index] if index is not None and index < len(row) else None

    return cell


def _record(
    number: int,
    cell: Callable[[int | None], Any],
    cols: dict[str, int],
    extra: tuple[tuple[int, str], ...],
) -> tuple[Record | None, list[tuple[bool, str, dict[str, Any]]]]:
    problems: list[tuple[bool, str, dict[str, Any]]] = []
    raw_date, raw_amount = cell(cols["date"]), cell(cols["amount"])
    date, amount = parse_date(raw_date), parse_amount(raw_amount)
    card = _clean(cell(cols.get("card_no")))
    name = _clean(cell(cols.get("name")))
    phone_text = _clean(cell(cols.get("phone")))
    mobile = parse_mobile(phone_text) if phone_text else None
    if phone_text and mobile is None:
        problems.append((False, "import.warn.bad_phone", {"value": phone_text}))
    if date is None:
        problems.append((True, "import.reject.date", {"value": text_of(raw_date)}))
    if amount is None:
        problems.append((True, "import.reject.amount", {"value": text_of(raw_amount)}))
    if not (card or mobile or name):
        problems.append((True, "import.reject.identity", {}))
    if any(rejected for rejected, _, _ in problems):
        return None, [p for p in problems if p[0]]
    note = _note(cell(cols.get("note")), [(h, cell(i)) for i, h in extra])
    return Record(number, card, mobile, name, date, _clean(cell(cols.get("item"))),  # type: ignore[arg-type]
                  _clean(cell(cols.get("category"))), amount, _clean(cell(cols.get("staff"))),  # type: ignore[arg-type]
                  note), problems  # fmt: skip


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    return _clean_text(value if isinstance(value, str) else text_of(value))


@lru_cache(maxsize=262144)
def _clean_text(text: str) -> str | None:
    # Full-width letters and digits as ASCII, runs of spaces as one.
    return " ".join(unicodedata.normalize("NFKC", text).split()) or None


def _note(note: Any, extra: list[tuple[str, Any]]) -> str | None:
    parts = [text_of(note)] if text_of(note) else []
    parts += [f"{header}: {text_of(value)}" for header, value in extra if text_of(value)]
    return "；".join(parts) or None


def row_cells(row: list[Any]) -> tuple[str, ...]:
    """A row's cells as the report shows them (a cell longer than Excel takes is cut)."""
    return tuple(_shown(text_of(value)) for value in row)


def _shown(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"
