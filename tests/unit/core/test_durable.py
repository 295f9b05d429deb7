"""A file renamed into place is on disk, data and folder entry, before the program goes
on (a power cut after a restore must not bring the replaced clinic file back)."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

from clinicdesk import paths
from clinicdesk.core import backup, durable
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.clinic import create_clinic
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.demo import build_demo
from clinicdesk.core.errors import KnownError
from clinicdesk.core.export import write_table

posix = pytest.mark.skipif(os.name != "posix", reason="a folder is synced on POSIX only")


@pytest.fixture
def synced(monkeypatch) -> list[tuple[str, str]]:
    """What os.fsync and os.replace were given, in order: ("fsync", path) and
    ("replace", target)."""
    seen: list[tuple[str, str]] = []
    fsync, replace = os.fsync, os.replace

    def spy_fsync(fd: int) -> None:
        seen.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        fsync(fd)

    def spy_replace(src, dst, *args, **kwargs) -> None:
        seen.append(("replace", str(Path(dst).resolve())))
        replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "fsync", spy_fsync)
    monkeypatch.setattr(os, "replace", spy_replace)
    return seen


@posix
@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/fd")
def test_replace_syncs_the_data_renames_then_syncs_the_folder(tmp_path, synced):
    source, target = tmp_path / "new.partial", tmp_path / "clinic.db"
    source.write_bytes(b"new")
    target.write_bytes(b"old")
    durable.replace(source, target)
    assert target.read_bytes() == b"new" and not source.exists()
    assert synced == [("fsync", str(source.resolve())), ("replace", str(target.resolve())),
                      ("fsync", str(tmp_path.resolve()))]  # fmt: skip


@pytest.fixture
def renamed(monkeypatch) -> list[Path]:
    """The targets that went through durable.replace."""
    seen: list[Path] = []
    real = durable.replace

    def spy(source: Path, target: Path) -> None:
        real(source, target)
        seen.append(target)

    monkeypatch.setattr(durable, "replace", spy)
    return seen


def test_a_backup_and_a_restore_are_put_in_place_durably(clinic_path, tmp_path, renamed):
    db = open_clinic(clinic_path)
    add_patient(db, name="备份前")
    db.close()
    saved = backup.backup(clinic_path, tmp_path / "backups")
    assert renamed == [saved]
    safety, _ = backup.restore(saved, clinic_path, tmp_path / "backups")
    assert renamed == [saved, safety, clinic_path]  # the safety copy, then the clinic file


def test_exports_new_clinics_and_the_demo_are_put_in_place_durably(tmp_path, renamed, monkeypatch):
    write_table(tmp_path / "list.csv", ["a"], [["1"]])
    write_table(tmp_path / "list.xlsx", ["a"], [["1"]])
    create_clinic(tmp_path / "new.db", "新诊所")
    build_demo(tmp_path / "demo.db", patients=20, seed=1)
    # The current-clinic record is not: it is written on the window's thread, where an
    # fsync could wait behind a whole disk's dirty pages, and it holds no patient data.
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path / "data")
    paths.remember_clinic(tmp_path / "new.db")
    assert (tmp_path / "data" / paths.CURRENT_RECORD).is_file()
    assert renamed == [tmp_path / "list.csv", tmp_path / "list.xlsx", tmp_path / "new.db",
                       tmp_path / "demo.db"]  # fmt: skip


@posix
@pytest.mark.parametrize("code", [errno.EINVAL, errno.EBADF, errno.ENOTSUP])
def test_a_folder_its_file_system_cannot_sync_is_left_as_it_is(tmp_path, monkeypatch, code):
    # A USB stick's or a network share's file system: the file is in place all the same.
    source, target = tmp_path / "new.partial", tmp_path / "backup.db"
    source.write_bytes(b"new")
    fsync = os.fsync

    def refuse_folders(fd: int) -> None:
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            raise OSError(code, os.strerror(code))
        fsync(fd)

    monkeypatch.setattr(os, "fsync", refuse_folders)
    durable.replace(source, target)
    assert target.read_bytes() == b"new"


@posix
def test_a_disk_error_syncing_the_data_is_raised_and_nothing_is_renamed(tmp_path, monkeypatch):
    source, target = tmp_path / "new.partial", tmp_path / "backup.db"
    source.write_bytes(b"new")
    target.write_bytes(b"old")

    def broken(fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError):
        durable.replace(source, target)
    assert target.read_bytes() == b"old" and source.exists()


@posix
def test_a_backup_whose_copy_the_disk_fails_to_sync_is_a_failed_backup(
    clinic_path, tmp_path, monkeypatch
):
    open_clinic(clinic_path).close()

    def broken(source: Path, target: Path) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(durable, "replace", broken)
    with pytest.raises(KnownError) as refused:
        backup.backup(clinic_path, tmp_path / "backups")
    assert refused.value.key == "backup.failed"
    assert list((tmp_path / "backups").iterdir()) == []  # no unfinished copy left
