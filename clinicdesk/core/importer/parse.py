"""From table rows to charge records or rejections: pure, no database.

Every data row (every non-empty row below the header) becomes exactly one record or
one rejected row, never both, never neither. A row is rejected when the reader could
not split it into cells (an unbalanced quote, a NUL), when a cell is longer than
Excel's 32,767 characters, or when it has no usable date, no parsable amount, or no
identity at all (no card number, no mobile, no name); the rejection keeps the original
row and every reason. Values are read exactly or refused with the reason: an amount
above the clinic's limit a charge (default ¥10,000,000), a date before 1900 or more
than a year after the import's day (a date after it is imported with a warning). A
phone that is not a mainland mobile but a landline is kept as the other phone, with a
warning; anything else is left out, with a warning.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import chain
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

from clinicdesk.core.importer.cells import (
    Unreadable,
    parse_amount,
    parse_date,
    parse_landline,
    parse_mobile,
    text_of,
)
from clinicdesk.core.importer.columns import Mapping
from clinicdesk.core.importer.table import Table
from clinicdesk.core.perf import SLICE, in_slices, mapped
from clinicdesk.core.values import MAX_CHARGE_FEN

MAX_CELL = 32_767  # Excel's limit for one cell: a longer one is not a billing export's
_MOBILE = re.compile("[0-9]{11}")  # the clinic file's check on a mobile
EARLIEST_DATE = "1900-01-01"  # before it, a date is a typing error (0001-01-01), not a visit


class Record(NamedTuple):
    """One importable row: `row` is its 1-based number in the file (a tuple: a million
    of them are made five times faster than a frozen dataclass's)."""

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
    landline: str | None = None  # a phone that is not a mobile: kept as the other phone


@dataclass(frozen=True, slots=True)
class Limits:
    """What a row's values must stay within.

    Attributes:
        max_charge_fen: the largest amount of one charge, either way (a clinic setting).
        today: the import's day: dates more than a year after it are refused, dates
            after it are imported with a warning.
    """

    max_charge_fen: int = MAX_CHARGE_FEN
    today: dt.date = field(default_factory=dt.date.today)


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
    table: Table,
    mapping: Mapping,
    check: Callable[[int], None] | None = None,
    limits: Limits | None = None,
) -> tuple[list[Record], list[Issue]]:
    """Every data row below the header as a Record or a rejection Issue (plus warnings).

    Read column by column: an export repeats its dates, prices, items, names and phones
    over many rows, so each column's distinct cells are read once. A row whose cells all
    read cleanly (nothing to warn about or reject) is made from those values; any other
    row is read again by `parse_row`, which says why. `check(done)` is called after each
    column (progress and cancellation).
    """
    limits = limits or Limits()
    first = mapping.header_row + 1
    rows = table.rows[first:]
    text = table.encoding is not None  # a text file: every cell is text (or missing)
    fields = _fields(rows, mapping, limits, check or (lambda _done: None), text)
    records: list[Record | None] = list(map(Record, table.row_numbers[first:], *fields))
    issues: list[Issue] = []
    slow = sorted(_slow_rows(table, first, mapping.headers, fields))
    for offset in slow:
        records[offset], row_issues = parse_row(table, first + offset, mapping, limits)
        issues.extend(row_issues)
    return [r for r in records if r is not None] if slow else records, issues  # type: ignore[return-value]


def parse_row(
    table: Table, index: int, mapping: Mapping, limits: Limits
) -> tuple[Record | None, list[Issue]]:
    """The data row `table.rows[index]` as a Record or its rejection, with every reason and
    warning, read cell by cell."""
    row, number = table.rows[index], table.row_numbers[index]
    unreadable = _unreadable(table, index, mapping.headers)
    if unreadable is not None:
        return None, [Issue(number, True, *unreadable, row_cells(row))]
    parsed = _record(number, _getter(row), mapping.columns, mapping.extra, limits)
    record, problems = _storable(parsed, mapping)
    return record, [Issue(number, rejected, key, params, row_cells(row))
                    for rejected, key, params in problems]  # fmt: skip


class _Slow:
    """A cell that needs its row read by `parse_row`: a warning or a reason to reject."""


SLOW = _Slow()
T = TypeVar("T")


def _fields(
    rows: list[list[Any]],
    mapping: Mapping,
    limits: Limits,
    check: Callable[[int], None],
    text: bool = False,
) -> list[list[Any]]:
    """The Record fields after the row number (card to landline), one list per field;
    `SLOW` where a phone, date or amount cell needs `parse_row`. `text`: every cell is
    text or None (a text file's), so no cell needs telling apart by type."""
    cols = mapping.columns
    take = _taker(rows, [*cols.values(), *(i for i, _ in mapping.extra)])
    readers: list[tuple[str, Callable[[Any], Any]]] = [
        ("card_no", _clean), ("phone", _clean_mobile), ("name", _clean),
        ("date", partial(_clean_date, limits=limits)), ("item", _clean), ("category", _clean),
        ("amount", partial(_clean_amount, limits=limits)), ("staff", _clean),
    ]  # fmt: skip
    out = []
    for name, read in readers:
        column = take(cols.get(name))
        out.append(_each_text(read, column) if text else _each(read, column))
        check(len(rows) * len(out) // (len(readers) + 1))
    extra = [take(i) for i, _ in mapping.extra]
    out.append(_notes(take(cols.get("note")), extra, [h for _, h in mapping.extra]))
    return [*out, [None] * len(rows)]  # no landline: a landline is a warning, so SLOW


def _notes(notes: list[Any], extra: list[list[Any]], headers: list[str]) -> list[str | None]:
    """Each row's note: its note cell, then "header: value" of the extra columns."""
    if not extra:
        return _each(lambda note: _note(note, []), notes)
    return _each(lambda cells: _note(cells[0], list(zip(headers, cells[1:], strict=True))),
                 notes, *extra)  # fmt: skip


def _taker(rows: list[list[Any]], indexes: list[int]) -> Callable[[int | None], list[Any]]:
    """A function giving column `index` of `rows` (None for a missing cell or column)."""
    width = max(indexes, default=-1) + 1
    if rows and min(map(len, rows)) < width:
        rows = [row if len(row) >= width else [*row, *[None] * (width - len(row))]
                for row in rows]  # fmt: skip

    def take(index: int | None) -> list[Any]:
        return [None] * len(rows) if index is None else mapped(itemgetter(index), rows)

    return take


def _each(read: Callable[[Any], T], *columns: list[Any]) -> list[T]:
    """`read` of each row's cell (one column) or cells (a tuple, several columns), called
    once per distinct value. Cells that are not text are told apart by type too: 1, 1.0
    and True are one dict key, not one cell."""
    keyed = [c if set(mapped(type, c)) <= _TEXT else mapped(_typed, c) for c in columns]
    if len(columns) == 1:
        cells, keys = columns[0], keyed[0]
    else:
        cells, keys = in_slices(zip(*columns, strict=True)), in_slices(zip(*keyed, strict=True))
    done = {key: read(cell) for key, cell in dict(zip(keys, cells, strict=True)).items()}
    return mapped(done.__getitem__, keys)


def _each_text(read: Callable[[Any], T], column: list[str | None]) -> list[T]:
    """`_each` of one column of text cells: no telling apart by type, and a column of
    missing cells read once (`parse_rows` of a 1,000,000-row file: 4.0 s of CPU with
    `_each`, 3.6 s so)."""
    if column.count(None) == len(column):
        return [read(None)] * len(column)
    done = {cell: read(cell) for cell in set(column)}
    return mapped(done.__getitem__, column)


_TEXT = {str, type(None)}


def _typed(cell: Any) -> tuple[type, Any]:
    return type(cell), cell


def _clean_mobile(raw: Any) -> str | None | _Slow:
    """The mobile of a phone cell, None for no phone, or SLOW (a warning, or refused)."""
    mobile, _landline, problems = _phone(_clean(raw))
    if problems or (mobile is not None and not _MOBILE.fullmatch(mobile)):
        return SLOW
    return mobile


def _clean_date(raw: Any, limits: Limits) -> str | _Slow:
    """The ISO date of a date cell, or SLOW (rejected, a warning, or refused)."""
    problems: list[Problem] = []
    date = _date(raw, limits, problems)
    return date if date is not None and not problems and _real_date(date) else SLOW


def _clean_amount(raw: Any, limits: Limits) -> int | _Slow:
    """The fen of an amount cell, or SLOW (rejected, or refused)."""
    fen = _amount(raw, limits, [])
    return fen if fen is not None and -(2**63) <= fen < 2**63 else SLOW


def _longest(rows: list[list[Any]]) -> int:
    """The longest cell's length in `rows` (a slice of the table: see `_slow_rows`)."""
    return max(map(len, chain.from_iterable(rows)), default=0)


def _slow_rows(
    table: Table, first: int, headers: tuple[str, ...], fields: list[list[Any]]
) -> set[int]:
    """The data rows (offsets from `first`) that `parse_row` must read: broken, a cell too
    long, a SLOW cell, or no identity (no card, mobile or name)."""
    slow = {index - first for index in table.broken if index >= first}
    rows = table.rows[first:]
    try:
        parts = range(0, len(rows), SLICE)  # a slice at a time: see clinicdesk.core.perf
        long = max((_longest(rows[at : at + SLICE]) for at in parts), default=0) > MAX_CELL
    except TypeError:  # a number or date cell (.xlsx): row by row
        long = True
    if long:
        slow.update(i for i in range(len(rows))
                    if _unreadable(table, first + i, headers) is not None)  # fmt: skip
    cards, mobiles, names, dates, _item, _category, amounts = fields[:7]
    for column in (mobiles, dates, amounts):
        if SLOW in column:
            slow.update(i for i, value in enumerate(column) if value is SLOW)
    identified = mapped(any, zip(cards, mobiles, names, strict=True))
    if False in identified:
        slow.update(i for i, known in enumerate(identified) if not known)
    return slow


def _unreadable(
    table: Table, index: int, headers: tuple[str, ...]
) -> tuple[str, dict[str, Any]] | None:
    """Why a row cannot be read at all (a broken row, a cell too long), or None."""
    broken = table.broken.get(index)
    if broken is not None:
        return broken.key, dict(broken.params)
    row = table.rows[index]
    try:
        if max(map(len, row), default=0) <= MAX_CELL:
            return None  # a text row (CSV) with no long cell, found without a Python loop
    except TypeError:  # a number or date cell (.xlsx): cell by cell
        pass
    for column, value in enumerate(row):
        if isinstance(value, str) and len(value) > MAX_CELL:
            name = headers[column] if column < len(headers) and headers[column] else column + 1
            return "import.reject.too_long", {"column": name, "length": len(value)}
    return None


def _getter(row: list[Any]) -> Callable[[int | None], Any]:
    def cell(index: int | None) -> Any:
        return row[index] if index is not None and index < len(row) else None

    return cell


Problem = tuple[bool, str, dict[str, Any]]  # (rejects the row, message key, its values)


def _record(
    number: int,
    cell: Callable[[int | None], Any],
    cols: dict[str, int],
    extra: tuple[tuple[int, str], ...],
    limits: Limits,
) -> tuple[Record | None, list[Problem]]:
    raw_date, raw_amount = cell(cols["date"]), cell(cols["amount"])
    card = _clean(cell(cols.get("card_no")))
    name = _clean(cell(cols.get("name")))
    mobile, landline, problems = _phone(_clean(cell(cols.get("phone"))))
    date = _date(raw_date, limits, problems)
    amount = _amount(raw_amount, limits, problems)
    if not (card or mobile or name):
        problems.append((True, "import.reject.identity", {}))
    if date is None or amount is None or any(rejected for rejected, _, _ in problems):
        return None, [p for p in problems if p[0]]
    note = _note(cell(cols.get("note")), [(h, cell(i)) for i, h in extra])
    return Record(row=number, card=card, mobile=mobile, name=name, date=date,
                  item=_clean(cell(cols.get("item"))), category=_clean(cell(cols.get("category"))),
                  amount_fen=amount, staff=_clean(cell(cols.get("staff"))), note=note,
                  landline=landline), problems  # fmt: skip


def _storable(
    parsed: tuple[Record | None, list[Problem]], mapping: Mapping
) -> tuple[Record | None, list[Problem]]:
    """The record, or its rejection when the clinic file's checks would refuse a value it
    holds (a reader's slip: otherwise the write would drop the row as if a duplicate)."""
    record, problems = parsed
    refused = None if record is None else _refused(record)
    if refused is None:
        return record, problems
    field, value = refused
    column = mapping.headers[mapping.columns[field]]
    return None, [(True, "import.reject.refused", {"column": column, "value": value})]


def _refused(record: Record) -> tuple[str, str] | None:
    """(field, value) of the first value the clinic file's CHECKs refuse, or None: a date
    that is not a real ISO date, a mobile that is not 11 digits, an amount beyond SQLite's
    64-bit integers."""
    if not _real_date(record.date):
        return "date", record.date
    if record.mobile is not None and not _MOBILE.fullmatch(record.mobile):
        return "phone", record.mobile
    if not -(2**63) <= record.amount_fen < 2**63:
        return "amount", str(record.amount_fen)
    return None


@lru_cache(maxsize=65536)
def _real_date(text: str) -> bool:
    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _phone(text: str | None) -> tuple[str | None, str | None, list[Problem]]:
    """(mobile, landline, warnings) of a phone cell: a landline is kept, with a warning;
    anything else that is not a mobile is left out, with a warning."""
    if not text:
        return None, None, []
    mobile = parse_mobile(text)
    if mobile is not None:
        return mobile, None, []
    landline = parse_landline(text)
    if landline is not None:
        return None, landline, [(False, "import.warn.landline", {"value": text})]
    return None, None, [(False, "import.warn.bad_phone", {"value": text})]


def _date(raw: Any, limits: Limits, problems: list[Problem]) -> str | None:
    """The ISO date of a cell within the limits, or None with the reason in `problems`."""
    date = parse_date(raw)
    value = {"value": text_of(raw)}
    today, latest = _window(limits.today)
    if date is None:
        problems.append((True, "import.reject.date", value))
    elif date < EARLIEST_DATE:
        problems.append((True, "import.reject.date_too_old", value))
    elif date > latest:
        problems.append((True, "import.reject.date_too_far", {**value, "latest": latest}))
    else:
        if date > today:
            problems.append((False, "import.warn.future_date", {**value, "today": today}))
        return date
    return None


@lru_cache(maxsize=8)
def _window(today: dt.date) -> tuple[str, str]:
    """The import's day and the last day a date may be (a year later), as ISO text."""
    try:
        latest = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        latest = today + dt.timedelta(days=365)
    return today.isoformat(), latest.isoformat()


def _amount(raw: Any, limits: Limits, problems: list[Problem]) -> int | None:
    """The fen of a cell within the limit, or None with the reason in `problems`."""
    try:
        return parse_amount(raw, limits.max_charge_fen)
    except Unreadable as why:
        problems.append((True, why.key, {"value": text_of(raw), **why.params}))
        return None


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
