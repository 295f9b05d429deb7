"""The full check of the clinic file: in the background when due, never before the window."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from clinicdesk import paths
from clinicdesk.app import open_window
from clinicdesk.core.backup import backup
from clinicdesk.ui import file_check


@pytest.fixture
def checks(monkeypatch):
    """Every full check made: (file name, on the GUI thread?)."""
    made = []
    real = file_check.is_sound

    def recording(path, **kwargs):
        made.append((path.name, threading.get_ident() == gui))
        return real(path, **kwargs)

    gui = threading.get_ident()
    monkeypatch.setattr(file_check, "is_sound", recording)
    return made


def _open_and_settle(qtbot, path):
    window = open_window(path, "zh_CN")
    assert window is not None
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=10_000)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=10_000)
    return window


def _close(window, qtbot):
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible() and not window.runner.busy(), timeout=10_000)
    window.deleteLater()
    qtbot.wait(10)


def test_the_first_opening_checks_the_file_in_the_background(qapp, qtbot, clinic_path, checks):
    window = _open_and_settle(qtbot, clinic_path)
    assert checks == [("clinic.db", False)]  # on a reader, once the start-up work was done
    _close(window, qtbot)


def test_a_file_checked_this_week_and_closed_cleanly_is_not_checked_again(
    qapp, qtbot, clinic_path, checks
):
    _close(_open_and_settle(qtbot, clinic_path), qtbot)
    window = _open_and_settle(qtbot, clinic_path)
    assert len(checks) == 1 and not window.file_check.due
    _close(window, qtbot)


def test_after_an_unclean_shutdown_the_file_is_checked_again(qapp, qtbot, clinic_path, checks):
    first = _open_and_settle(qtbot, clinic_path)
    first.lock.release()  # as if the program was killed: no clean close, the mark stays
    second = _open_and_settle(qtbot, clinic_path)
    assert len(checks) == 2
    _close(second, qtbot)
    first.deleteLater()


def test_a_file_found_damaged_in_the_background_offers_its_newest_sound_backup(
    qapp, qtbot, clinic_path, monkeypatch
):
    made = backup(clinic_path, paths.backups_dir())
    real = file_check.is_sound
    monkeypatch.setattr(
        file_check, "is_sound", lambda p, **k: False if p == clinic_path else real(p, **k)
    )
    asked, restored = [], []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *_a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    window = open_window(clinic_path, "zh_CN")
    monkeypatch.setattr(
        window.backups, "restore_from", lambda path, confirm=True: restored.append(path)
    )
    qtbot.waitUntil(lambda: restored != [], timeout=10_000)
    assert made.name in asked[0] and restored == [made]
    window.runner.shutdown()
    window.lock.release()
    window.deleteLater()
