"""The fast ways of reading an export give exactly what the careful ways give: rows read
by csv alone equal rows read line by line, and rows parsed column by column equal rows
parsed one by one (`parse_row`), reasons, warnings and order included."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from clinicdesk.core.importer import csv_rows
from clinicdesk.core.importer.columns import find_mapping
from clinicdesk.core.importer.parse import Issue, Limits, parse_row, parse_rows
from clinicdesk.core.importer.table import Table

_TEXT_CHUNKS = ["a", "王", ",", ";", '"', '""', " ", "\t", "\n", "\r\n", "\r", "\0", "1",
                "\x85", "\u2028", "\x0c", '"a\nb"', '"a\r\n\r\nb",', '"x""y"', '"王"小明',
                ',"\n']  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_CHUNKS), min_size=1, max_size=40), st.sampled_from(",;"))
def test_rows_read_by_csv_alone_equal_rows_read_line_by_line(chunks, delimiter):
    text = "".join(chunks)
    assert csv_rows.read_rows(text, delimiter) == csv_rows._bounded_rows(text, delimiter)


HEADER = ["会员卡号", "姓名", "手机号", "消费日期", "消费项目", "实收金额", "医生", "备注", "其他"]
_CELLS = [
    "", " ", "YY1", "ＹＹ1", "王小明", "Anna  Li", "13800138000", "138 0013 8001",
    "0571-88886666", "12345", "2023-05-06", "2023/5/7", "昨天", "2023-02-30", "2027-06-01",
    "2026-12-20", "1899-12-31", "45000", "300", "1,280.00", "(300)", "三百", "12.345",
    "99999999999999999999", "洁牙", "x" * 32_768, None, 1, 1.0, True, 0, 45000, 45000.0,
    300.5, float("nan"), dt.datetime(2023, 5, 6, 9, 30), dt.date(2023, 5, 6),
]  # fmt: skip
_ROW = st.lists(st.sampled_from(_CELLS), min_size=0, max_size=len(HEADER) + 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ROW, min_size=1, max_size=30), st.sets(st.integers(1, 30)))
def test_rows_parsed_column_by_column_equal_rows_parsed_one_by_one(rows, broken):
    table = Table([HEADER, *rows], list(range(1, len(rows) + 2)),
                  broken={i: csv_rows.Broken("import.reject.quote", {"row": i + 1})
                          for i in broken if i <= len(rows)})  # fmt: skip
    _assert_parsed_as_one_by_one(table)


_TEXT_ROW = st.tuples(  # a column's usual values mostly, so that most rows are clean
    st.sampled_from(["YY1", "YY2", "ＹＹ1", "", " "]),
    st.sampled_from(["王小明", "Anna  Li", "李娜", ""]),
    st.sampled_from(["13800138000", "138 0013 8001", "", "0571-88886666", "12345"]),
    st.sampled_from(["2023-05-06", "2023/5/7", "45000", "2023-02-30", "2026-12-20", ""]),
    st.sampled_from(["洁牙", "补牙", "", " "]),
    st.sampled_from(["300", "1,280.00", "(300)", "三百", "12.345", ""]),
    st.sampled_from(["周医生", "", "x" * 32_768]),
).map(list)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT_ROW, min_size=1, max_size=30))
def test_a_text_file_s_rows_parsed_column_by_column_equal_rows_parsed_one_by_one(rows):
    # A text file's cells are text: its columns are read without telling types apart.
    _assert_parsed_as_one_by_one(
        Table([HEADER, *rows], list(range(1, len(rows) + 2)), encoding="utf-8")
    )


def _assert_parsed_as_one_by_one(table: Table) -> None:
    mapping = find_mapping(table.rows, {}, True, "a.csv")
    limits = Limits(10**12, dt.date(2026, 12, 1))
    records, issues = parse_rows(table, mapping, None, limits)
    expected_records, expected_issues = [], []
    for index in range(1, len(table.rows)):
        record, row_issues = parse_row(table, index, mapping, limits)
        expected_records += [record] if record is not None else []
        expected_issues += row_issues
    assert records == expected_records
    assert _comparable(issues) == _comparable(expected_issues)


def test_cells_equal_as_values_but_not_as_cells_are_read_apart():
    # 1, 1.0 and True are one dict key; as .xlsx cells they read "1", "1" and "True"
    cells = [1, True, 1.0, True, 1]
    table = Table([HEADER, *([card, "", "", "2023-05-06", "", "300"] for card in cells)],
                  list(range(1, len(cells) + 2)))  # fmt: skip
    mapping = find_mapping(table.rows, {}, True, "a.xlsx")
    records, _issues = parse_rows(table, mapping)
    assert [r.card for r in records] == ["1", "True", "1", "True", "1"]


def _comparable(issues: list[Issue]) -> list[tuple[object, ...]]:
    # NaN is not equal to itself: compare the texts the report shows
    return [(i.row, i.rejected, i.key, repr(i.params), i.cells) for i in issues]
