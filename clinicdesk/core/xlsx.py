"""A one-sheet .xlsx writer for exports: text and numbers, written at the speed of a join.

An .xlsx file is a zip of a few XML parts (ECMA-376, SpreadsheetML). An export needs
one worksheet of plain cells, so the parts are fixed text but the sheet, and the sheet
is made one row at a time with string joins: about 1 us a cell, where XlsxWriter spends
5 us (its per-cell checks and escapes; 70,000 tier-list rows of 13 cells took it 4.5-5 s
of CPU). Cells are typed as XlsxWriter wrote them: a string is always an inline string
(never a formula or a link), a number a number, None an empty cell.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

Cell = str | int | float | Decimal | None

MAX_TEXT = 32_767  # Excel's limit on a cell's characters
_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.styles+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{_NS}" xmlns:r="{_REL}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<styleSheet xmlns="{_NS}">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        "</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}
# XML text escapes; the control characters XML 1.0 forbids, and a carriage return
# (which XML reads back as a line feed), are written as Excel reads them back, _xHHHH_
# (and a literal "_x" is escaped itself, so it survives). As XlsxWriter writes them.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
    | {chr(c): f"_x{c:04X}_" for c in range(32) if chr(c) not in "\t\n"}
)


_LITERAL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def write_sheet(path: Path, rows: Iterable[Sequence[Cell]]) -> None:
    """Write `rows` (the first is usually the headers) as the one sheet of a workbook."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for name, text in _PARTS.items():
            book.writestr(name, text)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<worksheet xmlns="{_NS}"><sheetData>'.encode()
            )
            batch: list[str] = []
            for number, row in enumerate(rows, start=1):
                batch.append(_row(number, row))
                if len(batch) == 1000:
                    sheet.write("".join(batch).encode())
                    batch.clear()
            sheet.write(("".join(batch) + "</sheetData></worksheet>").encode())


def _row(number: int, row: Sequence[Cell]) -> str:
    cells = []
    for column, cell in enumerate(row):
        if cell is None:
            continue
        ref = f"{_letters(column)}{number}"
        if isinstance(cell, str):
            cells.append(f'<c r="{ref}" t="inlineStr"><is>{_text(cell)}</is></c>')
        else:
            cells.append(f'<c r="{ref}"><v>{_number(cell)}</v></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def _text(value: str) -> str:
    value = value[:MAX_TEXT]
    if "_x" in value:  # a literal _xHHHH_ would read back as a character: escape its "_"
        value = _LITERAL_ESCAPE.sub(r"_x005F_\1", value)
    value = value.translate(_ESCAPES)
    if value[:1].isspace() or value[-1:].isspace():
        return f'<t xml:space="preserve">{value}</t>'
    return f"<t>{value}</t>"


def _number(value: int | float | Decimal) -> str:
    if not isinstance(value, int | float | Decimal):
        raise TypeError(f"a cell holds text, a number or nothing, not {type(value).__name__}")
    if isinstance(value, float | Decimal) and not math.isfinite(value):
        raise ValueError(f"{value} is not a number a spreadsheet can hold")
    if isinstance(value, float):
        return repr(value)
    return str(int(value)) if isinstance(value, bool) else str(value)


@lru_cache(maxsize=256)
def _letters(column: int) -> str:
    """The column's letters: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
