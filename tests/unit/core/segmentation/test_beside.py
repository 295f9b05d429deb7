"""A second reader beside the first: used only when it provably reads the same snapshot."""

from __future__ import annotations

import datetime as dt
import sqlite3

import numpy as np
import pytest

from clinicdesk.core.db import memory_clinic, open_clinic
from clinicdesk.core.db.patients import add_patient, update_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.core.segmentation import beside as beside_module
from clinicdesk.core.segmentation import reading
from clinicdesk.core.segmentation.beside import Beside, beside
from clinicdesk.core.segmentation.reading import load_facts

AS_OF = dt.date(2025, 12, 31)
CHARGES = "SELECT count(*), sum(amount_fen) FROM charges"


@pytest.fixture
def first(clinic_path):
    db = open_clinic(clinic_path)
    for n in range(1, 8):
        pid = add_patient(db, name=f"顾客{n}")
        for month in range(1, n + 1):
            add_charge(db, pid, date=f"2025-0{month}-1{n}", item="洁牙", amount_fen=100 * n,
                       category=f"类{n % 3}")  # fmt: skip
    yield db
    db.close()


def _commit_elsewhere(path):
    """Another connection (an import, say) commits a change to every charge."""
    writer = sqlite3.connect(path)
    with writer:
        writer.execute("UPDATE charges SET amount_fen = amount_fen + 1")
    writer.close()


def _in_a_read_transaction(db):
    db.execute("BEGIN")
    db.execute(CHARGES).fetchone()  # the read transaction (the snapshot) begins here


def _read_beside(other):
    other.follow()
    found = other.submit(lambda conn: conn.execute(CHARGES).fetchone()).result()
    return other.same(), found


def test_with_no_commit_between_it_reads_the_first_ones_snapshot(first, clinic_path):
    other = beside(first)
    _in_a_read_transaction(first)
    same, found = _read_beside(other)
    other.close()
    assert same and found == first.execute(CHARGES).fetchone()


@pytest.mark.parametrize("after_the_first_began", [True, False])
def test_a_commit_between_is_detected_and_nothing_read(first, clinic_path, after_the_first_began):
    other = beside(first)
    if after_the_first_began:
        _in_a_read_transaction(first)
    _commit_elsewhere(clinic_path)
    if not after_the_first_began:
        _in_a_read_transaction(first)
    assert _read_beside(other) == (False, None)
    other.close()


def test_there_is_none_for_a_clinic_in_memory_or_inside_a_transaction(first):
    memory = memory_clinic()
    assert beside(memory) is None
    memory.close()
    first.execute("BEGIN")
    assert beside(first) is None
    first.execute("ROLLBACK")


def _facts_fields(facts):
    return {n: getattr(facts, n).tolist() for n in ("ids", "starts", "day", "amount", "owner")}


@pytest.mark.parametrize("part", [1, 2, 100])
def test_facts_read_with_a_second_reader_equal_those_read_alone(first, monkeypatch, part):
    monkeypatch.setattr(reading, "PART", part)
    monkeypatch.setattr(beside_module, "beside", lambda db: None)
    alone = load_facts(first, AS_OF)
    monkeypatch.undo()
    monkeypatch.setattr(reading, "PART", part)
    together = load_facts(first, AS_OF)
    assert _facts_fields(together) == _facts_fields(alone)
    assert together.last_category == alone.last_category


def test_a_commit_while_the_facts_are_read_leaves_them_in_the_first_ones_snapshot(
    first, clinic_path, monkeypatch
):
    monkeypatch.setattr(reading, "PART", 1)  # several parts: the second reader takes some
    before = load_facts(first, AS_OF)
    follow = Beside.follow

    def commit_then_follow(self):
        _commit_elsewhere(clinic_path)  # after the first began, before the second does
        follow(self)

    monkeypatch.setattr(Beside, "follow", commit_then_follow)
    during = load_facts(first, AS_OF)
    assert _facts_fields(during) == _facts_fields(before)
    assert not np.array_equal(load_facts(first, AS_OF).amount, before.amount)  # committed


def test_file_of_is_none_in_memory():
    memory = memory_clinic()
    assert beside_module.file_of(memory) is None
    memory.close()


def test_categories_read_with_the_parts_equal_those_read_for_the_whole(first, monkeypatch):
    for archived in (3, add_patient(first, name="已归档")):  # one in the middle, one last
        add_charge(first, archived, date="2025-09-01", item="洁牙", amount_fen=100,
                   category=f"归档{archived}")  # fmt: skip
        update_patient(first, archived, archived=1)  # their charges are read, not kept
    with_parts = load_facts(first, AS_OF)
    assert len(with_parts.last_category) == 6
    assert not [n for n in with_parts.category_names if n.startswith("归档")]
    monkeypatch.setattr(reading, "_last_visits", lambda *args: None)  # as if out of order
    for_the_whole = load_facts(first, AS_OF)
    assert with_parts.categories_as_of == for_the_whole.categories_as_of == AS_OF
    assert with_parts.last_category == for_the_whole.last_category
    assert with_parts.category_names == for_the_whole.category_names


def test_closing_when_its_pool_takes_no_more_work_still_ends_the_read(first, clinic_path):
    # As the interpreter exits, a ThreadPoolExecutor refuses new work ("cannot schedule
    # new futures after interpreter shutdown"): a task still reading at the window's close
    # then failed in close(). A pool shut down already refuses the same way.
    other = Beside(str(clinic_path))
    other.follow()
    assert other.same()
    conn = other._conn
    other._pool.shutdown(wait=True)
    other.close()  # no RuntimeError
    with pytest.raises(sqlite3.ProgrammingError):  # closed, its transaction ended
        conn.execute("SELECT 1")
