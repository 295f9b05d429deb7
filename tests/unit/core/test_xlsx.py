"""The .xlsx writer: what a spreadsheet program reads back is what was written."""

from __future__ import annotations

import zipfile
from decimal import Decimal

import openpyxl
import pytest

from clinicdesk.core.xlsx import MAX_TEXT, write_sheet


def _read(path):
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [list(row) for row in book.active.iter_rows(values_only=True)]
    finally:
        book.close()


def test_text_numbers_and_gaps_come_back_typed(tmp_path):
    path = tmp_path / "t.xlsx"
    write_sheet(path, [["名字", "金额"], ["王小明", Decimal("1280.50")], [None, 3], ["x", 0.25]])
    assert _read(path) == [["名字", "金额"], ["王小明", 1280.5], [None, 3], ["x", 0.25]]


def test_markup_and_formulas_stay_text(tmp_path):
    path = tmp_path / "t.xlsx"
    cells = ["<b>&amp;", '=HYPERLINK("http://x")', "=1+1", "a > b & c"]
    write_sheet(path, [cells])
    assert _read(path) == [cells]


def test_spaces_and_line_breaks_survive(tmp_path):
    path = tmp_path / "t.xlsx"
    cells = ["  两边有空格 ", "行一\n行二\t列"]
    write_sheet(path, [cells])
    assert _read(path) == [cells]


def test_control_characters_are_escaped_as_excel_reads_them(tmp_path):
    # XML cannot hold them: Excel reads _xHHHH_ as the character, so a text that looks
    # like such an escape has its "_" escaped too (XlsxWriter wrote the same).
    path = tmp_path / "t.xlsx"
    write_sheet(path, [["铃\x07声", "_x0041_ 不是 A", "回车\r"]])
    with zipfile.ZipFile(path) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<t>铃_x0007_声</t>" in sheet and "<t>_x005F_x0041_ 不是 A</t>" in sheet
    assert "<t>回车_x000D_</t>" in sheet  # XML would read a bare CR back as a line feed


def test_a_cell_longer_than_excel_holds_is_cut_at_its_limit(tmp_path):
    path = tmp_path / "t.xlsx"
    write_sheet(path, [["字" * (MAX_TEXT + 10)]])
    assert _read(path) == [["字" * MAX_TEXT]]


def test_columns_past_z_are_addressed_right(tmp_path):
    path = tmp_path / "t.xlsx"
    row = list(range(30))
    write_sheet(path, [row])
    assert _read(path) == [row]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN")])
def test_a_value_that_is_not_a_number_is_refused(tmp_path, value):
    with pytest.raises(ValueError):
        write_sheet(tmp_path / "t.xlsx", [[value]])


def test_a_cell_that_is_neither_text_nor_a_number_is_refused(tmp_path):
    with pytest.raises(TypeError):
        write_sheet(tmp_path / "t.xlsx", [[object()]])  # type: ignore[list-item]
