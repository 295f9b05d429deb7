"""The clinic file's schema: opened from every version with data in it, nothing lost.

SAMPLES holds, for each migration, rows that are valid right after it. A test makes a
file at every version (with the samples of every migration up to it), opens it with the
current program and checks every sample row is still there. A new migration without
samples fails `test_every_migration_has_sample_rows`.
"""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

import clinicdesk.core.db as store
from clinicdesk.core.db import open_clinic, schema, schema_version
from clinicdesk.core.errors import KnownError

T = "2024-01-02T09:00:00"
SAMPLES: dict[str, dict[str, list[dict[str, object]]]] = {
    "0001_initial": {
        "settings": [{"key": "clinic_name", "value": '"悦颜"'}],
        "staff": [{"id": 1, "name": "张敏", "role": "consultant", "active": 1, "created_at": T}],
        "patients": [
            {"id": 1, "name": "王小明", "name_pinyin": "wangxiaoming", "name_initials": "wxm",
             "mobile": "13800138000", "card_no": "C1", "taboos": "忌讳谈年龄", "owner_id": 1,
             "created_at": T, "updated_at": T},
            {"id": 2, "name": "单雄信", "referred_by": 1, "created_at": T, "updated_at": T},
        ],
        "import_batches": [{"id": 1, "file_name": "a.csv", "file_hash": "ab", "imported_at": T}],
        "charges": [
            {"id": 1, "patient_id": 1, "date": "2024-01-02", "item": "洁牙", "amount_fen": 29800,
             "batch_id": 1, "created_at": T},
            {"id": 2, "patient_id": 1, "date": "2024-01-09", "item": "洁牙", "amount_fen": -29800,
             "created_at": T},
        ],
        "visit_notes": [{"id": 1, "patient_id": 1, "visit_date": "2024-01-02", "note": "怕疼",
                         "created_at": T}],
        "care_dates": [{"id": 1, "patient_id": 1, "kind": "personal", "date": "2024-03-15",
                        "yearly": 1, "title": "结婚纪念日", "created_at": T}],
        "tags": [{"id": 1, "name": "高尔夫俱乐部", "kind": "circle"}],
        "patient_tags": [{"patient_id": 1, "tag_id": 1}],
        "contacts": [{"id": 1, "patient_id": 1, "contacted_at": T, "outcome": "booked",
                      "next_contact": "2024-02-01", "created_at": T}],
        "script_templates": [{"id": 1, "name": "洁牙邀请", "reason": "recall",
                              "body": "{称呼}您好", "updated_at": T}],
        "tier_runs": [{"id": 1, "created_at": T, "period_from": "2023-01-01",
                       "period_to": "2023-12-31", "measure": "revenue", "cutoffs": "70,90",
                       "params": "{}"}],
        "tier_assignments": [{"run_id": 1, "patient_id": 1, "tier": "A", "measure": 29800,
                              "rank": 1, "cum_share": 0.0}],
        "audit_log": [{"id": 1, "at": T, "action": "merge", "entity": "patient", "entity_id": 1}],
    },
    # An index only: the rows of 0001 are what it must keep.
    "0002_charges_covering_index": {},
    "0003_charge_import_key": {
        "charges": [
            {"id": 3, "patient_id": 2, "date": "2024-02-02", "item": "补牙", "amount_fen": 50000,
             "batch_id": 1, "import_key": 1234567890123, "created_at": T},
        ],
    },
    # A search index kept by triggers: its rows are the patients'.
    "0004_patient_search": {},
    "0005_call_list": {
        "call_claims": [{"patient_id": 1, "day": "2024-02-03", "staff_id": 1, "claimed_at": T}],
        "campaigns": [{"id": 1, "name": "洁牙激活 2024-02", "target": '{"tiers": ["A"]}',
                       "script_id": 1, "created_at": T}],
        "contacts": [{"id": 2, "patient_id": 2, "contacted_at": T, "outcome": "booked",
                      "campaign_id": 1, "created_at": T}],
        "patients": [{"id": 3, "name": "曾明", "address_as": "曾老师", "created_at": T,
                      "updated_at": T}],
    },
    # The tables' definitions rewritten (their CHECKs only): the rows above stay, and these
    # pass the new CHECKs.
    "0006_cheaper_checks": {
        "contacts": [{"id": 7, "patient_id": 3, "contacted_at": T, "channel": "wechat",
                      "purpose": "thanks", "outcome": "declined", "created_at": T}],
        "care_dates": [{"id": 2, "patient_id": 3, "kind": "follow_up", "date": "2024-04-01",
                        "title": "术后回访", "created_at": T}],
        "tier_assignments": [{"run_id": 1, "patient_id": 3, "tier": "C", "measure": 100,
                              "rank": 2, "cum_share": 1.0}],
    },
    "0007_appointments": {
        "appointments": [{"id": 1, "patient_id": 1, "starts_at": "2024-02-05T14:30",
                          "item": "洁牙", "staff_id": 1, "note": "怕疼", "status": "confirmed",
                          "contact_id": 2, "created_at": T, "updated_at": T}],
    },
    "0008_script_versions": {
        "script_versions": [{"id": 10, "script_id": 1, "version": 2, "body": "{称呼}您好，新",
                             "fallback": "您好", "active": 1, "created_at": T}],
        "contacts": [{"id": 3, "patient_id": 1, "contacted_at": T, "outcome": "reached",
                      "script_version_id": 10, "created_at": T}],
    },
    "0009_call_workload": {
        "contacts": [{"id": 4, "patient_id": 1, "contacted_at": T, "outcome": "reached",
                      "reason": "confirm", "callback": 1, "next_contact": "2024-01-09",
                      "staff_id": 1, "created_at": T}],
        "patient_recalls": [{"patient_id": 1, "item": "洁牙", "interval_days": 120,
                             "updated_at": T}],
    },
    # Indexes only: the patients and charges of 0001-0005 are what it must keep.
    "0010_search_indexes": {},
    "0011_tier_overrides_and_alerts": {
        "tier_overrides": [{"patient_id": 2, "tier": "A", "reason": "意见领袖",
                            "until": "2025-06-30", "staff_id": 1, "set_at": T}],
        "patients": [{"id": 4, "name": "陈总", "important_note": "对青霉素过敏", "created_at": T,
                      "updated_at": T}],
        "alerts_shown": [{"patient_id": 4, "staff_id": 1, "day": "2024-01-02",
                          "kind": "important_note", "shown_at": T},
                         {"patient_id": 4, "day": "2024-01-02", "kind": "important_note",
                          "shown_at": T}],
    },
    "0014_import_in_steps": {
        "import_batches": [{"id": 2, "file_name": "b.csv", "file_hash": "cd", "imported_at": T,
                            "state": "done", "patients_from": 3, "patients_to": 3,
                            "staff_from": 1, "staff_to": 1, "rows_before": '{"charges": 3}'}],
    },
}  # fmt: skip


def test_every_migration_has_sample_rows():
    assert list(SAMPLES) == schema.names()


def test_every_table_has_sample_rows(db):
    sampled = {table for rows in SAMPLES.values() for table in rows}
    tables = {t for t in db.table_names()
              if not t.startswith(("_", "patient_search"))}  # fmt: skip
    assert tables == sampled


def _file_at_version(path, version_index: int) -> None:
    """A clinic file with the migrations up to `version_index` applied, and their samples."""
    names = schema.names()
    db = Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    stop = names[version_index + 1] if version_index + 1 < len(names) else None
    schema.migrations.apply(db, stop_before=stop)
    with db.atomic():
        for name in names[: version_index + 1]:
            for table, rows in SAMPLES[name].items():
                for row in rows:  # one at a time: rows differ in which columns they set
                    db[table].insert(row)
    db.close()


@pytest.mark.parametrize("version_index", range(len(schema.names())))
def test_a_file_from_every_version_opens_with_nothing_lost(tmp_path, version_index):
    path = tmp_path / "old.db"
    _file_at_version(path, version_index)
    db = open_clinic(path)
    assert schema_version(db) == schema.names()
    for name in schema.names()[: version_index + 1]:
        for table, rows in SAMPLES[name].items():
            stored = list(db[table].rows)
            for row in rows:
                assert any(row.items() <= s.items() for s in stored), (table, row)
    db.close()


def test_old_scripts_become_version_1_and_sign_with_the_callers_name(tmp_path):
    path = tmp_path / "old.db"
    _file_at_version(path, schema.names().index("0007_appointments"))
    old = Database(path)
    for row in (
        {"id": 2, "name": "邀请", "reason": "recall", "body": "我是{诊所|诊所}的{负责人|顾问}",
         "fallback": "您好", "updated_at": T},
        {"id": 3, "name": "Hi", "reason": "recall", "language": "en",
         "body": "Hello, this is {owner|your consultant}.", "fallback": "Hi", "updated_at": T},
    ):  # fmt: skip
        old["script_templates"].insert(row)
    old.close()
    db = open_clinic(path)
    rows = db.execute("SELECT script_id, version, body, active FROM script_versions"
                      " ORDER BY script_id, version").fetchall()  # fmt: skip
    assert rows == [
        (1, 1, "{称呼}您好", 1),
        (2, 1, "我是{诊所|诊所}的{负责人|顾问}", 0), (2, 2, "我是{诊所|诊所}的{我的名字|顾问}", 1),
        (3, 1, "Hello, this is {owner|your consultant}.", 0),
        (3, 2, "Hello, this is {my_name|your consultant}.", 1),
    ]  # fmt: skip
    assert db.execute("SELECT body FROM script_templates WHERE id = 3").fetchone() == (
        "Hello, this is {my_name|your consultant}.",)  # fmt: skip


def test_a_next_date_agreed_with_the_patient_stays_a_call_back_in_older_files(tmp_path):
    path = tmp_path / "old.db"
    _file_at_version(path, schema.names().index("0008_script_versions"))
    old = Database(path)
    for n, outcome in enumerate(("reached", "no_answer", "declined", "booked"), start=10):
        old["contacts"].insert({"id": n, "patient_id": 2, "contacted_at": T, "outcome": outcome,
                                "next_contact": "2024-02-01", "created_at": T})  # fmt: skip
    old.close()
    db = open_clinic(path)
    rows = db.execute("SELECT outcome, callback FROM contacts WHERE id >= 10 ORDER BY id")
    assert rows.fetchall() == [("reached", 1), ("no_answer", 0), ("declined", 0), ("booked", 1)]


def test_an_empty_file_is_created_at_the_current_version(tmp_path):
    db = open_clinic(tmp_path / "new.db")
    assert schema_version(db) == schema.names()


def test_reopening_applies_nothing_twice(clinic_path):
    open_clinic(clinic_path).close()
    db = open_clinic(clinic_path)
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(
        schema.names()
    )


def test_the_file_is_in_wal_mode_with_foreign_keys_on(clinic_path):
    db = open_clinic(clinic_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_failing_migration_leaves_the_file_at_the_previous_version(clinic_path, monkeypatch):
    broken = Migrations("clinicdesk")
    for name in schema.names():
        broken(name=name)(lambda _db: None)

    @broken(name="9999_broken")
    def _broken(db: Database) -> None:
        db.execute("CREATE TABLE half_done (x)")
        db.execute("ALTER TABLE patients ADD COLUMN half INTEGER")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "migrations", broken)
    monkeypatch.setattr(store, "names", lambda: [*schema.names(), "9999_broken"])
    with pytest.raises(sqlite3.OperationalError):
        open_clinic(clinic_path)
    db = Database(clinic_path)
    assert schema_version(db) == schema.names()
    assert "half_done" not in db.table_names()
    assert "half" not in db["patients"].columns_dict


def test_a_file_from_a_newer_version_is_refused_untouched(clinic_path):
    db = Database(clinic_path)
    db["_sqlite_migrations"].insert(
        {"migration_set": "clinicdesk", "name": "0999_future", "applied_at": T}
    )
    db.close()
    with pytest.raises(KnownError) as info:
        open_clinic(clinic_path)
    assert "0999_future" in info.value.message("zh_CN")
    assert "更新版本" in info.value.message("zh_CN")


def test_another_programs_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.db"
    Database(path)["invoices"].insert({"id": 1, "total": 5})
    with pytest.raises(KnownError) as info:
        open_clinic(path)
    assert info.value.key == "db.foreign_database"
    assert Database(path).table_names() == ["invoices"]


def test_a_file_that_is_not_sqlite_is_refused_with_a_message(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库" * 200, encoding="utf-8")
    with pytest.raises(KnownError) as info:
        open_clinic(path)
    assert info.value.key == "db.not_a_clinic_file"
    assert str(path) in info.value.message("zh_CN")


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(KnownError) as info:
        open_clinic(tmp_path / "nowhere" / "clinic.db")
    assert info.value.key == "db.no_folder"
