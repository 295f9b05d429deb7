"""``clinicdesk import``: JSON, human summary, and a process killed midway."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlite_utils import Database

from clinicdesk import cli
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge
from tests.unit.core.importer.conftest import write_csv

ROOT = Path(__file__).parents[2]
ROWS = [
    ["YY001", "王小明", "138 0013 8000", "2023/5/6", "洁牙", "口腔", "1280", "周建华", ""],
    ["YY001", "", "", "昨天", "补牙", "口腔", "500", "", ""],
    ["", "张三", "", "2023-05-09", "拔牙", "口腔", "-600", "", "退款"],
]


def test_json_has_the_issues_keys(clinic_path, tmp_path, capsys):
    export = write_csv(tmp_path / "export.csv", ROWS, "gbk")
    report = tmp_path / "report.csv"
    argv = ["import", str(export), "--db", str(clinic_path), "--report", str(report), "--json"]
    assert cli.main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    expected = {
        "rows": 3,
        "imported": 2,
        "rejected": 1,
        "duplicates_skipped": 0,
        "patients_created": 2,
        "patients_matched": 0,
        "warnings": 1,
        "report": str(report),
    }
    assert {k: out[k] for k in expected} == expected
    assert cli.main(argv) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["imported"], again["duplicates_skipped"]) == (0, 2)
    assert again["previously_imported"]


def test_the_human_summary_says_what_happened(clinic_path, tmp_path, capsys):
    export = write_csv(tmp_path / "export.csv", ROWS)
    assert cli.main(["import", str(export), "--db", str(clinic_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("已导入“export.csv”。\n共 3 行：导入 2 条，重复跳过 0 条，未导入 1 行")
    assert "未导入的行与提醒见报告：" in out and "import-reports" in out
    cli.main(["import", str(export), "--db", str(clinic_path)])
    assert "导入过，没有新的记录，诊所文件未作改动" in capsys.readouterr().out


def test_dry_run_writes_nothing(clinic_path, tmp_path, capsys):
    export = write_csv(tmp_path / "export.csv", ROWS)
    assert cli.main(["import", str(export), "--db", str(clinic_path), "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("试运行")
    assert Database(clinic_path).execute("SELECT count(*) FROM charges").fetchone() == (0,)


def test_a_file_that_is_not_a_table_is_a_message_not_a_traceback(clinic_path, tmp_path, capsys):
    export = tmp_path / "letter.txt"
    export.write_text("尊敬的客户：\n感谢您的光临。\n", encoding="utf-8")
    assert cli.main(["import", str(export), "--db", str(clinic_path)]) == 2
    err = capsys.readouterr().err
    assert "不像账单导出表" in err and "Traceback" not in err


def test_killing_the_import_midway_leaves_the_file_whole_and_unchanged(clinic_path, tmp_path):
    db = open_clinic(clinic_path)
    pid = add_patient(db, name="老顾客", card_no="OLD1")
    add_charge(db, pid, date="2022-01-01", item="洁牙", amount_fen=29800)
    db.close()
    rows = [
        [
            f"C{i % 5000}",
            f"顾客{i % 5000}",
            "",
            f"2023-05-{i % 28 + 1:02d}",
            "洁牙",
            "口腔",
            str(100 + i % 900),
            "",
            "",
        ]
        for i in range(200_000)
    ]
    export = write_csv(tmp_path / "big.csv", rows)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLINICDESK_LANG": "en"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "clinicdesk", "import", str(export), "--db", str(clinic_path)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stderr is not None
    for line in proc.stderr:  # wait until rows are being written (80-100%: the write)
        if line.startswith("Importing… 9"):
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    db = open_clinic(clinic_path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("SELECT count(*) FROM patients").fetchone() == (1,)
    assert db.execute("SELECT count(*) FROM charges").fetchone() == (1,)
    assert db.execute("SELECT count(*) FROM import_batches").fetchone() == (0,)


def _tree(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_dry_run_leaves_the_data_folder_exactly_as_it_was(capsys):
    from clinicdesk import paths

    assert cli.main(["new", "--name", "康美口腔"]) == 0
    export = write_csv(paths.data_dir() / "export.csv", ROWS)
    before = _tree(paths.data_dir())
    assert cli.main(["import", str(export), "--dry-run"]) == 0
    assert _tree(paths.data_dir()) == before
    assert cli.main(["import", str(export), "--dry-run", "--report", "r.csv"]) == 0
    assert _tree(paths.data_dir()) == before and not Path("r.csv").exists()


def test_dry_run_prints_the_rows_it_would_report(clinic_path, tmp_path, capsys):
    export = write_csv(tmp_path / "export.csv", ROWS)
    assert cli.main(["import", str(export), "--db", str(clinic_path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "试运行，未写报告" in out
    assert "第 3 行：未导入：日期“昨天”无法识别" in out
    assert "第 4 行：提醒：" in out  # the name-only row


def test_dry_run_json_has_no_report(clinic_path, tmp_path, capsys):
    export = write_csv(tmp_path / "export.csv", ROWS)
    argv = ["import", str(export), "--db", str(clinic_path), "--dry-run", "--json"]
    assert cli.main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["dry_run"], out["report"], out["rejected"]) == (True, None, 1)


def test_the_progress_reaches_100_percent(clinic_path, tmp_path, capsys):
    export = write_csv(tmp_path / "export.csv", ROWS)
    assert cli.main(["import", str(export), "--db", str(clinic_path)]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "导入中…… 0%" and lines[-1] == "导入中…… 100%"
