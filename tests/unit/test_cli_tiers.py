"""``clinicdesk tiers``: the engine from the command line, human and JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from clinicdesk import cli
from clinicdesk.core.db import open_clinic
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation
from tests.conftest import DEMO_TODAY


def _json(capsys, *argv) -> dict:
    assert cli.main(["tiers", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_has_the_issues_keys_and_the_engines_numbers(demo_copy, capsys):
    out = _json(capsys, "--db", str(demo_copy), "--to", DEMO_TODAY.isoformat())
    db = open_clinic(demo_copy)
    result = run_segmentation(db, EngineParams(TierParams.last_twelve_months(DEMO_TODAY)))
    tiers = result.tiers
    assert out["patients_tiered"] == len(tiers.rows)
    assert out["no_activity"] == tiers.no_activity
    assert out["total"] == round(tiers.total_measure / 100, 2)
    assert out["top20_share"] == pytest.approx(tiers.top20_share, abs=1e-4)
    assert out["gini"] == pytest.approx(tiers.gini, abs=1e-4)
    for tier in "ABC":
        summary = tiers.summaries[tier]
        assert out["tiers"][tier]["patients"] == summary.patients
        assert out["tiers"][tier]["revenue"] == round(summary.revenue_fen / 100, 2)
        assert out["tiers"][tier]["revenue_share"] == pytest.approx(summary.revenue_share, abs=1e-4)
        assert out["tiers"][tier]["patient_share"] == pytest.approx(summary.patient_share, abs=1e-4)


def test_from_to_measure_and_cutoffs_are_honoured(demo_copy, capsys):
    out = _json(
        capsys,
        "--db",
        str(demo_copy),
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-30",
        "--measure",
        "visits",
        "--cutoffs",
        "75/20/5",
    )
    assert out["period"] == {"from": "2026-01-01", "to": "2026-06-30"}
    assert (out["measure"], out["cutoffs"]) == ("visits", [0.75, 0.95])
    assert isinstance(out["total"], int)


def test_save_keeps_the_run_and_the_next_run_shows_movements(demo_copy, capsys):
    first = _json(capsys, "--db", str(demo_copy), "--to", "2026-06-30", "--save")
    assert first["saved_run"] == 2  # after the demo's own earlier run
    cli.main(["tiers", "--db", str(demo_copy), "--to", DEMO_TODAY.isoformat()])
    text = capsys.readouterr().out
    assert "自上次保存的分级以来：" in text and "A→B" in text


def test_the_human_summary_is_in_chinese_by_default(demo_copy, capsys):
    assert cli.main(["tiers", "--db", str(demo_copy), "--to", DEMO_TODAY.isoformat()]) == 0
    text = capsys.readouterr().out
    assert text.startswith("分级计算：2025-11-26 至 2026-11-25，按消费金额，界限 70/20/10")
    assert "前 20% 的顾客带来" in text and "流失预警" in text and "RFM 分群" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--cutoffs", "90,70"], "分级界限“90,70”无效"),
        (["--from", "2026-02-01", "--to", "2026-01-01"], "晚于结束日期"),
    ],
)
def test_bad_parameters_are_explained(demo_copy, capsys, argv, message):
    assert cli.main(["tiers", "--db", str(demo_copy), *argv]) == 2
    assert message in capsys.readouterr().err


def test_a_missing_clinic_file_is_named(tmp_path, capsys):
    assert cli.main(["tiers", "--db", str(tmp_path / "none.db")]) == 2
    assert "不存在" in capsys.readouterr().err


def test_the_default_period_ends_today(demo_copy, capsys):
    out = _json(capsys, "--db", str(demo_copy))
    assert out["period"]["to"] == dt.date.today().isoformat()
