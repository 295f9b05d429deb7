"""Test set-up: Qt offscreen before anything imports it; each test gets its own home."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from sqlite_utils import Database  # noqa: E402

from clinicdesk.core.db import memory_clinic, open_clinic  # noqa: E402
from clinicdesk.core.demo import build_demo  # noqa: E402

DEMO_TODAY = dt.date(2026, 11, 25)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs a QApplication as `gui` (deselect: -m "not gui")."""
    for item in items:
        if {"qapp", "qtbot"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep every test away from the real per-user data folder, in Chinese by default."""
    monkeypatch.setenv("CLINICDESK_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.setenv("CLINICDESK_LANG", "zh_CN")


@pytest.fixture
def db() -> Database:
    """An empty, migrated clinic in memory."""
    clinic = memory_clinic()
    yield clinic
    clinic.close()


@pytest.fixture
def clinic_path(tmp_path: Path) -> Path:
    """A new, migrated clinic file (closed), for WAL, reopen and CLI tests."""
    path = tmp_path / "clinic.db"
    open_clinic(path).close()
    return path


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default-size demo clinic (2,000 patients), built once per test session."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, patients=2000, seed=1, today=DEMO_TODAY)
    return path


@pytest.fixture
def demo_copy(demo_path: Path, tmp_path: Path) -> Path:
    """A private copy of the demo clinic, for tests that write to it."""
    path = tmp_path / "demo-copy.db"
    src = open_clinic(demo_path)
    src.conn.execute("VACUUM INTO ?", [str(path)])
    src.close()
    return path


@pytest.fixture
def demo_db(demo_path: Path) -> Database:
    """A read connection to the session's demo clinic."""
    clinic = open_clinic(demo_path)
    yield clinic
    clinic.close()
