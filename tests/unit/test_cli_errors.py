"""The command line says what went wrong with the clinic file (exit 2), never a traceback."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import clinicdesk.core.db as store
from clinicdesk import cli
from tests.unit.core.importer.conftest import write_csv

ROW = ["YY001", "王小明", "13800138000", "2023-05-06", "洁牙", "口腔", "300", "", ""]


@contextmanager
def _write_lock(path: Path) -> Iterator[None]:
    """Another program holding the clinic file's write lock."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE settings SET value = value")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.fixture
def short_busy_timeout(monkeypatch):
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 100)  # the real one is 5 s


@pytest.mark.parametrize(
    "command",
    [["import", "{export}"], ["tiers", "--save"], ["--lang", "en", "calls", "--limit", "3"]],
)
def test_a_file_locked_by_another_writer_is_a_message(
    demo_copy, tmp_path, capsys, short_busy_timeout, command
):
    export = write_csv(tmp_path / "export.csv", [ROW])
    argv = [a.replace("{export}", str(export)) for a in command] + ["--db", str(demo_copy)]
    with _write_lock(demo_copy):
        assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert str(demo_copy) in err and ("5 秒" in err or "5 seconds" in err)


def test_a_read_only_clinic_file_is_a_message(clinic_path, tmp_path, capsys, monkeypatch):
    # Root may write any file, so the file is made read-only the way SQLite sees it.
    real = sqlite3.connect

    def read_only(database, *args, **kwargs):
        if database == ":memory:" or kwargs.get("uri"):
            return real(database, *args, **kwargs)
        return real(Path(database).resolve().as_uri() + "?mode=ro", *args, uri=True, **kwargs)

    export = write_csv(tmp_path / "export.csv", [ROW])
    monkeypatch.setattr(sqlite3, "connect", read_only)
    assert cli.main(["import", str(export), "--db", str(clinic_path)]) == 2
    assert "只读" in capsys.readouterr().err


def test_info_on_an_empty_file_is_a_message_and_leaves_it_empty(tmp_path, capsys):
    path = tmp_path / "clinic.db"
    path.write_bytes(b"")
    assert cli.main(["info", "--db", str(path)]) == 2
    assert "空文件" in capsys.readouterr().err and path.read_bytes() == b""


def test_info_does_not_switch_a_file_to_wal(clinic_path, capsys):
    plain = sqlite3.connect(clinic_path)
    plain.execute("PRAGMA journal_mode = DELETE")
    plain.close()
    assert cli.main(["info", "--db", str(clinic_path)]) == 0
    check = sqlite3.connect(clinic_path)
    assert check.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    check.close()


def test_restore_into_a_folder_that_does_not_exist_is_a_message(clinic_path, tmp_path, capsys):
    target = tmp_path / "nowhere" / "clinic.db"
    assert cli.main(["restore", str(clinic_path), "--db", str(target), "--yes"]) == 2
    assert "不存在" in capsys.readouterr().err and not target.parent.exists()
