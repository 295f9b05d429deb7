"""An import writes in short steps, each one transaction, so that others can write in
between (issue 14: saving a patient during an import waits for one step, not for the
import); a failure, a cancel or a crash part-way leaves the file as it was, keeping
what others wrote meanwhile."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

import clinicdesk.core.importer as importer
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.errors import Cancelled
from clinicdesk.core.importer import ImportOptions, apply_import, plan_import
from clinicdesk.core.importer import load as load_module
from clinicdesk.core.lock import ClinicLock
from tests.unit.core.importer.conftest import statements, write_csv

T = "2026-01-01T00:00:00"
ROWS = [
    [f"YY{n:03d}", f"顾客{n}", "", f"2023-05-{n % 28 + 1:02d}", "洁牙", "口腔", str(100 + n),
     f"医生{n % 3}", ""]
    for n in range(9)
]  # fmt: skip
TABLES = ("patients", "charges", "staff", "import_batches", "contacts", "patient_search")


@pytest.fixture(autouse=True)
def _small_steps(monkeypatch):
    monkeypatch.setattr(load_module, "_CHUNK", 2)  # 9 charges: five steps of charges
    monkeypatch.setattr(load_module, "_PATIENTS", 3)  # 9 patients: one first, 3 steps of 3


@pytest.fixture
def clinic(clinic_path):
    db = open_clinic(clinic_path)
    add_patient(db, name="赵敏", card_no="C1")
    yield db
    db.close()


def _content(db) -> dict[str, list[tuple[object, ...]]]:
    return {t: db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}


def _plan(db, tmp_path: Path):
    return plan_import(db, write_csv(tmp_path / "a.csv", ROWS), ImportOptions())


def _other(clinic_path: Path, sql: str, params=()) -> None:
    """Another program (or the window's other writer) writing, without waiting at all."""
    other = sqlite3.connect(str(clinic_path), timeout=0)
    with other:
        other.execute(sql, params)
    other.close()


def test_others_write_between_the_steps_without_waiting(clinic, clinic_path, tmp_path):
    saved = []

    def between() -> None:  # a timeout of 0: "database is locked" if the import held it
        _other(clinic_path, "INSERT INTO patients (name, created_at, updated_at)"
               " VALUES (?, ?, ?)", [f"来电{len(saved)}", T, T])  # fmt: skip
        saved.append(1)

    result = apply_import(clinic, _plan(clinic, tmp_path), between=between)
    assert len(saved) == 1 + 3 + 5  # after the first step, 3 of patients, 5 of charges
    assert (result.imported, result.patients_created) == (9, 9)
    names = {n for (n,) in clinic.execute("SELECT name FROM patients")}
    assert {f"来电{n}" for n in range(9)} <= names and len(names) == 1 + 9 + 9


def test_a_cancel_part_way_leaves_the_file_as_it_was_but_for_what_others_wrote(
    clinic, clinic_path, tmp_path
):
    cancel, steps = threading.Event(), []
    plan = _plan(clinic, tmp_path)
    before = _content(clinic)

    def between() -> None:
        steps.append(1)
        if len(steps) == 3:
            _other(clinic_path, "UPDATE patients SET taboos = '忌讳谈年龄' WHERE card_no = 'C1'")
            cancel.set()

    with pytest.raises(Cancelled):
        apply_import(clinic, plan, cancel=cancel, between=between)
    after = _content(clinic)
    assert clinic.execute("SELECT taboos FROM patients WHERE card_no = 'C1'").fetchone() == (
        "忌讳谈年龄",
    )
    assert {t: len(rows) for t, rows in after.items()} == {t: len(r) for t, r in before.items()}
    assert after["charges"] == before["charges"] == [] and after["staff"] == before["staff"]


def _third_charge_step_fails(monkeypatch) -> None:
    insert, calls = load_module._insert, []

    def failing(db, rows, *unique):
        calls.append(1)
        if len(calls) == 3:
            raise sqlite3.OperationalError("disk I/O error")
        insert(db, rows, *unique)

    monkeypatch.setattr(load_module, "_insert", failing)


def test_a_step_that_fails_undoes_the_steps_before_it(clinic, tmp_path, monkeypatch):
    plan, before = _plan(clinic, tmp_path), _content(clinic)
    _third_charge_step_fails(monkeypatch)
    with pytest.raises(sqlite3.OperationalError):
        apply_import(clinic, plan, between=lambda: None)
    assert _content(clinic) == before


def test_a_patient_the_import_made_and_someone_called_meanwhile_stays(
    clinic, clinic_path, tmp_path
):
    cancel, steps = threading.Event(), []
    plan = _plan(clinic, tmp_path)

    def between() -> None:  # once its patients are all there: a call to one, then cancel
        steps.append(1)
        if len(steps) == 4:
            _other(clinic_path, "INSERT INTO contacts (patient_id, contacted_at, outcome,"
                   " created_at) SELECT id, ?, 'reached', ? FROM patients WHERE card_no = 'YY004'",
                   [T, T])  # fmt: skip
            cancel.set()

    with pytest.raises(Cancelled):
        apply_import(clinic, plan, cancel=cancel, between=between)
    cards = [c for (c,) in clinic.execute("SELECT card_no FROM patients ORDER BY id")]
    assert cards == ["C1", "YY004"]
    assert clinic.execute("SELECT count(*) FROM contacts").fetchone() == (1,)
    assert clinic.execute("SELECT count(*) FROM charges").fetchone() == (0,)


def _interrupted(clinic, tmp_path, monkeypatch) -> None:
    """An import that stops after its sixth step (two of charges), as if the program died
    there."""
    monkeypatch.setattr(importer, "_undo", lambda *_: None)  # died: nothing undone
    steps = []

    def between() -> None:
        steps.append(1)
        if len(steps) == 6:
            raise SystemExit("killed")

    with pytest.raises(SystemExit):
        apply_import(clinic, _plan(clinic, tmp_path), between=between)


def test_an_import_the_program_died_in_is_undone_at_the_next_opening(
    clinic, clinic_path, tmp_path, monkeypatch
):
    before = _content(clinic)
    _interrupted(clinic, tmp_path, monkeypatch)
    assert clinic.execute("SELECT count(*) FROM charges").fetchone()[0] > 0  # part of it
    clinic.close()
    again = open_clinic(clinic_path)
    assert _content(again) == before
    again.close()


def test_while_someone_holds_the_file_their_import_is_left_alone(
    clinic, clinic_path, tmp_path, monkeypatch
):
    _interrupted(clinic, tmp_path, monkeypatch)
    holder = ClinicLock(clinic_path)  # e.g. the window, whose import is under way
    assert holder.try_acquire()
    try:
        other = open_clinic(clinic_path)
        assert other.execute("SELECT state FROM import_batches").fetchall() == [("writing",)]
        other.close()
    finally:
        holder.release()
    assert open_clinic(clinic_path).execute("SELECT count(*) FROM import_batches").fetchone() == (
        0,
    )


def test_the_lock_holder_undoes_an_unfinished_import_as_it_opens(
    clinic, clinic_path, tmp_path, monkeypatch
):
    _interrupted(clinic, tmp_path, monkeypatch)
    holder = ClinicLock(clinic_path)
    assert holder.try_acquire()
    try:
        mine = open_clinic(clinic_path, lock=holder)
        assert mine.execute("SELECT count(*) FROM import_batches").fetchone() == (0,)
        mine.close()
    finally:
        holder.release()


def test_an_import_with_nothing_new_leaves_no_batch(clinic, tmp_path):
    apply_import(clinic, _plan(clinic, tmp_path), between=lambda: None)
    before = _content(clinic)
    result = apply_import(clinic, _plan(clinic, tmp_path), between=lambda: None)
    assert (result.imported, result.duplicates_skipped) == (0, 9)
    assert _content(clinic) == before


def test_a_dry_run_lets_nothing_through_and_writes_nothing(clinic, tmp_path):
    before, calls = _content(clinic), []
    plan = plan_import(clinic, write_csv(tmp_path / "a.csv", ROWS), ImportOptions(dry_run=True))
    result = apply_import(clinic, plan, between=lambda: calls.append(1))
    assert result.imported == 9 and calls == [] and _content(clinic) == before


def test_undoing_an_interrupted_import_reports_its_progress_to_the_end(
    clinic, clinic_path, tmp_path, monkeypatch
):
    from clinicdesk.core.db import unfinished

    monkeypatch.setattr(unfinished, "_CHUNK", 2)
    monkeypatch.setattr(unfinished, "_PATIENTS", 3)
    _interrupted(clinic, tmp_path, monkeypatch)
    seen: list[float] = []
    assert unfinished.undo_unfinished(clinic, lambda f, _stage: seen.append(f)) == 1
    assert seen == sorted(seen) and seen[0] == 0.0 and 0.8 < seen[-1] < 1.0
    assert any(0 < f < 0.8 for f in seen)  # charges, then patients


def _schema(db) -> set[tuple[str, str]]:
    return set(db.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"))


def test_a_command_with_the_clinic_lock_imports_in_one_transaction(clinic, tmp_path):
    # Nobody can write beside it, so the steps cost only their commits (252 at 1M rows).
    plan, results = _plan(clinic, tmp_path), []
    seen = statements(clinic, lambda: results.append(apply_import(clinic, plan)))
    assert results[0].imported == 9
    assert [s for s in seen if s.upper().startswith(("BEGIN", "COMMIT"))] == [
        "BEGIN IMMEDIATE",
        "COMMIT",
    ]


def test_a_command_s_one_transaction_takes_no_savepoint_a_step(clinic, tmp_path):
    # Its rollback undoes every step; a savepoint a step cost 15 s of CPU instead of 11 s
    # for 1,000,000 charges.
    plan, results = _plan(clinic, tmp_path), []
    seen = statements(clinic, lambda: results.append(apply_import(clinic, plan)))
    assert results[0].imported == 9
    assert [s for s in seen if "SAVEPOINT" in s.upper()] == []


CHARGE_INDEXES = {"idx_charges_batch", "idx_charges_date", "idx_charges_patient_facts",
                  "idx_charges_recall"}  # fmt: skip


def test_a_command_writing_more_charges_than_the_file_holds_indexes_them_after(clinic, tmp_path):
    plan, before = _plan(clinic, tmp_path), _schema(clinic)
    seen = statements(clinic, lambda: apply_import(clinic, plan))
    dropped = {s.split()[-1].strip("[]") for s in seen if s.startswith("DROP INDEX")}
    last_insert = max(i for i, s in enumerate(seen) if s.startswith("INSERT INTO charges"))
    creates = ("CREATE INDEX idx_charges", "CREATE UNIQUE INDEX idx_charges")
    built = [i for i, s in enumerate(seen) if s.startswith(creates)]
    assert dropped == CHARGE_INDEXES | {"idx_charges_import_key"}
    assert len(built) == 5 and min(built) > last_insert
    assert _schema(clinic) == before


def _colliding(monkeypatch) -> None:
    """Every charge line's fingerprint one and the same (as a 64-bit collision would)."""
    monkeypatch.setattr(load_module, "_keys", lambda texts: [7] * len(texts))


@pytest.mark.parametrize("steps", [False, True], ids=["one transaction", "steps"])
def test_a_fingerprint_already_written_is_skipped_with_or_without_the_unique_index(
    clinic, tmp_path, monkeypatch, steps
):
    # One transaction writing more than the file holds builds the unique index after the
    # rows (and so leaves the known fingerprints out itself); steps keep the index. Both
    # skip the same rows: the second charge of a fingerprint is a duplicate.
    _colliding(monkeypatch)
    plan = _plan(clinic, tmp_path)
    result = apply_import(clinic, plan, between=(lambda: None) if steps else None)
    assert (result.imported, result.duplicates_skipped) == (1, 8)
    assert clinic.execute("SELECT count(*) FROM charges").fetchone() == (1,)
    assert clinic.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_larger_overlapping_export_written_at_once_adds_only_its_new_charges(clinic, tmp_path):
    # 9 charges held, 18 in the next export (the first 9 among them): the bulk path.
    apply_import(clinic, _plan(clinic, tmp_path))
    more = ROWS + [[f"YY{n:03d}", f"顾客{n}", "", "2023-06-01", "补牙", "口腔", "500", "", ""]
                   for n in range(9)]  # fmt: skip
    plan = plan_import(clinic, write_csv(tmp_path / "b.csv", more), ImportOptions())
    seen = statements(clinic, lambda: apply_import(clinic, plan))
    assert "DROP INDEX idx_charges_import_key" in seen
    assert (plan.load.known, len(plan.load.charges)) == (0, 18)  # another file: none known
    assert clinic.execute("SELECT count(*) FROM charges").fetchone() == (18,)
    again = apply_import(clinic, plan_import(clinic, tmp_path / "b.csv", ImportOptions()))
    assert (again.imported, again.duplicates_skipped) == (0, 18)


def test_a_command_writing_fewer_charges_than_the_file_holds_keeps_their_indexes(clinic, tmp_path):
    apply_import(clinic, _plan(clinic, tmp_path))
    fewer = [
        [f"N{n}", f"新客{n}", "", "2024-01-02", "洁牙", "口腔", "100", "", ""] for n in range(8)
    ]
    plan = plan_import(clinic, write_csv(tmp_path / "b.csv", fewer), ImportOptions())
    seen = statements(clinic, lambda: apply_import(clinic, plan))
    assert [s for s in seen if s.startswith(("DROP INDEX", "CREATE INDEX"))] == []


def test_a_command_s_import_that_fails_leaves_the_file_and_its_indexes_as_they_were(
    clinic, tmp_path, monkeypatch
):
    plan, before, schema = _plan(clinic, tmp_path), _content(clinic), _schema(clinic)
    _third_charge_step_fails(monkeypatch)
    with pytest.raises(sqlite3.OperationalError):
        apply_import(clinic, plan)
    assert _content(clinic) == before and _schema(clinic) == schema


def _held(plan) -> list[int]:
    return [len(plan.table.rows), len(plan.records), len(plan.people), len(plan.load.patients),
            len(plan.load.fills), len(plan.load.charges)]  # fmt: skip


def test_a_written_plan_lets_go_of_its_rows_and_its_result_stays_whole(clinic, tmp_path):
    plan = _plan(clinic, tmp_path)
    assert _held(plan) == [10, 9, 9, 9, 0, 9]  # the header among the table's rows
    result = apply_import(clinic, plan, between=lambda: None)
    plan.release()
    assert _held(plan) == [0] * 6
    assert (result.rows, result.imported, result.patients_created) == (9, 9, 9)
    assert clinic.execute("SELECT count(*) FROM charges").fetchone() == (9,)


def test_a_plan_lets_go_of_its_rows_a_slice_at_a_time(clinic, tmp_path, monkeypatch):
    plan, seen = _plan(clinic, tmp_path), []
    monkeypatch.setattr(importer, "release", lambda values: seen.append(len(values)))
    plan.release()
    assert seen == [10, 9, 9, 9, 0, 9]  # every list of rows, through perf.release
