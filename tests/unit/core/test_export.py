"""Exports: CSV that Excel opens (UTF-8 with BOM), .xlsx with numbers as numbers."""

from __future__ import annotations

import csv
import datetime as dt
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
    write_table(path, *tier_table(two, result, "en"))
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
