"""Backups: consistent copies of an open file, kept and pruned, restored safely."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import threading
import time

import pytest
from sqlite_utils import Database

from clinicdesk.core import backup as b
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.errors import Cancelled, KnownError


def _patients(path) -> list[str]:
    return [r[0] for r in Database(path).execute("SELECT name FROM patients ORDER BY id")]


def test_a_backup_of_an_open_file_holds_what_was_written(clinic_path, tmp_path):
    db = open_clinic(clinic_path)  # stays open, in WAL mode, like the window's
    add_patient(db, name="王小明")
    made = b.backup(clinic_path, tmp_path / "backups")
    assert made.name.startswith("clinic-") and made.suffix == ".db"
    assert b.is_sound(made) and _patients(made) == ["王小明"]
    db.close()


def test_only_the_newest_backups_are_kept(clinic_path, tmp_path):
    folder = tmp_path / "backups"
    for n in range(5):
        path = folder / f"clinic-2026010{n}-000000.db"
        folder.mkdir(exist_ok=True)
        path.write_bytes(b"")
        os.utime(path, (time.time() - 1000 + n, time.time() - 1000 + n))
    removed = b.prune(folder, "clinic", keep=3)
    assert len(removed) == 2 and len(b.backups(folder, "clinic")) == 3


def test_the_automatic_backup_runs_at_most_daily(clinic_path, tmp_path):
    folder = tmp_path / "backups"
    assert b.backup_if_due(clinic_path, folder) is not None
    assert b.backup_if_due(clinic_path, folder) is None
    assert b.backup_if_due(clinic_path, folder, every=dt.timedelta(0)) is not None


def test_restore_swaps_in_the_backup_and_keeps_the_current_file(clinic_path, tmp_path):
    folder = tmp_path / "backups"
    db = open_clinic(clinic_path)
    add_patient(db, name="备份前")
    db.close()
    saved = b.backup(clinic_path, folder)
    db = open_clinic(clinic_path)
    add_patient(db, name="备份后")
    db.close()
    safety, facts = b.restore(saved, clinic_path, folder)
    assert _patients(clinic_path) == ["备份前"]
    assert "before-restore" in safety.name and _patients(safety) == ["备份前", "备份后"]
    assert facts.patients == 1


def test_a_damaged_backup_is_refused_and_nothing_changes(clinic_path, tmp_path):
    broken = tmp_path / "clinic-20260101-000000.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(KnownError) as info:
        b.restore(broken, clinic_path, tmp_path / "backups")
    assert info.value.key == "backup.unsound"
    assert b.is_sound(clinic_path)


def test_a_damaged_file_fails_the_check(tmp_path):
    path = tmp_path / "x.db"
    path.write_text("not a database", encoding="utf-8")
    assert not b.is_sound(path) and not b.is_sound(tmp_path / "missing.db")


def test_backups_of_a_file_with_a_longer_name_are_not_its_own(clinic_path, tmp_path):
    # clinic.db and clinic-branch.db share the backups folder: "clinic-*" must not
    # pick up, prune or offer to restore the other file's copies.
    folder = tmp_path / "backups"
    branch = clinic_path.with_name(f"{clinic_path.stem}-branch.db")
    shutil.copy(clinic_path, branch)
    other = b.backup(branch, folder)
    assert b.backups(folder, clinic_path.stem) == []
    assert b.backups(folder, branch.stem) == [other]
    assert b.prune(folder, clinic_path.stem, keep=0) == [] and other.exists()
    assert b.backup_if_due(clinic_path, folder) is not None
    before = b.backup(clinic_path, folder, "before-restore")
    assert before in b.backups(folder, clinic_path.stem)


def test_a_backup_of_another_programs_file_is_refused_and_leaves_nothing(tmp_path):
    other = tmp_path / "photos.db"
    Database(other).execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    folder = tmp_path / "backups"
    with pytest.raises(KnownError) as info:
        b.backup(other, folder)
    assert info.value.key == "backup.failed" and list(folder.iterdir()) == []


def test_a_backup_is_one_self_contained_file(clinic_path, tmp_path):
    db = open_clinic(clinic_path)  # open: its WAL holds what was just written
    add_patient(db, name="王小明")
    made = b.backup(clinic_path, tmp_path / "backups")
    db.close()
    assert [p.name for p in made.parent.iterdir()] == [made.name]
    assert Database(made).execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_only_copies_left_by_ended_processes_are_removed(tmp_path):
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    names = {
        f"clinic-20260101-000000.db.{ended}.partial": False,
        f"clinic-20260101-000000.db.{ended}.partial-journal": False,
        f"clinic.db.{ended}.restoring": False,
        "clinic-20260101-000000.db.partial": False,  # older versions: no process number
        f"calls.xlsx.{ended}.partial": False,
        f"clinic-20260102-000000.db.{os.getpid()}.partial": True,  # still being written
        "holiday.zip.partial": True,  # not ours
        "clinic.db": True,
    }
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    b.remove_stale_copies(tmp_path, tmp_path / "missing")
    assert {n: (tmp_path / n).exists() for n in names} == names


def _sized_clinic(clinic_path, patients=3000):
    db = open_clinic(clinic_path)
    with db.atomic():
        for n in range(patients):
            add_patient(db, name=f"顾客{n}", notes="备注" * 200)
    db.close()


def test_a_backup_reports_its_copy_then_its_check(clinic_path, tmp_path):
    _sized_clinic(clinic_path)
    seen = []
    b.backup(clinic_path, tmp_path / "backups", progress=lambda f, s: seen.append((f, s)))
    stages = [s for _f, s in seen]
    assert stages.index("check") > stages.index("copy") and seen[-1] == (1.0, "check")
    fractions = [f for f, _s in seen]
    assert fractions == sorted(fractions)


def test_a_cancelled_backup_leaves_no_file(clinic_path, tmp_path):
    _sized_clinic(clinic_path)
    cancel = threading.Event()
    folder = tmp_path / "backups"

    def progress(fraction, _stage):
        if fraction > 0:
            cancel.set()

    with pytest.raises(Cancelled):
        b.backup(clinic_path, folder, progress=progress, cancel=cancel)
    assert list(folder.iterdir()) == []


def test_checking_a_file_stops_when_cancelled(clinic_path):
    _sized_clinic(clinic_path)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        b.is_sound(clinic_path, cancel=cancel)
