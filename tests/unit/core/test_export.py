"""Exports: CSV that Excel opens (UTF-8 with BOM), .xlsx with numbers as numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest

from clinicdesk import cli
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.core.errors import KnownError
from clinicdesk.core.export import patient_table, tier_table, write_table
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation


@pytest.fixture
def two(db):
    a = add_patient(db, name="王小明", sex="F", mobile="13800138000", card_no="C1")
    b = add_patient(db, name="李娜", sex="M")
    add_charge(db, a, date="2025-03-01", item="热玛吉", amount_fen=1_680_050)
    add_charge(db, b, date="2025-03-02", item="洁牙", amount_fen=29_800)
    return db


def test_csv_is_utf8_with_bom_and_money_has_two_decimals(two, tmp_path):
    path = tmp_path / "p.csv"
    write_table(path, *patient_table(two, "zh_CN"))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["编号", "姓名", "性别"]
    assert rows[1][1:3] == ["王小明", "女"] and rows[1][8] == "16800.50"


def test_xlsx_keeps_numbers_as_numbers(two, tmp_path):
    from openpyxl import load_workbook

    result = run_segmentation(
        two, EngineParams(TierParams(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    )
    path = tmp_path / "t.xlsx"
    write_table(path, *tier_table(two, result, "en", full_phones=True))
    sheet = load_workbook(path).active
    first = [c.value for c in sheet[2]]
    assert first[:6] == [1, 1, "王小明", "C1", "13800138000", "A"]
    assert first[8] == pytest.approx(16800.50) and first[7] == "new"


def test_a_target_that_cannot_be_written_is_a_clear_error(tmp_path):
    # e.g. the file is open in Excel (Windows refuses it); here: a folder of that name
    target = tmp_path / "calls.xlsx"
    target.mkdir()
    with pytest.raises(KnownError) as info:
        write_table(target, ["a"], [[1]])
    assert info.value.key == "export.cannot_write" and "calls.xlsx" in info.value.message("en")
    assert not list(tmp_path.glob("*.partial"))


def test_an_export_never_leaves_a_half_written_file(tmp_path):
    with pytest.raises(KnownError):
        write_table(tmp_path / "missing" / "x.csv", ["a"], [[1]])
    path = tmp_path / "x.csv"
    write_table(path, ["金额"], [[Decimal("1.50")]])
    assert not list(tmp_path.glob("*.partial"))
    assert path.read_text(encoding="utf-8-sig").splitlines() == ["金额", "1.50"]


@pytest.mark.parametrize("what", ["patients", "tiers"])
def test_the_cli_exports_both_lists(demo_path, tmp_path, capsys, what):
    out = tmp_path / f"{what}.xlsx"
    assert cli.main(["export", what, "--db", str(demo_path), "--out", str(out)]) == 0
    assert out.exists() and "已导出" in capsys.readouterr().out


HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "＝1+1"]


def _csv_rows(path):
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_csv_writes_formula_like_text_as_text_and_numbers_as_numbers(tmp_path):
    path = tmp_path / "x.csv"
    write_table(path, ["名"], [[text] for text in HOSTILE] + [[Decimal("-300.00")], ["王小明"]])
    rows = _csv_rows(path)
    assert [r[0] for r in rows[1 : len(HOSTILE) + 1]] == ["'" + text for text in HOSTILE]
    assert rows[-2:] == [["-300.00"], ["王小明"]]


def test_xlsx_writes_text_never_a_formula(tmp_path):
    import zipfile

    from openpyxl import load_workbook

    path = tmp_path / "x.xlsx"
    write_table(path, ["名"], [[text] for text in HOSTILE] + [[Decimal("-300.00")]])
    with zipfile.ZipFile(path) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    cells = [row[0] for row in load_workbook(path).active.iter_rows(min_row=2)]
    values = [c.value.replace("_x000D_", "\r") for c in cells[:-1]]  # OOXML's escape of CR
    assert values == HOSTILE
    assert {c.data_type for c in cells[:-1]} == {"s"}
    assert cells[-1].value == pytest.approx(-300) and cells[-1].data_type == "n"


def test_an_imported_name_with_a_leading_tab_is_not_a_formula_in_the_export(
    clinic_path, tmp_path, capsys
):
    from tests.unit.core.importer.conftest import write_csv

    link = '=HYPERLINK("http://x","y")'
    rows = [[card, name, "", "2023-05-06", "洁牙", "", "300", "", ""]
            for card, name in (("C1", "\t=1+1"), ("C2", link))]  # fmt: skip
    export = write_csv(tmp_path / "a.csv", rows)
    assert cli.main(["import", str(export), "--db", str(clinic_path)]) == 0
    out = tmp_path / "p.csv"
    assert cli.main(["export", "patients", "--db", str(clinic_path), "--out", str(out)]) == 0
    assert [r[1] for r in _csv_rows(out)[1:]] == ["'=1+1", '\'=HYPERLINK("http://x","y")']


def test_the_import_report_keeps_hostile_cells_as_text(db, tmp_path):
    from clinicdesk.core.importer import ImportOptions, import_file
    from tests.unit.core.importer.conftest import write_csv

    rows = [["C1", '=HYPERLINK("http://x","y")', "", "昨天", "洁牙", "", "300", "", ""]]
    report = tmp_path / "report.csv"
    import_file(db, write_csv(tmp_path / "a.csv", rows), ImportOptions(report_path=report))
    assert _csv_rows(report)[1][4] == '\'=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("what", ["patients", "tiers"])
def test_the_cli_masks_mobiles_unless_asked_for_them(demo_path, tmp_path, capsys, what):
    masked, full = tmp_path / "masked.csv", tmp_path / "full.csv"
    cli.main(["export", what, "--db", str(demo_path), "--out", str(masked)])
    cli.main(["export", what, "--db", str(demo_path), "--out", str(full), "--full-phones"])
    column = 4  # the mobile, in both lists
    shown = [r[column] for r in _csv_rows(masked)[1:] if r[column]]
    whole = [r[column] for r in _csv_rows(full)[1:] if r[column]]
    assert shown and all(re.fullmatch(r"1\d\d\*{4}\d{4}", m) for m in shown)
    assert all(re.fullmatch(r"1\d{10}", m) for m in whole)
    assert [m[:3] + m[-4:] for m in whole] == [m[:3] + m[-4:] for m in shown]


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_a_long_table_reports_progress_and_can_be_cancelled_leaving_nothing(tmp_path, suffix):
    import threading

    from clinicdesk.core.errors import Cancelled

    rows = [[n, f"顾客{n}"] for n in range(5000)]
    cancel, seen = threading.Event(), []

    def progress(fraction, _stage):
        seen.append(fraction)
        if fraction >= 0.4:
            cancel.set()

    with pytest.raises(Cancelled):
        write_table(tmp_path / f"t.{suffix}", ["id", "name"], rows, progress, cancel)
    assert seen[:3] == [0.0, 0.2, 0.4] and list(tmp_path.iterdir()) == []
