"""Every data row of an export is accounted for exactly once: imported, skipped as a
duplicate, or rejected with its row number and original text — stray quotes, huge
cells and random damage included."""

from __future__ import annotations

import csv
import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import clinicdesk.core.importer as importer
from clinicdesk.core.db import memory_clinic
from clinicdesk.core.errors import BugError, KnownError
from clinicdesk.core.importer import ImportOptions, import_file
from clinicdesk.core.importer.summary import summary_text
from tests.unit.core.importer.conftest import HEADER, counts

HEAD = ",".join(HEADER)


def _line(n: int, name: str | None = None) -> str:
    return f"C{n},{name or f'顾客{n}'},,2023-05-{n % 28 + 1:02d},洁牙,口腔,{100 + n},,"


def _export(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join([HEAD, *lines]) + "\r\n").encode(encoding))
    return path


def _report(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))[1:]


def test_one_stray_quote_rejects_its_row_and_the_rest_are_read(db, tmp_path, run_import):
    lines = [_line(n) for n in range(300)]
    lines[150] = _line(150, '"顾客150')  # a quote opened at the start of a cell, never closed
    result = run_import(_export(tmp_path / "gbk.csv", lines, "gbk"))
    assert (result.rows, result.imported, result.rejected) == (300, 299, 1)
    row = 150 + 2  # the header is row 1
    assert _report(tmp_path / "report.csv")[0][:3] == [
        str(row), "未导入", f"引号不成对：第 {row} 行的引号没有结束，本行未导入（其后的行照常读取）"
    ]  # fmt: skip
    assert f"1 行的引号不成对（第 {row} 行）" in summary_text(result, "zh_CN")


def test_a_stray_quote_in_a_large_export_is_not_a_traceback(db, tmp_path, run_import):
    lines = [_line(n) for n in range(4000)]
    lines[10] = _line(10, '"顾客10')
    result = run_import(_export(tmp_path / "a.csv", lines))
    assert (result.rows, result.imported, result.rejected) == (4000, 3999, 1)


@pytest.mark.parametrize("length", [40_000, 10_000_000])
def test_an_oversized_cell_is_a_rejected_row(db, tmp_path, run_import, length):
    lines = [_line(n) for n in range(5)]
    lines[2] = _line(2) + "x" * length
    result = run_import(_export(tmp_path / "a.csv", lines))
    assert (result.rows, result.imported, result.rejected) == (5, 4, 1)
    reason = _report(tmp_path / "report.csv")[0][2]
    assert f"有 {length:,} 个字符，超过 Excel 单元格上限 32,767" in reason


def test_a_row_with_two_problems_is_one_rejected_row(db, tmp_path, run_import):
    lines = [_line(1), "C2,李娜,,昨天,洁牙,口腔,三百,,"]
    result = run_import(_export(tmp_path / "a.csv", lines))
    assert (result.rows, result.imported, result.rejected) == (2, 1, 1)
    (only,) = _report(tmp_path / "report.csv")
    assert only[:2] == ["3", "未导入"] and "日期“昨天”" in only[2] and "金额“三百”" in only[2]


def test_a_cell_with_line_breaks_is_one_row_numbered_as_a_spreadsheet_does(
    db, tmp_path, run_import
):
    lines = [_line(1) + '"复诊\n注意疼痛\n下次洁牙"', "C2,李娜,,昨天,洁牙,口腔,300,,", _line(3)]
    result = run_import(_export(tmp_path / "a.csv", lines))
    assert (result.rows, result.imported, result.rejected) == (3, 2, 1)
    assert _report(tmp_path / "report.csv")[0][0] == "3"  # Excel's row 3, the file's line 5
    assert db.execute("SELECT note FROM charges WHERE date = '2023-05-02'").fetchone() == (
        "复诊\n注意疼痛\n下次洁牙",
    )


def test_a_row_with_a_nul_character_is_rejected_and_the_rest_read(db, tmp_path, run_import):
    lines = [_line(n) for n in range(200)]
    lines[150] = _line(150).replace("洁牙", "洁\0牙")  # past the first 4 KB, read as text
    result = run_import(_export(tmp_path / "a.csv", lines))
    assert (result.rows, result.imported, result.rejected) == (200, 199, 1)


def test_the_importer_refuses_to_write_when_a_row_would_be_lost(
    db, tmp_path, run_import, monkeypatch
):
    real = importer.parse_rows

    def loses_one(table, mapping, check=None, limits=None):
        records, issues = real(table, mapping, check, limits)
        return records[1:], issues

    monkeypatch.setattr(importer, "parse_rows", loses_one)
    with pytest.raises(BugError):
        run_import(_export(tmp_path / "a.csv", [_line(1), _line(2)]))
    assert counts(db) == (0, 0)


# The property: random damage to valid exports never loses or double-counts a row.

_CHUNKS = ['"', '""', ",", "\n", "\r\n", "\r", "\t", "\0", "中", "x", " ", "-", "x" * 40_000]
_mutation = st.tuples(
    st.sampled_from(["insert", "delete", "drop_line", "repeat_line"]),
    st.floats(0, 1),
    st.sampled_from(_CHUNKS),
)
_rows = st.lists(
    st.tuples(
        st.sampled_from(["YY1", "YY2", "", "C9"]),
        st.sampled_from(["王小明", "李娜", "", "Anna Li"]),
        st.sampled_from(["13800138000", "", "0571-88886666", "138 0013 8001"]),
        st.sampled_from(["2023-05-06", "2023/5/7", "20230508", "昨天", ""]),
        st.sampled_from(["洁牙", "补牙", ""]),
        st.sampled_from(["300", "1,280.00", "-600", "三百", "", "12.5"]),
    ),
    min_size=1,
    max_size=12,
)


def _mutate(text: str, mutations: list[tuple[str, float, str]]) -> str:
    for op, where, chunk in mutations:
        at = int(where * len(text))
        lines = text.split("\n")
        line = min(int(where * len(lines)), len(lines) - 1)
        if op == "insert":
            text = text[:at] + chunk + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + 1 :]
        elif op == "drop_line" and line > 0:
            text = "\n".join(lines[:line] + lines[line + 1 :])
        elif op == "repeat_line" and line > 0:
            text = "\n".join(lines[: line + 1] + lines[line:])
    return text


def _data_rows_without_quotes(text: str) -> int | None:
    """The data rows, counted apart from the importer, for a text with no quote left in
    it and its header untouched: every line below it with more than separators."""
    lines = re.split(r"\r\n|\r|\n", text)
    if '"' in text or lines[0] != HEAD:
        return None
    return sum(1 for line in lines[1:] if re.sub(r"[\s,;|\t]", "", line))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_rows, st.lists(_mutation, min_size=1, max_size=4), st.sampled_from(["utf-8", "gb18030"]))
def test_every_row_of_a_damaged_export_is_accounted_for_once(tmp_path, rows, mutations, encoding):
    body = "\n".join(",".join([*row, "", "", ""]) for row in rows)
    text = _mutate(f"{HEAD}\n{body}\n", mutations)
    path = tmp_path / "mutated.csv"
    path.write_bytes(text.encode(encoding))
    db = memory_clinic()
    try:
        result = import_file(db, path, ImportOptions())
    except KnownError:
        return  # refused as a whole (no header left, say): nothing was written
    finally:
        db.close()
    assert result.rows == result.imported + result.duplicates_skipped + result.rejected
    assert result.rejected == len({i.row for i in result.issues if i.rejected})
    expected = _data_rows_without_quotes(text)
    assert expected is None or result.rows == expected


def test_a_row_the_clinic_file_refuses_is_rejected_with_why_never_a_duplicate(
    db, tmp_path, run_import, monkeypatch
):
    # A value the reader lets through but a CHECK of the clinic file refuses (here a date
    # the reader is made to pass) is one rejected row with its reason, not a duplicate.
    from clinicdesk.core.importer import parse

    real = parse.parse_date
    monkeypatch.setattr(
        parse, "parse_date", lambda raw: "2023-02-30" if raw == "2023-05-03" else real(raw)
    )
    result = run_import(_export(tmp_path / "a.csv", [_line(n) for n in range(5)]))
    assert (result.imported, result.duplicates_skipped, result.rejected) == (4, 0, 1)
    (refused,) = [i for i in result.issues if i.rejected]
    assert (refused.row, refused.key) == (4, "import.reject.refused")
    assert refused.params == {"column": "消费日期", "value": "2023-02-30"}


def test_the_write_skips_only_true_duplicates(db):
    # Below the reader: a charge the clinic file refuses fails the write (its transaction
    # leaves nothing) instead of being counted as a duplicate.
    from clinicdesk.core.db.patients import add_patient
    from clinicdesk.core.importer.load import Load, begin, write_charges

    pid = add_patient(db, name="王小明", mobile="13800001111")
    charge = (pid, "2023-02-30", "洁牙", None, 100, None, None, 1)
    load = Load((pid, 1), [], [], [], [charge], created=0, matched=1)
    batch = {"file_name": "a.csv", "file_hash": "0", "source": "导入"}
    with pytest.raises(sqlite3.IntegrityError), db.atomic():
        write_charges(db, load, begin(db, load, batch), lambda _done: None, lambda: None)
    assert db.execute("SELECT count(*) FROM charges").fetchone()[0] == 0
