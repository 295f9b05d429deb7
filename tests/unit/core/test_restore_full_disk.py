"""A restore that meets a full disk: the clinic file as it was, a clear message, and no
copy of patient data left beside it (seen on a 30 MB tmpfs: the staging copy's SQLite
journal, ``clinic.db.<pid>.restoring-journal``, stayed in the clinic's folder). The disk
is full for the copy by ``PRAGMA max_page_count``: SQLite's own SQLITE_FULL."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing

import pytest

from clinicdesk.core import backup as backups
from clinicdesk.core.backup import backup, restore
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.errors import KnownError


def test_a_restore_on_a_full_disk_changes_nothing_and_leaves_no_copy(
    clinic_path, tmp_path, monkeypatch
):
    db = open_clinic(clinic_path)
    add_patient(db, name="王小明")
    db.close()
    made = backup(clinic_path, tmp_path / "backups")
    db = open_clinic(clinic_path)
    add_patient(db, name="备份后的新顾客")
    db.close()
    before = hashlib.sha256(clinic_path.read_bytes()).hexdigest()
    real = backups._connect

    def connect(database: str, *, uri: bool = False):  # noqa: ANN202
        conn = real(database, uri=uri)
        if database.endswith(".restoring"):  # the copy: its disk holds five pages, its journal
            conn.thing.execute("PRAGMA journal_mode = PERSIST")  # stays, as on the tmpfs
            conn.thing.execute("PRAGMA max_page_count = 5")
        return conn

    monkeypatch.setattr(backups, "_connect", connect)
    with pytest.raises(KnownError) as refused:
        restore(made, clinic_path, tmp_path / "backups")
    assert refused.value.key == "db.full"
    assert hashlib.sha256(clinic_path.read_bytes()).hexdigest() == before
    left = sorted(p.name for p in clinic_path.parent.iterdir() if "restoring" in p.name)
    assert left == []
    with closing(sqlite3.connect(clinic_path)) as conn:
        kept = conn.execute("SELECT count(*) FROM patients WHERE name = '备份后的新顾客'")
        assert kept.fetchone() == (1,)
