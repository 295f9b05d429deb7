"""``clinicdesk value``: the lifetime-value model from the command line, human and JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from clinicdesk import cli
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.core.value.params import ValueParams
from clinicdesk.core.value.service import run_value
from tests.conftest import DEMO_TODAY


def _json(capsys, *argv) -> dict:
    assert cli.main(["value", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def demo_value(demo_path):
    db = open_clinic(demo_path)
    yield run_value(db, ValueParams(DEMO_TODAY))
    db.close()


@pytest.fixture(scope="module")
def demo_json(demo_path):
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(["value", "--db", str(demo_path), "--to", DEMO_TODAY.isoformat(), "--json"])
    assert code == 0
    return json.loads(out.getvalue())


def test_json_has_the_issues_keys(demo_json):
    assert set(demo_json["bgnbd"]) >= {"r", "alpha", "a", "b", "unit"}
    assert set(demo_json["gamma_gamma"]) >= {"p", "q", "gamma"}
    assert set(demo_json["check"]) >= {"predicted", "actual"}
    assert isinstance(demo_json["patients"], int)


def test_json_gives_the_models_numbers_with_the_time_unit(demo_json, demo_value):
    assert demo_json["bgnbd"]["unit"] == "day"
    assert demo_json["bgnbd"]["r"] == pytest.approx(demo_value.bgnbd.r)
    assert demo_json["bgnbd"]["alpha"] == pytest.approx(demo_value.bgnbd.alpha)
    assert demo_json["gamma_gamma"]["gamma"] == pytest.approx(demo_value.gamma_gamma.gamma)
    assert demo_json["patients"] == len(demo_value.patients.ids)


def test_json_gives_the_calibration_totals(demo_json, demo_value):
    assert demo_json["check"]["predicted"] == pytest.approx(demo_value.check.predicted, abs=0.01)
    assert demo_json["check"]["actual"] == demo_value.check.actual


def test_json_lists_the_top_patients_by_lifetime_value(demo_json):
    values = [p["lifetime_value"] for p in demo_json["top"]]
    assert len(values) == 10 and values == sorted(values, reverse=True)


def test_the_horizon_option_is_honoured(demo_copy, capsys, demo_json):
    out = _json(capsys, "--db", str(demo_copy), "--to", DEMO_TODAY.isoformat(),
                "--horizon-months", "12")  # fmt: skip
    assert out["horizon_months"] == 12
    assert out["top"][0]["lifetime_value"] < demo_json["top"][0]["lifetime_value"]


def test_the_human_summary_is_in_chinese_by_default(demo_copy, capsys):
    assert cli.main(["value", "--db", str(demo_copy), "--to", DEMO_TODAY.isoformat()]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"终身价值预测：截至 {DEMO_TODAY} 的历史")
    assert "时间单位：天" in text and "对数似然" in text and "模型校验" in text
    assert "终身价值最高的 10 位顾客" in text


def test_the_human_summary_speaks_english_when_asked(demo_copy, capsys):
    argv = ["--lang", "en", "value", "--db", str(demo_copy), "--to", DEMO_TODAY.isoformat()]
    assert cli.main(argv) == 0
    assert "(time unit: day)" in capsys.readouterr().out


def test_too_little_history_is_said_not_computed(clinic_path, capsys):
    db = open_clinic(clinic_path)
    pid = add_patient(db, name="王小明")
    add_charge(db, pid, date="2025-01-01", item="洁牙", amount_fen=19_800)
    db.close()
    assert cli.main(["value", "--db", str(clinic_path), "--to", "2025-12-31"]) == 2
    assert "历史数据太少，无法预测：只有 0 位顾客再次到院" in capsys.readouterr().err


def test_a_bad_horizon_is_explained(demo_copy, capsys):
    assert cli.main(["value", "--db", str(demo_copy), "--horizon-months", "0"]) == 2
    assert "终身价值期限（月）：“0”应在 1 到 240 之间" in capsys.readouterr().err


def test_a_missing_clinic_file_is_named(tmp_path, capsys):
    assert cli.main(["value", "--db", str(tmp_path / "none.db")]) == 2
    assert "不存在" in capsys.readouterr().err


def test_the_default_analysis_date_is_today(demo_json, demo_copy, capsys):
    out = _json(capsys, "--db", str(demo_copy))
    assert out["to"] == dt.date.today().isoformat()
