"""Upgrading an older clinic file step by step, with its progress."""

from __future__ import annotations

from clinicdesk.core.db import open_clinic, pending_upgrades, schema, schema_version, upgrade_clinic
from tests.unit.core.db.test_migrations import _file_at_version


def test_a_file_from_an_older_version_names_the_migrations_it_needs(tmp_path):
    path = tmp_path / "old.db"
    _file_at_version(path, schema.names().index("0005_call_list"))
    assert pending_upgrades(path) == schema.names()[5:]


def test_a_current_or_new_file_needs_no_upgrade(tmp_path):
    current = tmp_path / "current.db"
    open_clinic(current).close()
    assert pending_upgrades(current) == []
    assert pending_upgrades(tmp_path / "not-yet.db") == []


def test_the_upgrade_reports_each_migration_then_the_end(tmp_path):
    path = tmp_path / "old.db"
    _file_at_version(path, schema.names().index("0005_call_list"))
    seen: list[tuple[float, str]] = []
    upgrade_clinic(path, lambda fraction, name: seen.append((fraction, name)))
    todo = schema.names()[5:]
    assert [name for _, name in seen] == [*todo, ""]
    assert [fraction for fraction, _ in seen] == [i / len(todo) for i in range(len(todo))] + [1.0]
    db = open_clinic(path, read_only=True)
    assert schema_version(db) == schema.names()
    db.close()


def test_an_upgrade_stopped_half_way_goes_on_at_the_next_open(tmp_path):
    path = tmp_path / "old.db"
    _file_at_version(path, schema.names().index("0005_call_list"))

    def stop_at_the_third(fraction: float, name: str) -> None:
        if name == schema.names()[7]:
            raise KeyboardInterrupt

    try:
        upgrade_clinic(path, stop_at_the_third)
    except KeyboardInterrupt:
        pass
    assert pending_upgrades(path) == schema.names()[7:]
    db = open_clinic(path)
    assert schema_version(db) == schema.names()
    db.close()
