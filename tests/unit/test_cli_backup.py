"""``clinicdesk backup`` and ``restore``: what is refused, what the confirmation says, and a
backup killed midway."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlite_utils import Database

from clinicdesk import cli, paths
from clinicdesk.core.backup import backup
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.clinic import set_setting
from clinicdesk.core.db.patients import add_patient

ROOT = Path(__file__).parents[2]


def _names(clinic: Path) -> list[str]:
    return [r[0] for r in Database(clinic).execute("SELECT name FROM patients ORDER BY id")]


def _clinic_with(clinic: Path, *names: str) -> None:
    db = open_clinic(clinic)
    set_setting(db, "clinic_name", "悦颜")
    for name in names:
        add_patient(db, name=name)
    db.close()


def test_restoring_an_empty_file_is_refused_and_the_clinic_stays(clinic_path, tmp_path, capsys):
    _clinic_with(clinic_path, "王小明")
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert cli.main(["restore", str(empty), "--db", str(clinic_path), "--yes"]) == 2
    assert "空文件" in capsys.readouterr().err and _names(clinic_path) == ["王小明"]


def test_restoring_another_programs_database_is_refused(clinic_path, tmp_path, capsys):
    _clinic_with(clinic_path, "王小明")
    other = tmp_path / "photos.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    db.close()
    assert cli.main(["restore", str(other), "--db", str(clinic_path), "--yes"]) == 2
    assert "其他程序的 SQLite 数据库" in capsys.readouterr().err
    assert _names(clinic_path) == ["王小明"]


def test_without_yes_restore_says_what_the_backup_holds_and_changes_nothing(
    clinic_path, tmp_path, capsys
):
    _clinic_with(clinic_path, "王小明", "李娜")
    saved = backup(clinic_path, tmp_path / "usb")
    _clinic_with(clinic_path, "张三")
    assert cli.main(["--lang", "en", "restore", str(saved), "--db", str(clinic_path)]) == 2
    err = capsys.readouterr().err
    assert "clinic 悦颜, 2 patients, made 20" in err and "Add --yes to confirm" in err
    assert _names(clinic_path) == ["王小明", "李娜", "张三"]


def test_a_restore_says_what_it_put_back(clinic_path, tmp_path, capsys):
    _clinic_with(clinic_path, "王小明")
    saved = backup(clinic_path, tmp_path / "usb")
    assert cli.main(["restore", str(saved), "--db", str(clinic_path), "--yes"]) == 0
    assert "诊所 悦颜，1 位顾客" in capsys.readouterr().out


def test_killing_a_backup_midway_leaves_no_copy_after_the_next_start(demo_copy, tmp_path, capsys):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    folder = paths.backups_dir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "clinicdesk", "backup", "--db", str(demo_copy)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    partial = _wait_for(lambda: _copying(folder))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert partial.exists() and list(folder.glob("*.db")) == []  # killed before it finished
    kept = tmp_path / "usb" / partial.name  # a copy someone made of what was left
    kept.parent.mkdir()
    shutil.copy(partial, kept)
    assert cli.main(["info", "--db", str(demo_copy)]) == 0  # the next start
    assert list(folder.iterdir()) == []
    assert cli.main(["restore", str(kept), "--db", str(demo_copy), "--yes"]) == 2
    assert "未完成的副本" in capsys.readouterr().err


def _copying(folder: Path) -> Path | None:
    """The unfinished backup in `folder` once it holds some patient data."""
    found = next(folder.glob("*.partial"), None) if folder.is_dir() else None
    return found if found is not None and found.stat().st_size > 65536 else None


def _wait_for(found, seconds: float = 30.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = found()
        if value is not None:
            return value
        time.sleep(0.001)
    raise AssertionError("the backup never started")
