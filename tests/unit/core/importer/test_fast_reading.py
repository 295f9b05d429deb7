"""The fast ways of reading an export give exactly what the careful ways give: rows read
by csv alone equal rows read line by line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clinicdesk.core.importer import csv_rows

_TEXT_CHUNKS = ["a", "王", ",", ";", '"', '""', " ", "\t", "\n", "\r\n", "\r", "\0", "1",
                "\x85", "\u2028", "\x0c", '"a\nb"', '"a\r\n\r\nb",', '"x""y"', '"王"小明',
                ',"\n']  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_CHUNKS), min_size=1, max_size=40), st.sampled_from(",;"))
def test_rows_read_by_csv_alone_equal_rows_read_line_by_line(chunks, delimiter):
    text = "".join(chunks)
    assert csv_rows.read_rows(text, delimiter) == csv_rows._bounded_rows(text, delimiter)
