"""The command line: subcommands, help, messages in the user's language, exit codes."""

from __future__ import annotations

import pytest

from clinicdesk import cli, paths
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.patients import add_patient


def test_demo_writes_a_clinic_and_says_so(tmp_path, capsys):
    path = tmp_path / "d.db"
    assert (
        cli.main(
            ["demo", "--patients", "50", "--seed", "3", "--db", str(path), "--today", "2026-11-25"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert f"已生成演示诊所“{path}”：50 位顾客" in out
    assert path.exists()


def test_demo_without_db_goes_to_the_per_user_data_folder(capsys):
    assert cli.main(["demo", "--patients", "10"]) == 0
    assert paths.default_demo_path().exists()


def test_info_tells_what_the_file_holds(tmp_path, capsys):
    path = tmp_path / "d.db"
    cli.main(["demo", "--patients", "40", "--db", str(path)])
    capsys.readouterr()
    assert cli.main(["--lang", "en", "info", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Patients: " in out and "Demo clinic: yes" in out and "0001_initial" in out


def test_info_on_a_missing_file_is_a_clear_error(tmp_path, capsys):
    assert cli.main(["info", "--db", str(tmp_path / "none.db")]) == 2
    assert "不存在" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_demo_refuses_a_real_clinic_in_english_too(clinic_path, capsys):
    db = open_clinic(clinic_path)
    add_patient(db, name="真实顾客")
    db.close()
    assert cli.main(["--lang", "en", "demo", "--db", str(clinic_path)]) == 2
    assert "is a real clinic file; the demo will not overwrite it" in capsys.readouterr().err


def test_a_bad_patient_count_is_refused_before_any_work(tmp_path, capsys):
    assert cli.main(["demo", "--patients", "0", "--db", str(tmp_path / "d.db")]) == 2
    captured = capsys.readouterr()
    assert "顾客数量必须在 1 到 500000 之间（收到 0）" in captured.err
    assert "正在生成" not in captured.err


def test_a_bad_date_is_an_argument_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["demo", "--today", "2026-13-01"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--lang", "en", "demo", "--patients", "10", "--open"], "en"),
        (["demo", "--patients", "10", "--open"], "zh_CN"),  # the one chosen in Settings
        (["--lang", "en"], "en"),
        ([], "zh_CN"),
    ],
)
def test_lang_wins_over_the_language_chosen_in_settings(argv, expected, monkeypatch, tmp_path):
    import clinicdesk.app

    monkeypatch.delenv("CLINICDESK_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    paths.data_dir().mkdir(parents=True, exist_ok=True)
    (paths.data_dir() / "window.ini").write_text("[General]\nlanguage=zh_CN\n")
    opened = []
    monkeypatch.setattr(clinicdesk.app, "run", lambda path, language, **_: opened.append(language))
    cli.main([*argv, "--db", str(tmp_path / "d.db")] if argv[-1:] == ["--open"] else argv)
    assert opened == [expected]


def test_the_call_list_masks_mobiles_unless_asked_for_them(demo_path, capsys):
    import json
    import re

    argv = ["calls", "--db", str(demo_path), "--date", "2026-11-25", "--limit", "5", "--json"]
    assert cli.main(argv) == 0
    masked = [e["phone"] for e in json.loads(capsys.readouterr().out)["entries"]]
    assert masked and all(re.fullmatch(r"1\d\d\*{4}\d{4}", p) for p in masked)
    assert cli.main([*argv, "--full-phones"]) == 0
    whole = json.loads(capsys.readouterr().out)["entries"]
    assert all(re.fullmatch(r"1\d{10}", e["phone"]) for e in whole)
    assert cli.main(argv[:-1]) == 0
    text = capsys.readouterr().out
    assert masked[0] in text and not re.search(r"1\d{10}", text)


def test_output_into_a_closed_pipe_ends_quietly(demo_copy):
    # `clinicdesk calls --json | head -c 1`: the reader goes away after one byte. The list
    # must outgrow the pipe's buffer (64 KiB): every due patient, not 40 a caller.
    import subprocess
    import sys

    from clinicdesk.core.db import open_clinic
    from clinicdesk.core.db.clinic import set_setting

    db = open_clinic(demo_copy)
    set_setting(db, "call_rules", {"calls_per_caller": 5000})
    db.close()
    command = [sys.executable, "-m", "clinicdesk", "calls", "--json", "--db", str(demo_copy)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as run:
        assert run.stdout is not None and run.stderr is not None
        run.stdout.read(1)
        run.stdout.close()
        errors = run.stderr.read().decode()
        assert run.wait(timeout=120) == 1
    assert "Traceback" not in errors and "BrokenPipeError" not in errors
