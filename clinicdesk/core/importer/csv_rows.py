"""The rows of a CSV text, each one accounted for, even in a damaged file.

A **row** is a record of the file as a spreadsheet shows it: one line, or several when a
quoted cell holds line breaks (Excel writes a note with a line break that way); rows
are numbered from 1 at the top of the file, empty rows counted, as Excel numbers them.
Without multi-line cells the row number is the line number.

Python's csv reader, given a stray quote, reads on to the next quote, however far: one
``"`` in a 300-row export swallowed 290 rows into one cell, and past 131,072 characters it
fails with "field larger than field limit". Here the reader is strict and bounded:

- a record that spans more than `MAX_RECORD_LINES` lines, meets the end of the file
  inside a quote, has text after a closing quote on a later line, or spans lines and
  ends with another number of cells than the file's usual rows, is a **broken row**:
  its first line is reported as "an unbalanced quote from row N", and reading goes on
  at the next line, so the rows after it are read normally;
- a line containing a NUL character is a broken row too;
- text after a closing quote within one line (``"王"小明``) is kept, as Excel does.

Cells longer than Excel's 32,767 characters are read (the caller rejects their row).

A text whose every row is one line that the strict reader takes (most exports) is read
by csv alone, with the same rows and numbers: line by line it took twice the time.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass

from clinicdesk.core.perf import holds, in_slices, lines_of

__all__ = ["MAX_RECORD_LINES", "Broken", "CsvRows", "read_rows"]

MAX_RECORD_LINES = 50  # a note of 50 lines in one cell is long; more is a stray quote
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_FIELD_LIMIT = 2**31 - 1  # cells of any length are read; their row is rejected later
_WIDTH_SAMPLE = 1000


@dataclass(frozen=True, slots=True)
class Broken:
    """A row that could not be split into cells: why (a message key and its values)."""

    key: str
    params: dict[str, object]


@dataclass(frozen=True, slots=True)
class CsvRows:
    """Every non-empty row of a CSV text: `rows[i]` is row number `numbers[i]`; a broken
    row is its raw text as one cell, with the reason in `broken[i]`."""

    rows: list[list[str]]
    numbers: list[int]
    broken: dict[int, Broken]


class _Lines:
    """The physical lines for csv.reader, which records may not take too many of."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.pos = 0
        self.start = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.pos >= len(self.lines):
            raise StopIteration
        if self.pos - self.start >= MAX_RECORD_LINES:
            raise _Runaway
        self.pos += 1
        return self.lines[self.pos - 1]


class _Runaway(Exception):
    """A quoted cell went on for more lines than any real cell does."""


def read_rows(text: str, delimiter: str) -> CsvRows:
    """The rows of `text` (see the module's docstring)."""
    csv.field_size_limit(_FIELD_LIMIT)
    return _one_line_rows(text, delimiter) or _bounded_rows(text, delimiter)


def _one_line_rows(text: str, delimiter: str) -> CsvRows | None:
    """The rows of a text whose every row is one line and reads strictly (most exports),
    read by csv alone; None for any other text (a NUL, a quote the strict reader refuses,
    a cell with a line break), which `_bounded_rows` then reads line by line.

    Universal newlines (``newline=""``) split the lines as `_LINES` does, so a row's
    number is its line's number."""
    if holds(text, "\0"):
        return None
    reader = csv.reader(lines_of(text), delimiter=delimiter, strict=True)
    try:
        rows = in_slices(reader)  # not list(reader): that holds the GIL for all of it
    except csv.Error:
        return None
    if reader.line_num != len(rows):  # a record took more than one line
        return None
    kept = [n for n, cells in enumerate(rows, start=1) if any(map(str.strip, cells))]
    if len(kept) < len(rows):  # empty rows are numbered, not kept
        rows = [rows[n - 1] for n in kept]
    return CsvRows(rows, kept, {})


def _bounded_rows(text: str, delimiter: str) -> CsvRows:
    """The rows of any text, each record bounded to `MAX_RECORD_LINES` lines."""
    lines = in_slices(map(re.Match.group, _LINES.finditer(text)))  # not findall: see perf
    width = _usual_width(lines, delimiter)
    strict = csv.reader(feed := _Lines(lines), delimiter=delimiter, strict=True)
    out = CsvRows([], [], {})
    number = 0
    while feed.pos < len(lines):
        feed.start = start = feed.pos
        number += 1
        try:
            cells: list[str] | None = next(strict)
        except StopIteration:
            break
        except (csv.Error, _Runaway):
            cells = _alone(lines[start], delimiter) if feed.pos - start == 1 else None
        if cells is not None and feed.pos - start > 1 and width and len(cells) != width:
            cells = None  # a quote opened here closed at a quote of another row
        if cells is None or "\0" in lines[start]:
            feed.pos = start + 1  # go on at the next line
            _add(out, number, [lines[start].rstrip("\r\n")], _reason(lines[start], number))
        elif any(cell.strip() for cell in cells):
            _add(out, number, cells, None)
    return out


def _add(out: CsvRows, number: int, cells: list[str], broken: Broken | None) -> None:
    if broken is not None:
        out.broken[len(out.rows)] = broken
    out.rows.append(cells)
    out.numbers.append(number)


def _reason(line: str, number: int) -> Broken:
    if "\0" in line:
        return Broken("import.reject.nul", {})
    return Broken("import.reject.quote", {"row": number})


def _alone(line: str, delimiter: str) -> list[str] | None:
    """One line that the strict reader refused, read the lenient way if its quotes
    balance (text after a closing quote); None if a quote stays open."""
    if "\0" in line or _open_quote(line, delimiter):
        return None
    return next(csv.reader([line], delimiter=delimiter), [])


def _open_quote(line: str, delimiter: str) -> bool:
    """Whether a quoted cell is still open at the end of `line` (csv's rules: a quote
    opens a cell only at its start; inside, a doubled quote is a quote)."""
    inside, at_start, i = False, True, 0
    while i < len(line):
        char = line[i]
        if inside and char == '"':
            if line.startswith('"', i + 1):
                i += 1
            else:
                inside = False
        elif not inside and char == '"' and at_start:
            inside = True
        if not inside:
            at_start = char == delimiter
        i += 1
    return inside


def _usual_width(lines: list[str], delimiter: str) -> int | None:
    """The most common number of cells of the first lines that are a row by themselves."""
    widths: Counter[int] = Counter()
    for line in lines[:_WIDTH_SAMPLE]:
        cells = _alone(line, delimiter)
        if cells and any(cell.strip() for cell in cells):
            widths[len(cells)] += 1
    return widths.most_common(1)[0][0] if widths else None
