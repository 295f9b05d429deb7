"""Migration 0006: the CHECKs' IN lists as OR chains, every row, index and link kept.

SQLite builds an IN list of three values or more into a temporary table for every row
a CHECK tests (about 2 us a row, against 60 ns for the same OR chain): the demo's
920,000 contacts paid 5 s for it.
"""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from clinicdesk.core.db import open_clinic, schema
from clinicdesk.core.db.constraints import checks_as_or_chains, or_chains

T = "2024-01-02T09:00:00"


def test_an_in_list_becomes_an_or_chain_with_the_same_values():
    sql = "outcome TEXT NOT NULL CHECK (outcome IN ('reached', 'booked',\n 'other'))"
    assert or_chains(sql) == (
        "outcome TEXT NOT NULL CHECK ((outcome = 'reached' OR outcome = 'booked'"
        " OR outcome = 'other'))"
    )


def test_numbers_and_a_null_test_before_the_list_are_kept():
    sql = "CHECK (reason IS NULL OR reason IN ('a', 'b', 'c')), CHECK (x IN (0, 1, 2))"
    assert or_chains(sql) == (
        "CHECK (reason IS NULL OR (reason = 'a' OR reason = 'b' OR reason = 'c')),"
        " CHECK ((x = 0 OR x = 1 OR x = 2))"
    )


@pytest.mark.parametrize(
    ("table", "row"),
    [
        ("contacts", {"patient_id": 1, "contacted_at": T, "outcome": "maybe", "created_at": T}),
        ("contacts", {"patient_id": 1, "contacted_at": T, "outcome": "reached",
                      "channel": "fax", "created_at": T}),
        ("care_dates", {"patient_id": 1, "kind": "birthday", "date": "2024-03-01",
                        "title": "生日", "created_at": T}),
        ("tier_assignments", {"run_id": 1, "patient_id": 1, "tier": "D", "measure": 1,
                              "rank": 1, "cum_share": 0.5}),
    ],
)  # fmt: skip
def test_the_rebuilt_tables_refuse_what_they_refused(db, table, row):
    db["patients"].insert({"id": 1, "name": "王小明", "created_at": T, "updated_at": T})
    db["tier_runs"].insert({"id": 1, "created_at": T, "period_from": "2024-01-01",
                            "period_to": "2024-12-31", "measure": "revenue",
                            "cutoffs": "70,90", "params": "{}"})  # fmt: skip
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db[table].insert(row)


@pytest.mark.parametrize(
    ("table", "column"),
    [("contacts", "channel"), ("contacts", "purpose"), ("contacts", "outcome"),
     ("care_dates", "kind"), ("tier_assignments", "tier")],
)  # fmt: skip
def test_the_lists_of_the_rebuilt_tables_are_or_chains(db, table, column):
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    assert f"{column} IN (" not in sql and f"{column} = " in sql


def _file_before_0006(path) -> Database:
    db = Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    schema.migrations.apply(db, stop_before="0006_cheaper_checks")
    return db


def test_columns_indexes_and_foreign_keys_are_kept(tmp_path):
    db = _file_before_0006(tmp_path / "old.db")
    before = {t: _shape(db, t) for t in db.table_names()}
    names = schema.names()
    after = names.index("0006_cheaper_checks") + 1
    schema.migrations.apply(db, stop_before=names[after] if after < len(names) else None)
    assert {t: _shape(db, t) for t in before} == before
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_definition_that_would_not_parse_stops_before_any_write(tmp_path, monkeypatch):
    from clinicdesk.core.db import constraints

    db = _file_before_0006(tmp_path / "old.db")
    monkeypatch.setattr(constraints, "or_chains", lambda sql: sql + " x" if " IN (" in sql else sql)
    before = db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    with pytest.raises(sqlite3.OperationalError):
        checks_as_or_chains(db)
    assert db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == before


def test_rows_of_other_tables_pointing_at_a_rebuilt_one_keep_their_link(tmp_path):
    # As a later migration's table would (issue 16's appointments point at contacts).
    path = tmp_path / "old.db"
    old = _file_before_0006(path)
    old["patients"].insert({"id": 1, "name": "王小明", "created_at": T, "updated_at": T})
    old["contacts"].insert({"id": 7, "patient_id": 1, "contacted_at": T, "outcome": "booked",
                            "created_at": T})  # fmt: skip
    old.execute("CREATE TABLE bookings (id INTEGER PRIMARY KEY,"
                " contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL)")  # fmt: skip
    old["bookings"].insert({"id": 1, "contact_id": 7})
    old.close()
    db = open_clinic(path)
    assert db.execute("SELECT contact_id FROM bookings").fetchone() == (7,)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def _shape(db: Database, table: str) -> tuple[object, ...]:
    indexes = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name",
        [table],
    ).fetchall()
    return (
        db.execute(f"PRAGMA table_info({table})").fetchall(),
        db.execute(f"PRAGMA foreign_key_list({table})").fetchall(),
        indexes,
    )
