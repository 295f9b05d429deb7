"""``clinicdesk new`` and this PC's current clinic, used when no ``--db`` is given."""

from __future__ import annotations

import json
import os
import stat

import pytest

from clinicdesk import cli, paths
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.clinic import get_setting, is_demo, list_staff
from tests.unit.core.importer.conftest import write_csv

ROWS = [["YY001", "王小明", "13800138000", "2023/5/6", "洁牙", "口腔", "1280", "周建华", ""]]


def _settings(path):
    db = open_clinic(path)
    try:
        return get_setting(db, "clinic_name"), get_setting(db, "currency"), list_staff(db)
    finally:
        db.close()


def test_new_creates_an_empty_named_clinic(tmp_path, capsys):
    path = tmp_path / "x.db"
    assert cli.main(["new", "--db", str(path), "--name", "康美口腔", "--staff", "张敏，李娜"]) == 0
    name, currency, staff = _settings(path)
    assert (name, currency) == ("康美口腔", "CNY")
    assert sorted(s.name for s in staff) == sorted(["张敏", "李娜"])
    assert f"已新建诊所“康美口腔”：{path}" in capsys.readouterr().out


def test_new_then_import_into_it_works(tmp_path, capsys):
    path = tmp_path / "x.db"
    export = write_csv(tmp_path / "billing.csv", ROWS, "gbk")
    assert cli.main(["new", "--db", str(path), "--name", "康美口腔"]) == 0
    assert cli.main(["import", str(export), "--db", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1])["imported"] == 1


def test_new_refuses_an_existing_file_and_leaves_it_alone(clinic_path, capsys):
    before = clinic_path.read_bytes()
    assert cli.main(["new", "--db", str(clinic_path), "--name", "康美口腔"]) == 2
    assert f"“{clinic_path}”已存在，不会覆盖它" in capsys.readouterr().err
    assert clinic_path.read_bytes() == before


def test_new_refuses_an_empty_name(tmp_path, capsys):
    assert cli.main(["--lang", "en", "new", "--db", str(tmp_path / "x.db"), "--name", " "]) == 2
    assert "The clinic's name is required." in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_new_needs_a_name(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["new", "--db", str(tmp_path / "x.db")])
    assert exit_info.value.code == 2
    assert "缺少必需的参数：--name" in capsys.readouterr().err


def test_a_folder_that_does_not_exist_is_refused(tmp_path, capsys):
    folder = tmp_path / "missing"
    assert cli.main(["new", "--db", str(folder / "x.db"), "--name", "康美口腔"]) == 2
    assert "不存在" in capsys.readouterr().err
    assert not folder.exists()


def test_a_failing_write_leaves_no_partial_file(tmp_path, monkeypatch, capsys):
    from clinicdesk.core.db import clinic as clinic_module

    def refuse(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(clinic_module, "add_staff", refuse)
    with pytest.raises(OSError):
        cli.main(["new", "--db", str(tmp_path / "x.db"), "--name", "康美", "--staff", "张敏"])
    assert list(tmp_path.iterdir()) == []


def test_new_without_db_goes_to_the_data_folder_then_to_the_next_free_name(capsys):
    assert cli.main(["new", "--name", "一店"]) == 0
    assert cli.main(["new", "--name", "二店"]) == 0
    assert _settings(paths.data_dir() / "clinic.db")[0] == "一店"
    assert _settings(paths.data_dir() / "clinic-2.db")[0] == "二店"


def test_new_makes_the_clinic_current_and_info_shows_it(tmp_path, capsys):
    path = tmp_path / "x.db"
    cli.main(["new", "--db", str(path), "--name", "康美口腔"])
    capsys.readouterr()
    assert cli.main(["info"]) == 0
    out = capsys.readouterr().out
    assert "诊所：康美口腔" in out and f"文件：{path}" in out and "本机当前诊所：是" in out


def test_after_demo_info_shows_the_demo(capsys):
    assert cli.main(["demo", "--patients", "20"]) == 0
    capsys.readouterr()
    assert cli.main(["info"]) == 0
    out = capsys.readouterr().out
    assert f"文件：{paths.default_demo_path()}" in out and "演示诊所：是" in out


@pytest.mark.parametrize(
    "argv",
    [["info"], ["tiers"], ["calls"], ["backup"], ["export", "patients", "--out", "p.csv"]],
)
def test_without_any_clinic_the_message_says_how_to_make_one(argv, tmp_path, capsys):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert "clinicdesk new --name" in err and "clinicdesk demo" in err and "--db" in err
    assert not paths.default_clinic_path().exists()


def test_without_any_clinic_the_message_is_english_too(capsys):
    assert cli.main(["--lang", "en", "tiers"]) == 2
    assert "There is no clinic file on this PC yet" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["info", "tiers", "calls", "backup"])
def test_reading_a_missing_file_creates_nothing_and_says_how_to_create_it(
    command, tmp_path, capsys
):
    path = tmp_path / "new-clinic.db"
    assert cli.main([command, "--db", str(path)]) == 2
    assert f"clinicdesk new --db {path} --name" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_current_clinic_that_is_gone_is_named(tmp_path, capsys):
    path = tmp_path / "usb" / "clinic.db"
    path.parent.mkdir()
    cli.main(["new", "--db", str(path), "--name", "康美口腔"])
    path.unlink()
    capsys.readouterr()
    assert cli.main(["info"]) == 2
    assert f"本机当前诊所“{path}”已不存在" in capsys.readouterr().err


def test_a_pc_set_up_before_the_record_uses_clinic_db(capsys):
    paths.data_dir().mkdir(parents=True, exist_ok=True)
    open_clinic(paths.default_clinic_path()).close()
    assert paths.current_clinic() == paths.default_clinic_path()
    assert cli.main(["info"]) == 0


def test_a_command_with_db_does_not_change_the_current_clinic(tmp_path, capsys):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    cli.main(["new", "--db", str(first), "--name", "一店"])
    open_clinic(second).close()
    assert cli.main(["info", "--db", str(second)]) == 0
    assert "本机当前诊所：否" in capsys.readouterr().out
    assert paths.current_clinic() == first


def test_demo_into_a_file_makes_it_current(tmp_path, capsys):
    path = tmp_path / "d.db"
    cli.main(["demo", "--patients", "10", "--db", str(path)])
    assert paths.current_clinic() == path
    db = open_clinic(path, migrate=False)
    assert is_demo(db)
    db.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_current_clinic_record_is_private(tmp_path):
    paths.remember_clinic(tmp_path / "x.db")
    record = paths.data_dir() / paths.CURRENT_RECORD
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
