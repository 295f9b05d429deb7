"""Back up now, restore, the automatic backup at exit, and the crash dialog with its log."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from clinicdesk import paths
from clinicdesk.app import install_crash_dialog
from clinicdesk.core import i18n
from clinicdesk.core.backup import backup, backups
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.patients import add_patient
from clinicdesk.logs import scrub
from clinicdesk.ui import backup_actions
from clinicdesk.ui.dialogs.progress_window import ProgressWindow
from clinicdesk.ui.main_window import MainWindow
from clinicdesk.workers.runner import SyncRunner


@pytest.fixture
def window(qtbot, clinic_path):
    db = open_clinic(clinic_path)
    add_patient(db, name="王小明")
    win = MainWindow(db, clinic_path, "zh_CN", runner=SyncRunner(clinic_path, "zh_CN"))
    qtbot.addWidget(win)
    yield win
    if not win._handed_over:
        db.close()


def _back_up(window, qtbot, folder):
    with qtbot.waitSignal(window.backups.backed_up, timeout=10_000) as blocker:
        window.backups.back_up_to(folder)
    return blocker.args[0]


@pytest.fixture
def held_backup(monkeypatch):
    """The core backup, held until `gate` is set (records the thread it ran on)."""
    gate, threads = threading.Event(), []
    real = backup_actions.backup

    def held(*args, **kwargs):
        threads.append(threading.get_ident())
        gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(backup_actions, "backup", held)
    yield gate, threads
    gate.set()


def test_back_up_now_writes_a_checked_copy(window, clinic_path, qtbot):
    made = _back_up(window, qtbot, paths.backups_dir())
    assert made.exists() and backups(paths.backups_dir(), clinic_path.stem) == [made]


def test_back_up_now_runs_beside_the_window(qtbot, clinic_path, held_backup):
    gate, threads = held_backup
    db = open_clinic(clinic_path)
    win = MainWindow(db, clinic_path, "zh_CN")
    qtbot.addWidget(win)
    win.backups.back_up_to(paths.backups_dir())  # returns at once: the copy is made elsewhere
    qtbot.waitUntil(lambda: threads != [], timeout=5_000)
    assert threads[0] != threading.get_ident() and win.isEnabled()
    with qtbot.waitSignal(win.backups.backed_up, timeout=10_000):
        gate.set()
    win.runner.shutdown()
    db.close()


def test_closing_the_window_makes_the_daily_backup(window, clinic_path, qtbot):
    window.show()
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert len(backups(paths.backups_dir(), clinic_path.stem)) == 1


def test_the_backup_at_closing_shows_a_window_that_stays_until_it_is_done(
    qtbot, clinic_path, held_backup
):
    gate, _threads = held_backup
    db = open_clinic(clinic_path)
    win = MainWindow(db, clinic_path, "zh_CN")
    qtbot.addWidget(win)
    win.show()
    assert win.close() is False and win.isVisible()
    progress = win.findChild(ProgressWindow)
    progress.show()  # as it does after a second
    assert progress.close() is False and progress.isVisible()
    assert win.close() is False  # a second click waits for the backup too
    gate.set()
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=10_000)
    assert len(backups(paths.backups_dir(), clinic_path.stem)) == 1
    db.close()


def test_the_backup_at_closing_can_be_skipped(qtbot, clinic_path, held_backup):
    _gate, _threads = held_backup
    db = open_clinic(clinic_path)
    win = MainWindow(db, clinic_path, "zh_CN")
    qtbot.addWidget(win)
    win.show()
    win.close()
    progress = win.findChild(ProgressWindow)
    assert progress.cancel_button.text() == "Skip this time"
    progress.cancel_button.click()
    _gate.set()  # the held copy ends; the backup sees it was cancelled
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=10_000)
    assert backups(paths.backups_dir(), clinic_path.stem) == []
    db.close()


def test_restore_replaces_the_file_and_asks_to_reopen(window, clinic_path, qtbot):
    made = _back_up(window, qtbot, paths.backups_dir())
    add_patient(window.db, name="备份后")
    with qtbot.waitSignal(window.open_requested) as blocker:
        window.backups.restore_from(made, confirm=False)
    assert blocker.args[0] == clinic_path
    assert blocker.args[1].startswith("Restored; the previous file is kept as clinic-")
    db = open_clinic(clinic_path)
    assert [r[0] for r in db.execute("SELECT name FROM patients")] == ["王小明"]
    db.close()


@pytest.mark.parametrize(
    ("content", "said"), [(b"garbage", "不是 ClinicDesk 诊所文件"), (b"", "空文件")]
)
def test_a_file_that_is_not_a_backup_is_refused_with_the_reason(
    window, tmp_path, monkeypatch, content, said
):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    broken = tmp_path / "clinic-20260101-000000.db"
    broken.write_bytes(content)
    window.backups.restore_from(broken, confirm=False)
    assert said in shown[0] and window.db.execute("SELECT 1").fetchone() == (1,)


def test_an_unhandled_error_is_logged_without_personal_data_and_shown(qapp, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    old_hook = sys.excepthook
    log = install_crash_dialog("zh_CN")
    try:
        try:
            raise ValueError("bad phone 13800138000 for 王小明")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old_hook
    for handler in logging.getLogger("clinicdesk").handlers:
        handler.flush()
    text = log.read_text(encoding="utf-8")
    assert "ValueError" in text and "[number]" in text
    assert "13800138000" not in text and "王小明" not in text
    assert "意外错误（ValueError）" in shown[0] and str(log) in shown[0]


def test_scrub_hides_phone_and_card_numbers():
    assert scrub("call 13800138000, card YY25001623, 王小明") == (
        "call [number], card YY[number], [text]"
    )


def test_a_second_window_on_one_file_warns_first(qapp, clinic_path, monkeypatch):
    from clinicdesk.app import open_window

    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: asked.append(1) or QMessageBox.StandardButton.No
    )
    first = open_window(clinic_path, "zh_CN")
    assert first is not None and asked == []
    assert open_window(clinic_path, "zh_CN") is None and asked == [1]
    first.close()
    first.deleteLater()


def test_after_a_restore_the_window_reopens_its_file_without_asking(
    qapp, qtbot, clinic_path, monkeypatch
):
    # The window's own lock is not "another window": the reopened file must not ask.
    from clinicdesk.app import open_window

    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: asked.append(1) or QMessageBox.StandardButton.No
    )
    first = open_window(clinic_path, "zh_CN")
    assert first is not None
    made = backup(clinic_path, paths.backups_dir())
    add_patient(first.db, name="备份后")
    first.backups.restore_from(made, confirm=False)

    def reopened():
        return [
            w
            for w in qapp.topLevelWidgets()
            if isinstance(w, MainWindow) and w.path == clinic_path and w is not first
        ]

    qtbot.waitUntil(lambda: len(reopened()) == 1 and reopened()[0].isVisible(), timeout=10_000)
    windows = reopened()
    assert asked == [] and windows[0].statusBar().currentMessage().startswith("Restored;")
    assert [r[0] for r in windows[0].db.execute("SELECT name FROM patients")] == []
    windows[0].close()
    windows[0].deleteLater()


def test_a_damaged_file_is_replaced_by_its_newest_sound_backup(qapp, clinic_path, monkeypatch):
    from clinicdesk.app import open_window
    from clinicdesk.core.backup import backup

    db = open_clinic(clinic_path)
    add_patient(db, name="王小明")
    db.close()
    backup(clinic_path, paths.backups_dir())
    data = bytearray(clinic_path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a damaged page
    clinic_path.write_bytes(bytes(data))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    window = open_window(clinic_path, "zh_CN")
    assert window is not None
    assert [r[0] for r in window.db.execute("SELECT name FROM patients")] == ["王小明"]
    assert any(
        "damaged" in p.name or "before-restore" in p.name
        for p in backups(paths.backups_dir(), clinic_path.stem)
    )
    window.close()
    window.deleteLater()


def test_a_reminder_until_a_backup_goes_to_another_drive(window, tmp_path, qtbot, monkeypatch):
    long_ago = dt.date.today() - dt.timedelta(days=40)  # the file held data 40 days ago
    monkeypatch.setattr(backup_actions, "holds_data_since", lambda _db: long_ago)
    assert window.backups.remind_offsite() is True
    _back_up(window, qtbot, tmp_path / "usb")
    assert window.backups.remind_offsite() is False


def test_the_commands_that_change_the_file_respect_the_windows_lock(
    qapp, clinic_path, capsys, monkeypatch
):
    import clinicdesk.core.lock
    from clinicdesk import cli
    from clinicdesk.app import open_window

    monkeypatch.setattr(clinicdesk.core.lock, "LOCK_WAIT_S", 0)
    window = open_window(clinic_path, "zh_CN")
    assert window is not None and window.lock is not None and window.lock.held
    assert cli.main(["tiers", "--save", "--db", str(clinic_path)]) == 2
    assert "正在被另一个 ClinicDesk 使用" in capsys.readouterr().err
    window.close()
    window.deleteLater()


def test_a_window_without_the_lock_does_not_restore_under_the_one_holding_it(
    window, clinic_path, monkeypatch, qtbot
):
    from clinicdesk.core.lock import ClinicLock

    shown, reopened = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    window.open_requested.connect(lambda *args: reopened.append(args))
    made = _back_up(window, qtbot, paths.backups_dir())
    other = ClinicLock(clinic_path)  # the first window on the file
    assert other.try_acquire()
    window.backups.restore_from(made, confirm=False)
    assert "正在被另一个 ClinicDesk 使用" in shown[0]
    assert reopened == [] and not window._handed_over
    other.release()


def test_the_restore_question_says_what_the_backup_holds(window, monkeypatch, qtbot):
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text: asked.append(text) or QMessageBox.No
    )
    made = _back_up(window, qtbot, paths.backups_dir())
    window.backups.restore_from(made)
    assert not window._handed_over
    assert "1 位顾客" in asked[0] and "备份于 20" in asked[0] and made.name in asked[0]


def test_opening_the_window_removes_copies_left_by_a_killed_backup(qapp, clinic_path):
    import os
    import subprocess

    from clinicdesk.app import open_window

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    folder = paths.backups_dir()
    folder.mkdir(parents=True)
    stale = folder / f"clinic-20260101-000000.db.{gone.stdout.strip()}.partial"
    running = folder / f"clinic-20260102-000000.db.{os.getpid()}.partial"
    stale.write_bytes(b"patient data")
    running.write_bytes(b"patient data")
    window = open_window(clinic_path, "zh_CN")
    assert window is not None and not stale.exists() and running.exists()
    window.close()
    window.deleteLater()


def test_an_import_the_program_died_in_is_undone_before_the_window_opens(
    qapp, clinic_path, tmp_path, monkeypatch
):
    import clinicdesk.app as app
    import clinicdesk.core.importer as importer
    from clinicdesk.core.importer import ImportOptions, apply_import, plan_import
    from tests.unit.core.importer.conftest import write_csv

    db = open_clinic(clinic_path)
    rows = [
        [f"YY{n}", f"顾客{n}", "", "2023-05-06", "洁牙", "口腔", "300", "", ""] for n in range(5)
    ]
    plan = plan_import(db, write_csv(tmp_path / "a.csv", rows), ImportOptions())
    monkeypatch.setattr(importer, "_undo", lambda *_: None)  # it died: nothing undone

    def die() -> None:
        raise SystemExit("killed after its first step")

    with pytest.raises(SystemExit):
        apply_import(db, plan, between=die)
    db.close()
    shown, wait_for = [], app.wait_for
    monkeypatch.setattr(app, "wait_for", lambda work, title, text: shown.append(text) or
                        wait_for(work, title, text))  # fmt: skip
    window = app.open_window(clinic_path, "zh_CN")
    assert window is not None and shown == [i18n.message("app.undoing_import", "zh_CN")]
    assert window.db.execute("SELECT count(*) FROM patients").fetchone() == (0,)
    assert window.db.execute("SELECT count(*) FROM import_batches").fetchone() == (0,)
    window.close()
    window.deleteLater()


def test_a_busy_file_met_by_a_write_of_the_window_is_a_message_not_a_crash(qapp, monkeypatch):
    import sqlite3

    shown, crashes = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda *_a: crashes.append(1))
    old_hook = sys.excepthook
    install_crash_dialog("zh_CN")
    try:
        try:
            raise sqlite3.OperationalError("database is locked")
        except sqlite3.OperationalError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old_hook
    assert crashes == [] and len(shown) == 1 and "正忙" in shown[0]


def test_a_restore_checks_the_backup_beside_the_window_and_can_be_cancelled(
    qtbot, clinic_path, monkeypatch
):
    made = backup(clinic_path, paths.backups_dir())
    gate, threads = threading.Event(), []
    real = backup_actions.check_clinic_file

    def held(path, **kwargs):
        threads.append(threading.get_ident())
        gate.wait(10)
        return real(path, **kwargs)

    monkeypatch.setattr(backup_actions, "check_clinic_file", held)
    db = open_clinic(clinic_path)
    win = MainWindow(db, clinic_path, "zh_CN")
    qtbot.addWidget(win)
    requested = []
    win.open_requested.connect(lambda *args: requested.append(args))
    win.backups.restore_from(made, confirm=False)  # returns at once
    qtbot.waitUntil(lambda: threads != [], timeout=5_000)
    assert threads[0] != threading.get_ident() and win.isEnabled()
    progress = win.findChild(ProgressWindow)
    progress.cancel_button.click()
    with qtbot.waitSignal(win.runner.idle, timeout=10_000):
        gate.set()
    assert requested == [] and db.execute("SELECT count(*) FROM patients").fetchone() == (0,)
    win.runner.shutdown()
    db.close()
