"""Fixtures for the window's tests."""

from __future__ import annotations

import pytest

from clinicdesk.ui.translation import install_translators


@pytest.fixture
def chinese(qapp):
    """The window in Simplified Chinese, as most clinics use it."""
    translators = install_translators(qapp, "zh_CN")
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def locked(clinic_path, monkeypatch):
    """Another program holds the clinic file's write lock; a connection opened from now
    on gives up waiting for it after 0.1 s (`rollback()` releases it)."""
    import sqlite3

    import clinicdesk.core.db as core_db

    monkeypatch.setattr(core_db, "BUSY_TIMEOUT_MS", 100)
    other = sqlite3.connect(str(clinic_path))
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.rollback()
    other.close()
