"""Commands that change a clinic file wait for, then refuse, another session holding it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlite_utils import Database

import clinicdesk.core.lock
from clinicdesk import cli
from clinicdesk.core.backup import backup
from tests.unit.core.importer.conftest import write_csv

ROOT = Path(__file__).parents[2]
ROWS = 10_000


@pytest.fixture
def no_lock_wait(monkeypatch):
    monkeypatch.setattr(clinicdesk.core.lock, "LOCK_WAIT_S", 0.1)  # the real one is 5 s


@contextmanager
def _import_running(clinic: Path, folder: Path) -> Iterator[subprocess.Popen[str]]:
    """`clinicdesk import` of a big export in another process, writing while the block
    runs; waits for it to end after the block."""
    rows = [
        [f"C{i}", f"顾客{i}", "", "2023-05-01", "洁牙", "口腔", "300", "", ""] for i in range(ROWS)
    ]
    export = write_csv(folder / "big.csv", rows)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLINICDESK_LANG": "en"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "clinicdesk", "import", str(export), "--db", str(clinic)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert proc.stderr is not None and proc.stderr.readline().startswith("Importing… 0%")
    try:
        yield proc
    finally:
        proc.stderr.read()
        proc.stderr.close()
        proc.wait()


def _charges(clinic: Path) -> int:
    return Database(clinic).execute("SELECT count(*) FROM charges").fetchone()[0]


def test_a_restore_while_an_import_runs_in_another_process_is_refused(
    clinic_path, tmp_path, capsys, no_lock_wait
):
    saved = backup(clinic_path, tmp_path / "backups")
    with _import_running(clinic_path, tmp_path) as proc:
        assert cli.main(["restore", str(saved), "--db", str(clinic_path), "--yes"]) == 2
    assert proc.returncode == 0 and _charges(clinic_path) == ROWS
    assert "正在被另一个 ClinicDesk 使用" in capsys.readouterr().err


def test_a_second_import_while_one_runs_is_refused_not_a_traceback(
    clinic_path, tmp_path, capsys, no_lock_wait
):
    other = write_csv(tmp_path / "other.csv", [["X1", "李娜", "", "2023-05-02", "洁牙", "", "9"]])
    with _import_running(clinic_path, tmp_path) as proc:
        assert cli.main(["import", str(other), "--db", str(clinic_path)]) == 2
    assert proc.returncode == 0 and _charges(clinic_path) == ROWS
    assert "正在被另一个 ClinicDesk 使用" in capsys.readouterr().err
