"""An import reads, parses and matches first, then writes in one short transaction.

Saving a patient or logging a call during an import must wait at most for that last
transaction, so nothing slow may happen while the import holds the write lock; and
what others wrote meanwhile is neither lost nor duplicated.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.importer import ImportOptions, import_file
from tests.unit.core.importer.conftest import statements, write_csv

ROWS = [
    ["YY001", "王小明", "13800138000", "2023-05-06", "洁牙", "口腔", "1280", "周建华", ""],
    ["YY002", "李娜", "", "2023-05-08", "水光针", "注射", "1280", "吴倩", ""],
    ["C1", "赵敏", "13900001111", "2023-05-09", "补牙", "口腔", "500", "", ""],
]


def _statements_under_the_lock(db: Database, run) -> list[str]:
    seen = statements(db, run)
    begin = next(i for i, s in enumerate(seen) if s.upper().startswith("BEGIN IMMEDIATE"))
    end = next(i for i, s in enumerate(seen) if i > begin and s.upper().startswith("COMMIT"))
    return seen[begin + 1 : end]


def _writer_at_first_write_step(clinic_path, change):
    """A progress callback that lets another connection write once, when the import has
    matched its rows and is about to write."""
    done = []

    def progress(_fraction: float, stage: str) -> None:
        if stage == "write" and not done:
            other = sqlite3.connect(str(clinic_path), timeout=0)  # must not have to wait
            with other:
                change(other)
            other.close()
            done.append(stage)

    return progress, done


def test_under_the_write_lock_an_import_reads_no_patients(clinic_path, tmp_path):
    db = open_clinic(clinic_path)
    add_patient(db, name="赵敏", card_no="C1")
    path = write_csv(tmp_path / "a.csv", ROWS)
    inside = _statements_under_the_lock(db, lambda: import_file(db, path, ImportOptions()))
    reads = [s for s in inside if s.lstrip().upper().startswith("SELECT") and "patients" in s]
    assert reads == [
        "SELECT max(id), count(*) FROM patients",  # did they change?
        "SELECT 1 FROM patients WHERE card_no IN (SELECT value FROM json_each("
        '\'["YY001", "YY002"]\')) LIMIT 1',  # by index
        "SELECT coalesce(max(rowid), 0) FROM patients",  # where its undo would look
    ]
    db.close()


def test_a_patient_created_after_the_rows_were_matched_gets_their_rows(clinic_path, tmp_path):
    def create(other):
        other.execute(
            "INSERT INTO patients (name, card_no, created_at, updated_at)"
            " VALUES ('李娜', 'YY002', '2026-01-01T00:00:00', '2026-01-01T00:00:00')"
        )

    progress, done = _writer_at_first_write_step(clinic_path, create)
    db = open_clinic(clinic_path)
    result = import_file(db, write_csv(tmp_path / "a.csv", ROWS), ImportOptions(), progress)
    assert done and (result.imported, result.patients_created) == (3, 2)
    owners = db.execute(
        "SELECT p.card_no, count(*) FROM charges c JOIN patients p ON p.id = c.patient_id"
        " GROUP BY p.card_no ORDER BY p.card_no"
    ).fetchall()
    assert owners == [("C1", 1), ("YY001", 1), ("YY002", 1)]
    assert db.execute("SELECT count(*) FROM patients").fetchone() == (3,)
    db.close()


def test_a_card_given_to_a_patient_meanwhile_is_matched_not_duplicated(clinic_path, tmp_path):
    db = open_clinic(clinic_path)
    pid = add_patient(db, name="李娜")
    progress, done = _writer_at_first_write_step(
        clinic_path,
        lambda other: other.execute("UPDATE patients SET card_no = 'YY002' WHERE id = ?", [pid]),
    )
    result = import_file(db, write_csv(tmp_path / "a.csv", ROWS), ImportOptions(), progress)
    assert done and result.imported == 3
    assert db.execute("SELECT count(*) FROM charges WHERE patient_id = ?", [pid]).fetchone() == (1,)
    assert db.execute("SELECT count(*) FROM patients WHERE card_no = 'YY002'").fetchone() == (1,)
    db.close()


def test_many_new_patients_are_found_by_search_and_later_ones_too(db, tmp_path):
    from clinicdesk.core.db.search import search_patients

    rows = [
        [f"K{n:04d}", f"顾客{n}", f"139{n:08d}", "2023-05-06", "洁牙", "口腔", "300", "", ""]
        for n in range(300)  # enough to fill the search index in one pass
    ]
    import_file(db, write_csv(tmp_path / "a.csv", rows), ImportOptions())
    assert len(search_patients(db, "k0123")) == 1 and len(search_patients(db, "13900000299")) == 1
    later = add_patient(db, name="曾小明", card_no="Z9")
    assert search_patients(db, "zxm") == [later]  # the trigger is back
