"""Reading a billing export into rows: CSV in any common encoding, or an .xlsx sheet.

Encoding, in this order (the users are Chinese clinics): a byte-order mark decides
(UTF-8, UTF-16); else strict UTF-8 if the whole file decodes; else strict GB18030 (the
superset of GBK and GB2312, what Chinese Excel writes) if the whole file decodes; only
then charset-normalizer's best guess. A detector guesses from byte statistics, and a
small or repetitive export (a few names, one item) has too few of them: it was read as
Korean, Japanese or Thai although it decoded as GB18030. The user can name the encoding
instead (``--encoding big5`` for a Big5 export, which also decodes as GB18030).
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clinicdesk.core.errors import KnownError
from clinicdesk.core.importer.csv_rows import Broken, CsvRows, read_rows
from clinicdesk.core.perf import decoded

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "hz", "euc_cn"}
_STRICT = ("utf-8", "gb18030")  # tried in this order before any guess
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}


@dataclass(frozen=True, slots=True)
class Table:
    """The cells of a file, as read: every row a list of values (text, or Excel types).

    Attributes:
        rows: all non-empty rows, the header among them; `row_numbers` are their 1-based
            numbers as a spreadsheet shows them (see `csv_rows`), for messages.
        encoding: the text encoding used (None for Excel).
        sheet: the sheet read (None for CSV); sheets: all sheet names.
        broken: the rows that could not be split into cells (by index into `rows`),
            each kept as its raw text in one cell, with the reason.
    """

    rows: list[list[Any]]
    row_numbers: list[int]
    encoding: str | None = None
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    broken: dict[int, Broken] = field(default_factory=dict)


def read_table(path: Path, *, encoding: str | None = None, sheet: str | None = None) -> Table:
    """Read `path` (CSV/TSV/TXT or .xlsx); raises KnownError for what cannot be read."""
    if not path.is_file():
        raise KnownError("import.no_file", path=str(path))
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise KnownError("import.xls", path=path.name)
    if suffix in EXCEL_SUFFIXES:
        return _read_xlsx(path, sheet)
    data = path.read_bytes()
    if not data or data.isspace():  # not data.strip(): a copy of it all
        raise KnownError("import.empty", path=path.name)
    if _looks_binary(data):
        raise KnownError("import.not_a_table", path=path.name)
    try:
        text, used = _decoded(data, encoding)
    except (UnicodeDecodeError, LookupError):
        tried = encoding or _guess_encoding(data)
        raise KnownError("import.bad_encoding", path=path.name, encoding=tried) from None
    found = _read_csv(text)
    return Table(found.rows, found.numbers, encoding=used, broken=found.broken)


def _decoded(data: bytes, encoding: str | None) -> tuple[str, str]:
    """The text of `data` and the encoding it was read with: `encoding`, or the first of
    the module docstring's order that decodes the whole file."""
    if encoding:
        return decoded(data, encoding), encoding
    for bom, name in _BOMS:
        if data.startswith(bom):
            return decoded(data, name), name
    for name in _STRICT:
        try:
            return decoded(data, name), name
        except UnicodeDecodeError:
            pass
    used = _guess_encoding(data)
    return decoded(data, used), used


def _guess_encoding(data: bytes) -> str:
    """charset-normalizer's guess for bytes that are neither UTF-8 nor GB18030, with the GB
    family read as GB18030."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    name = best.encoding if best else "gb18030"
    return "gb18030" if name.replace("-", "_").lower() in _GB_FAMILY else name


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head or head.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0"))


def _read_csv(text: str) -> CsvRows:
    try:  # the delimiter only: the quote is always '"', read strictly (see csv_rows)
        delimiter = csv.Sniffer().sniff(text[:20_000], ",\t;|").delimiter
    except csv.Error:
        delimiter = ","
    return read_rows(text, delimiter)


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise KnownError("import.not_a_table", path=path.name) from exc
    try:
        names = tuple(book.sheetnames)
        if sheet is not None and sheet not in names:
            raise KnownError("import.no_sheet", sheet=sheet, sheets="、".join(names))
        ws = book[sheet] if sheet else book.worksheets[0]
        rows, numbers = [], []
        for number, row in enumerate(_sheet_rows(ws), start=1):
            if any(c is not None and str(c).strip() for c in row):
                rows.append(list(row))
                numbers.append(number)
    finally:
        book.close()
    if not rows:
        raise KnownError("import.empty", path=path.name)
    return Table(rows, numbers, sheet=ws.title, sheets=names)


def _sheet_rows(ws: Any) -> Iterator[tuple[Any, ...]]:
    yield from ws.iter_rows(values_only=True)
