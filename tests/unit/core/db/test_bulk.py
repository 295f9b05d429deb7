"""Bulk writes: indexes and triggers dropped for the rows, then back exactly as they were."""

from __future__ import annotations

import pytest

from clinicdesk.core.db.bulk import deferred_indexes, fill_patient_search
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.search import search_patients

TABLES = ("patients", "charges")


def _schema(db):
    return db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()


def test_the_schema_is_the_same_after_the_block(db):
    before = _schema(db)
    with db.atomic(), deferred_indexes(db, TABLES):
        names = {r[1] for r in _schema(db)}
        assert "idx_charges_date" not in names and "patients_search_insert" not in names
    assert _schema(db) == before


def test_a_failure_inside_leaves_the_file_as_it_was(db):
    before = _schema(db)
    with pytest.raises(RuntimeError), db.atomic(), deferred_indexes(db, TABLES):
        add_patient(db, name="王小明")
        raise RuntimeError("interrupted")
    assert _schema(db) == before and db.execute("SELECT count(*) FROM patients").fetchone()[0] == 0


def test_patients_written_without_the_trigger_are_found_after_the_fill(db):
    with db.atomic(), deferred_indexes(db, TABLES):
        pid = add_patient(db, name="王小明", mobile="13812348000")
    fill_patient_search(db)
    assert search_patients(db, "8000") == [pid]
