"""Patient data on disk is the user's alone: files 0600, folders 0700 (POSIX), and no
temporary copy outside the folder the user chose."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from clinicdesk import cli, paths
from clinicdesk.core.backup import backup, restore
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.export import write_table
from clinicdesk.core.importer import ImportOptions, import_file
from clinicdesk.core.lock import ClinicLock
from clinicdesk.logs import setup_logging
from tests.unit.core.importer.conftest import write_csv

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_clinic_file_and_its_companions_are_private(tmp_path):
    path = tmp_path / "new" / "clinic" / "d.db"
    assert cli.main(["demo", "--patients", "5", "--db", str(path)]) == 0
    assert {_mode(path.parent), _mode(path.parent.parent)} == {0o700}
    db = open_clinic(path)
    add_patient(db, name="王小明")  # the WAL is written while the file is open
    modes = {p.name: _mode(p) for p in path.parent.iterdir()}
    db.close()
    assert modes == {"d.db": 0o600, "d.db-wal": 0o600, "d.db-shm": 0o600, "d.db.lock": 0o600}


def test_a_clinic_file_made_by_an_older_version_is_tightened_when_opened(clinic_path):
    clinic_path.chmod(0o644)
    open_clinic(clinic_path).close()
    assert _mode(clinic_path) == 0o600


def test_backups_and_their_folder_are_private(clinic_path, tmp_path):
    made = backup(clinic_path, tmp_path / "backups")
    assert (_mode(made), _mode(made.parent)) == (0o600, 0o700)


def test_a_restored_file_and_the_copy_kept_before_are_private(clinic_path, tmp_path):
    saved = backup(clinic_path, tmp_path / "usb")
    clinic_path.chmod(0o644)
    safety, _facts = restore(saved, clinic_path, tmp_path / "backups")
    assert (_mode(clinic_path), _mode(safety)) == (0o600, 0o600)


def test_import_reports_are_private(db, tmp_path):
    rows = [["C1", "王小明", "", "昨天", "洁牙", "", "300", "", ""]]
    report = tmp_path / "reports" / "r.csv"
    import_file(db, write_csv(tmp_path / "a.csv", rows), ImportOptions(report_path=report))
    assert (_mode(report), _mode(report.parent)) == (0o600, 0o700)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_exports_are_private(tmp_path, suffix):
    path = tmp_path / f"patients{suffix}"
    write_table(path, ["手机"], [["13800138000"]])
    assert _mode(path) == 0o600


def test_the_log_and_the_lock_are_private(clinic_path, tmp_path, monkeypatch):
    monkeypatch.setattr(logging.getLogger("clinicdesk"), "handlers", [])  # a fresh start
    log = setup_logging(tmp_path / "logs")
    lock = ClinicLock(clinic_path)
    lock.try_acquire()
    assert (_mode(log), _mode(log.parent), _mode(lock.path)) == (0o600, 0o700, 0o600)
    lock.release()
    (handler,) = logging.getLogger("clinicdesk").handlers
    handler.doRollover()  # type: ignore[attr-defined]
    handler.close()
    assert _mode(log) == 0o600 and _mode(log.with_name(log.name + ".1")) == 0o600


def test_the_xlsx_export_keeps_its_temporary_files_beside_the_target(tmp_path, monkeypatch):
    import tempfile

    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    made: list[Path] = []
    real = tempfile.mkstemp

    def recorded(*args, **kwargs):
        fd, name = real(*args, **kwargs)
        made.append(Path(name))
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", recorded)
    target = tmp_path / "usb" / "patients.xlsx"
    target.parent.mkdir()
    write_table(target, ["手机"], [[f"1380013{n:04d}"] for n in range(812)])
    # core/xlsx.py writes the zip in place (no temporary file at all); any one made
    # would have to be beside the target.
    assert all(p.parent.parent == target.parent for p in made)
    assert list(system_temp.iterdir()) == [] and sorted(target.parent.iterdir()) == [target]


def test_a_failed_xlsx_export_leaves_nothing_behind(tmp_path):
    target = tmp_path / "out" / "patients.xlsx"
    target.parent.mkdir()
    rows: list[list[object]] = [["13800138000"]] * 500 + [[object()]]  # a cell Excel cannot hold
    with pytest.raises(TypeError):
        write_table(target, ["手机"], rows)  # type: ignore[arg-type]
    assert list(target.parent.iterdir()) == []


def test_the_default_folders_are_made_private(capsys):
    assert cli.main(["demo", "--patients", "5"]) == 0
    assert _mode(paths.default_demo_path()) == 0o600


def test_an_export_removes_what_a_killed_export_left_in_its_folder(tmp_path):
    import subprocess
    import sys

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    left = tmp_path / f"patients.xlsx.{ended}.partial"
    left.write_bytes(b"812 mobiles")
    write_table(tmp_path / "calls.csv", ["手机"], [["13800138000"]])
    assert not left.exists()
