"""The first start: a new clinic, or the demo (marked as such)."""

from __future__ import annotations

import pytest
import shiboken6

from clinicdesk import app, cli, paths
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.clinic import get_setting, is_demo, list_staff
from clinicdesk.ui.dialogs.first_run import FirstRunDialog
from clinicdesk.ui.main_window import MainWindow


def test_creating_a_clinic_writes_its_name_currency_and_staff(qtbot, tmp_path):
    target = tmp_path / "clinic.db"
    dialog = FirstRunDialog(target, "zh_CN")
    qtbot.addWidget(dialog)
    dialog.name.setText("悦颜诊所")
    dialog.staff.setText("张敏，李娜, 张敏")
    dialog.create_clinic()
    assert dialog.chosen == target
    db = open_clinic(target)
    assert (get_setting(db, "clinic_name"), get_setting(db, "currency")) == ("悦颜诊所", "CNY")
    assert sorted(s.name for s in list_staff(db)) == sorted(["张敏", "李娜"])
    assert not is_demo(db)
    db.close()


def test_a_clinic_needs_a_name(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda *_a: None)
    dialog = FirstRunDialog(tmp_path / "clinic.db", "zh_CN")
    qtbot.addWidget(dialog)
    dialog.create_clinic()
    assert dialog.chosen is None and not (tmp_path / "clinic.db").exists()


def test_the_demo_is_marked_in_the_window(qtbot):
    dialog = FirstRunDialog(paths.default_clinic_path(), "zh_CN")
    qtbot.addWidget(dialog)
    dialog.open_demo()
    assert dialog.chosen == paths.default_demo_path()
    db = open_clinic(dialog.chosen)
    window = MainWindow(db, dialog.chosen, "zh_CN")
    qtbot.addWidget(window)
    texts = [w.text() for w in window.findChildren(type(window.status_label))]
    assert any(t.startswith("Demo clinic") or t.startswith("演示诊所") for t in texts)
    window.runner.shutdown()
    db.close()


@pytest.fixture
def no_event_loop(qapp, monkeypatch):
    """app.run() returns at once instead of running the window; what it installed for the
    whole process (translators, the crash hook) and the windows it opened go after."""
    import sys

    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(QApplication, "exec", lambda _self: 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    translators = set(qapp.findChildren(QTranslator))
    yield
    for translator in set(qapp.findChildren(QTranslator)) - translators:
        qapp.removeTranslator(translator)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.runner.shutdown()
            widget.close()
            widget.deleteLater()


def _first_runs(monkeypatch, accept: bool = False) -> list[FirstRunDialog]:
    shown: list[FirstRunDialog] = []

    def exec_(dialog: FirstRunDialog) -> int:
        shown.append(dialog)
        return int(accept)

    monkeypatch.setattr(FirstRunDialog, "exec", exec_)
    return shown


def test_a_db_that_does_not_exist_is_offered_to_be_created_not_made_silently(
    qapp, tmp_path, monkeypatch, no_event_loop
):
    shown = _first_runs(monkeypatch)
    target = tmp_path / "new.db"
    assert app.run(target, "zh_CN") == 0
    assert [d.target for d in shown] == [target]
    assert not target.exists() and paths.current_clinic() is None


def test_creating_in_the_first_run_opens_it_and_makes_it_current(
    qapp, tmp_path, monkeypatch, no_event_loop
):
    target = tmp_path / "new.db"

    def exec_(dialog: FirstRunDialog) -> int:
        dialog.name.setText("康美口腔")
        dialog.create_clinic()
        return 1

    monkeypatch.setattr(FirstRunDialog, "exec", exec_)
    assert app.run(target, "zh_CN") == 0
    assert paths.current_clinic() == target


def test_opening_a_clinic_makes_it_this_pcs_current_clinic(qapp, clinic_path, no_event_loop):
    assert app.run(clinic_path, "zh_CN") == 0
    assert paths.current_clinic() == clinic_path


def test_a_current_clinic_that_is_gone_is_named_in_the_first_run(
    qapp, tmp_path, monkeypatch, no_event_loop
):
    from PySide6.QtWidgets import QLabel

    shown = _first_runs(monkeypatch)
    gone = tmp_path / "usb" / "clinic.db"
    paths.remember_clinic(gone)
    assert cli.main([]) == 0
    assert shown[0].target == paths.default_clinic_path()
    texts = [label.text() for label in shown[0].findChildren(QLabel)]
    assert any(str(gone) in t and "已不存在" in t for t in texts)


def test_without_db_the_window_opens_the_current_clinic(
    qapp, clinic_path, monkeypatch, no_event_loop
):
    shown = _first_runs(monkeypatch)
    paths.remember_clinic(clinic_path)
    assert cli.main([]) == 0
    assert shown == []
    windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    assert [w.path for w in windows] == [clinic_path]


def test_file_open_makes_the_other_clinic_current(
    qapp, qtbot, clinic_path, tmp_path, no_event_loop
):
    other = tmp_path / "other.db"
    open_clinic(other).close()
    window = app.open_window(clinic_path, "zh_CN")
    window.show()
    window.open_requested.emit(other, "")  # after the backup before closing
    qtbot.waitUntil(lambda: paths.current_clinic() == other, timeout=10_000)


def test_the_demo_is_built_off_the_gui_thread_with_its_progress(qtbot, monkeypatch):
    import threading

    import clinicdesk.core.demo as demo

    built, real = [], demo.build_demo

    def recording(path, **kwargs):
        built.append((threading.get_ident(), kwargs.get("progress") is not None))
        return real(path, patients=50, **kwargs)

    monkeypatch.setattr(demo, "build_demo", recording)
    dialog = FirstRunDialog(paths.default_clinic_path(), "zh_CN")
    qtbot.addWidget(dialog)
    dialog.open_demo()
    assert built == [(built[0][0], True)] and built[0][0] != threading.get_ident()
    assert dialog.chosen == paths.default_demo_path() and dialog.chosen.exists()


def test_a_file_of_an_older_version_is_upgraded_off_the_gui_thread_with_its_progress(
    qtbot, tmp_path, monkeypatch
):
    import threading

    from clinicdesk.core import db as clinic_db
    from clinicdesk.core.db import schema, schema_version
    from tests.unit.core.db.test_migrations import _file_at_version

    path = tmp_path / "old.db"
    _file_at_version(path, schema.names().index("0005_call_list"))
    upgrades, real = [], clinic_db.upgrade_clinic

    def recording(target, progress=None):
        upgrades.append((threading.get_ident(), progress is not None))
        real(target, progress)

    monkeypatch.setattr(clinic_db, "upgrade_clinic", recording)
    window = app.open_window(path, "zh_CN")
    qtbot.addWidget(window)
    assert upgrades == [(upgrades[0][0], True)] and upgrades[0][0] != threading.get_ident()
    assert schema_version(window.db) == schema.names()


def test_staying_in_the_window_lets_the_other_clinic_go(qapp, qtbot, clinic_path, tmp_path):
    from clinicdesk.core.lock import ClinicLock

    other = tmp_path / "other.db"
    open_clinic(other).close()
    window = app.open_window(clinic_path, "zh_CN")
    window.show()
    qtbot.addWidget(window)
    window.patient_tab.confirm_leave = lambda: False  # unsaved edits: the user stays
    window.open_requested.emit(other, "")
    qtbot.wait(100)
    lock = ClinicLock(other)
    qtbot.waitUntil(lambda: lock.try_acquire(0), timeout=5_000)  # nobody holds it now
    lock.release()
    assert window.isVisible() and paths.current_clinic() != other
    window.runner.shutdown()


def _windows_on(path):
    from PySide6.QtWidgets import QApplication

    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.path == path
    ]


def test_a_switch_opens_the_file_builds_the_window_closes_the_old_one_and_shows_it_in_turns(
    qapp, qtbot, clinic_path, tmp_path
):
    # Each a turn of the event loop of its own: opening and building in one stalled the
    # window 101-204 ms at 100,000 patients (a restore's reopening).
    from clinicdesk.core.lock import ClinicLock

    other = tmp_path / "other.db"
    open_clinic(other).close()
    window = app.open_window(clinic_path, "zh_CN")
    window.show()  # not qtbot's: the switch deletes it
    window.open_requested.emit(other, "")
    assert _windows_on(other) == [] and not ClinicLock(other).try_acquire(0)  # opened
    qapp.processEvents()  # one turn: built, not shown; the old window still open
    (new,) = _windows_on(other)
    qtbot.addWidget(new)
    assert not new.isVisible() and window.isVisible()
    qtbot.waitUntil(new.isVisible, timeout=5_000)
    assert not shiboken6.isValid(window) or not window.isVisible()
    assert paths.current_clinic() == other
    new.runner.shutdown()


def test_a_switch_whose_window_went_before_the_new_one_was_built_lets_the_file_go(
    qapp, qtbot, clinic_path, tmp_path
):
    from PySide6.QtCore import QEvent

    from clinicdesk.core.lock import ClinicLock

    other = tmp_path / "other.db"
    open_clinic(other).close()
    window = app.open_window(clinic_path, "zh_CN")
    window.open_requested.emit(other, "")
    window.runner.shutdown()
    window.deleteLater()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone before the next turn
    qtbot.wait(50)
    assert _windows_on(other) == []
    lock = ClinicLock(other)
    assert lock.try_acquire(0)  # nobody holds it
    lock.release()
