"""Fixtures for the window's tests."""

from __future__ import annotations

import pytest

from clinicdesk.ui.translation import install_translators


@pytest.fixture(autouse=True)
def no_language_left_behind(qapp):
    """A test that opens the window as the program does (`--self-test`, say) installs its
    translators for good: the tests after it then spoke Chinese where they expected
    English. What a test installed goes when it ends, and the default locale comes back."""
    from PySide6.QtCore import QLocale, QTranslator

    before, locale = set(qapp.findChildren(QTranslator)), QLocale()
    yield
    for translator in set(qapp.findChildren(QTranslator)) - before:
        qapp.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(locale)


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
