"""The cyclic garbage collector is paused while an import is planned (`core.perf`), and
while `import_file` writes it, also outside the window's runner (the CLI)."""

from __future__ import annotations

import gc

import pytest

import clinicdesk.core.importer as importer
from clinicdesk.core.errors import KnownError
from clinicdesk.core.importer import ImportOptions, import_file, plan_import
from tests.unit.core.importer.conftest import write_csv

ROW = ["YY1", "王小明", "13800138000", "2023-05-06", "洁牙", "口腔", "300", "", ""]


@pytest.fixture
def collector_on():
    was_on = gc.isenabled()
    gc.enable()
    yield
    if was_on:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_while_the_rows_are_parsed(db, tmp_path, monkeypatch, collector_on):
    seen = []
    real = importer.parse_rows
    monkeypatch.setattr(importer, "parse_rows", lambda *a: seen.append(gc.isenabled()) or real(*a))
    plan_import(db, write_csv(tmp_path / "a.csv", [ROW]), ImportOptions())
    assert seen == [False]


def test_the_collector_is_on_again_after_a_plan(db, tmp_path, collector_on):
    plan_import(db, write_csv(tmp_path / "a.csv", [ROW]), ImportOptions())
    assert gc.isenabled()


def test_the_collector_is_on_again_after_a_file_is_refused(db, tmp_path, collector_on):
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(KnownError):
        plan_import(db, tmp_path / "empty.csv", ImportOptions())
    assert gc.isenabled()


def test_the_collector_is_off_while_import_file_writes(db, tmp_path, monkeypatch, collector_on):
    seen = []
    real = importer.write_charges
    monkeypatch.setattr(
        importer, "write_charges", lambda *a: seen.append(gc.isenabled()) or real(*a)
    )
    import_file(db, write_csv(tmp_path / "a.csv", [ROW]), ImportOptions())
    assert seen == [False]
