"""Importing the same file again: the charges its earlier import wrote are left out
before the write, and the counts stay exact (see core.importer.known)."""

from __future__ import annotations

import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinicdesk.core.db import memory_clinic, open_clinic
from clinicdesk.core.importer import ImportOptions, apply_import, import_file, plan_import
from tests.unit.core.importer.conftest import statements, write_csv

ROWS = [[f"YY{n % 4}", f"顾客{n % 4}", "", f"2023-05-{n % 9 + 1:02d}", "洁牙", "口腔",
         str(100 + n % 3), "", ""] for n in range(12)]  # fmt: skip


def _inserts(db, run) -> list[str]:
    return [s for s in statements(db, run) if s.startswith("INSERT INTO charges")]


def test_the_same_file_again_writes_no_charge_and_counts_every_row_a_duplicate(tmp_path):
    db, path = memory_clinic(), write_csv(tmp_path / "a.csv", ROWS)
    first = import_file(db, path, ImportOptions())
    results = []
    inserts = _inserts(db, lambda: results.append(import_file(db, path, ImportOptions())))
    assert inserts == [] and first.imported == 12
    assert (results[0].imported, results[0].duplicates_skipped) == (0, 12)


def test_an_unfinished_import_of_the_same_file_is_not_taken_as_written(tmp_path):
    db, path = memory_clinic(), write_csv(tmp_path / "a.csv", ROWS)
    import_file(db, path, ImportOptions())
    db.execute("UPDATE import_batches SET state = 'writing'")  # as if being undone
    results = []
    inserts = _inserts(db, lambda: results.append(import_file(db, path, ImportOptions())))
    assert inserts and (results[0].imported, results[0].duplicates_skipped) == (0, 12)


def test_a_charge_deleted_between_matching_and_writing_is_written_again(clinic_path, tmp_path):
    db, path = open_clinic(clinic_path), write_csv(tmp_path / "a.csv", ROWS)
    import_file(db, path, ImportOptions())
    plan = plan_import(db, path, ImportOptions())
    other = sqlite3.connect(str(clinic_path))  # someone deletes one in the window meanwhile
    with other:
        other.execute("DELETE FROM charges WHERE id = 5")
    other.close()
    result = apply_import(db, plan, between=lambda: None)
    assert (result.imported, result.duplicates_skipped) == (1, 11)
    assert db.execute("SELECT count(*) FROM charges").fetchone() == (12,)
    db.close()


_line = st.tuples(st.integers(0, 3), st.integers(1, 5), st.sampled_from(["洁牙", "补牙"]))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_line, min_size=1, max_size=30), st.data())
def test_the_same_file_again_adds_back_exactly_the_charges_deleted_since(tmp_path, lines, data):
    # Identical lines too: two charges, told apart by their occurrence.
    rows = [[f"C{p}", f"顾客{p}", "", f"2024-01-0{d}", item, "", "100", "", ""]
            for p, d, item in lines]  # fmt: skip
    db, path = memory_clinic(), write_csv(tmp_path / "a.csv", rows)
    import_file(db, path, ImportOptions())
    ids = [i for (i,) in db.execute("SELECT id FROM charges")]
    gone = data.draw(st.lists(st.sampled_from(ids), unique=True))
    db.execute("DELETE FROM charges WHERE id IN (SELECT value FROM json_each(?))",
               [str(gone)])  # fmt: skip
    again = import_file(db, path, ImportOptions())
    assert (again.imported, again.duplicates_skipped) == (len(gone), len(rows) - len(gone))
    assert again.rows == again.imported + again.duplicates_skipped + again.rejected
    assert db.execute("SELECT count(*) FROM charges").fetchone() == (len(rows),)
