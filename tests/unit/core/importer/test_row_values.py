"""Amounts, dates and phones in imported rows: exact, or refused (or kept) with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from clinicdesk import cli
from clinicdesk.core import i18n
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.clinic import set_setting
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.core.errors import InvalidValue
from tests.unit.core.importer.conftest import write_csv

TODAY = dt.date(2026, 12, 1)


def _row(date="2023-05-06", amount="300", phone="", card="YY1", name="王小明"):
    return [card, name, phone, date, "洁牙", "口腔", amount, "", ""]


def _issues(result) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for issue in result.issues:
        found.setdefault(issue.row, []).append(issue.key)
    return found


@pytest.mark.parametrize(
    ("date", "key"),
    [
        ("0001-01-01", "import.reject.date_too_old"),
        ("1899-12-31", "import.reject.date_too_old"),
        ("9999-12-31", "import.reject.date_too_far"),
        ("2999-01-01", "import.reject.date_too_far"),
        ("2027-12-02", "import.reject.date_too_far"),  # a year and a day after the import
    ],
)
def test_dates_before_1900_or_over_a_year_ahead_are_rejected(tmp_path, run_import, date, key):
    result = run_import(write_csv(tmp_path / "a.csv", [_row(date)]), today=TODAY)
    assert (result.imported, result.rejected) == (0, 1) and _issues(result) == {2: [key]}


def test_a_date_after_today_is_imported_with_a_warning(db, tmp_path, run_import):
    result = run_import(write_csv(tmp_path / "a.csv", [_row("2027-06-01")]), today=TODAY)
    assert (result.imported, result.warnings) == (1, 1)
    assert _issues(result) == {2: ["import.warn.future_date"]}
    (issue,) = result.issues
    assert "晚于今天（2026-12-01）" in i18n.message(issue.key, "zh_CN", **issue.params)


def test_a_landline_is_kept_as_the_other_phone_with_a_warning(db, tmp_path, run_import):
    result = run_import(write_csv(tmp_path / "a.csv", [_row(phone="0571-88886666")]))
    assert (result.imported, result.warnings) == (1, 1)
    assert _issues(result) == {2: ["import.warn.landline"]}
    assert db.execute("SELECT mobile, mobile2 FROM patients").fetchone() == (None, "0571-88886666")


def test_an_existing_patient_gets_a_landline_only_where_there_was_none(db, tmp_path, run_import):
    bare = add_patient(db, name="王小明", card_no="YY1")
    kept = add_patient(db, name="李娜", card_no="YY2", mobile2="0571-11112222")
    rows = [_row(phone="0571-88886666"), _row(phone="010-65528888", card="YY2", name="李娜")]
    run_import(write_csv(tmp_path / "a.csv", rows))
    phones = dict(db.execute("SELECT id, mobile2 FROM patients").fetchall())
    assert phones == {bare: "0571-88886666", kept: "0571-11112222"}


def test_a_name_only_row_with_a_landline_keeps_it(db, tmp_path, run_import):
    run_import(write_csv(tmp_path / "a.csv", [_row(phone="88886666", card="")]))
    assert db.execute("SELECT name, mobile2 FROM patients").fetchone() == ("王小明", "88886666")


def test_an_amount_over_the_clinics_limit_is_rejected_naming_the_limit(db, tmp_path, run_import):
    set_setting(db, "max_charge_fen", 500_000)
    result = run_import(write_csv(tmp_path / "a.csv", [_row(amount="5,000.01"), _row()]))
    assert (result.imported, result.rejected) == (1, 1)
    (issue,) = result.issues
    assert issue.key == "import.amount.too_large" and issue.params["limit"] == "¥5,000"


def test_huge_amounts_are_rejected_and_info_still_adds_up(clinic_path, tmp_path, capsys):
    rows = [_row(amount="50000000000000000"), _row(amount="50000000000000000", card="YY2")]
    export = write_csv(tmp_path / "a.csv", rows + [_row(amount="100000000000000000000")])
    assert cli.main(["import", str(export), "--db", str(clinic_path), "--json"]) == 0
    assert '"rejected": 3' in capsys.readouterr().out
    assert cli.main(["info", "--db", str(clinic_path)]) == 0


def test_the_charge_form_refuses_an_amount_over_the_limit(clinic_path):
    db = open_clinic(clinic_path)
    pid = add_patient(db, name="王小明")
    with pytest.raises(InvalidValue) as info:
        add_charge(db, pid, date="2026-01-01", item="洁牙", amount_fen=10**20)
    assert info.value.key == "value.too_large" and "¥10,000,000" in info.value.message("zh_CN")
    db.close()
