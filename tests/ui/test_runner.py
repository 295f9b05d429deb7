"""The task runner: work off the GUI thread, each task's callbacks back on the GUI thread."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import threading

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlite_utils import Database

from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.errors import Cancelled, InvalidValue, KnownError
from clinicdesk.workers.runner import SyncRunner, TaskRunner

WAIT = 10_000


@pytest.fixture
def runner(qapp, clinic_path):
    tasks = TaskRunner(clinic_path, "zh_CN")
    yield tasks
    tasks.shutdown()


def _wait(runner, qtbot):
    """Until every task's callbacks have run."""
    if runner.busy():
        with qtbot.waitSignal(runner.idle, timeout=WAIT):
            pass


def test_success_arrives_on_the_gui_thread_with_the_result(runner, qtbot):
    gui, seen = threading.get_ident(), []
    runner.read(
        lambda _t: threading.get_ident(), success=lambda r: seen.append((r, threading.get_ident()))
    )
    _wait(runner, qtbot)
    [(worker, delivered_on)] = seen
    assert worker != gui and delivered_on == gui


def test_failure_arrives_on_the_gui_thread_with_the_error(runner, qtbot):
    seen = []

    def broken(_task):
        raise ValueError("bad row")

    runner.read(broken, failure=lambda e: seen.append((e, threading.get_ident())))
    _wait(runner, qtbot)
    assert isinstance(seen[0][0], ValueError) and seen[0][1] == threading.get_ident()


def test_progress_arrives_on_the_gui_thread_with_the_stage(runner, qtbot):
    seen = []

    def task(t):
        t.progress(0.5, "write")
        return "done"

    runner.read(task, progress=lambda f, s: seen.append((f, s, threading.get_ident())))
    _wait(runner, qtbot)
    assert seen == [(0.5, "write", threading.get_ident())]


def test_an_unexpected_error_reaches_the_log_with_its_traceback_scrubbed(runner, qtbot, caplog):
    def broken_task(_task):
        raise ValueError("bad phone 13800138000 for 王小明")

    with caplog.at_level(logging.ERROR, logger="clinicdesk"):
        runner.read(broken_task, failure=lambda _e: None)
        _wait(runner, qtbot)
    [record] = [r for r in caplog.records if r.name == "clinicdesk.tasks"]
    text = record.getMessage()
    assert "ValueError" in text and "in broken_task" in text and "test_runner.py" in text
    assert "13800138000" not in text and "王小明" not in text


def test_a_known_error_is_not_logged_as_a_failure(runner, qtbot, caplog):
    def refused(_task):
        raise InvalidValue("value.required", field="name")

    seen = []
    with caplog.at_level(logging.ERROR, logger="clinicdesk"):
        runner.read(refused, failure=seen.append)
        _wait(runner, qtbot)
    assert isinstance(seen[0], InvalidValue)
    assert [r for r in caplog.records if r.name == "clinicdesk.tasks"] == []


def test_without_a_failure_callback_the_message_is_shown_in_the_users_language(
    runner, qtbot, monkeypatch
):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))

    def refused(_task):
        raise InvalidValue("value.required", field="name")

    runner.read(refused)
    _wait(runner, qtbot)
    assert shown == [KnownError("value.required", field="name").message("zh_CN")]


def test_a_locked_file_is_a_clear_message_not_sqlites_text(runner, qtbot):
    seen = []

    def locked(_task):
        raise sqlite3.OperationalError("database is locked")

    runner.write(locked, failure=seen.append)
    _wait(runner, qtbot)
    assert isinstance(seen[0], KnownError) and seen[0].key == "write.busy"
    assert "locked" not in seen[0].message("en") and "未保存的修改仍在" in seen[0].message()


def test_reads_run_beside_each_other(runner, qtbot):
    gate, seen = threading.Event(), []
    runner.read(lambda _t: gate.wait(WAIT / 1000), success=seen.append)
    runner.read(lambda _t: "quick", success=seen.append)
    qtbot.waitUntil(lambda: seen == ["quick"], timeout=WAIT)
    gate.set()
    _wait(runner, qtbot)
    assert seen == ["quick", True]


def test_a_read_does_not_wait_behind_a_write(runner, qtbot):
    gate, seen = threading.Event(), []
    runner.write(lambda _t: gate.wait(WAIT / 1000), success=seen.append)
    runner.read(lambda _t: "read", success=seen.append)
    qtbot.waitUntil(lambda: seen == ["read"], timeout=WAIT)
    gate.set()
    _wait(runner, qtbot)


def test_writes_run_one_at_a_time_in_order(runner, qtbot):
    order, gate = [], threading.Event()

    def first(_t):
        gate.wait(WAIT / 1000)
        order.append(1)

    runner.write(first)
    runner.write(lambda _t: order.append(2))
    gate.set()
    _wait(runner, qtbot)
    assert order == [1, 2]


def test_a_write_is_one_transaction(runner, qtbot, clinic_path):
    def half_then_fail(task):
        add_patient(task.db, name="王小明")
        raise ValueError("after the first row")

    runner.write(half_then_fail, failure=lambda _e: None)
    runner.write(lambda task: add_patient(task.db, name="李娜"))
    _wait(runner, qtbot)
    names = [r[0] for r in Database(clinic_path).execute("SELECT name FROM patients")]
    assert names == ["李娜"]


def test_a_write_submitted_during_a_long_write_runs_between_its_steps(runner, qtbot):
    order, submitted = [], threading.Event()

    def long_write(task):  # an import: its first step, then the writes that wait, then more
        add_patient(task.db, name="王小明")
        order.append("step 1")
        submitted.wait(WAIT / 1000)
        task.let_writes_through()
        add_patient(task.db, name="李娜")
        order.append("step 2")

    runner.write(long_write)
    runner.write(lambda task: order.append(f"save {add_patient(task.db, name='赵敏')}"))
    submitted.set()
    _wait(runner, qtbot)
    assert order == ["step 1", "save 2", "step 2"]


def test_a_write_let_through_that_fails_leaves_the_long_write_going(runner, qtbot, clinic_path):
    submitted, failures = threading.Event(), []

    def long_write(task):
        add_patient(task.db, name="王小明")
        submitted.wait(WAIT / 1000)
        task.let_writes_through()
        add_patient(task.db, name="李娜")

    def broken(task):
        add_patient(task.db, name="赵敏")
        raise ValueError("a bug in a save")

    runner.write(long_write)
    runner.write(broken, failure=failures.append)
    submitted.set()
    _wait(runner, qtbot)
    patients = Database(clinic_path).execute("SELECT name FROM patients ORDER BY id")
    assert [r[0] for r in patients] == ["王小明", "李娜"] and isinstance(failures[0], ValueError)


def test_a_reader_cannot_write(runner, qtbot, clinic_path):
    seen = []
    runner.read(lambda task: add_patient(task.db, name="王小明"), failure=seen.append)
    _wait(runner, qtbot)
    assert len(seen) == 1
    assert Database(clinic_path).execute("SELECT count(*) FROM patients").fetchone() == (0,)


def test_cancel_reaches_the_task_and_its_failure_says_cancelled(runner, qtbot):
    started, seen = threading.Event(), []

    def task(t):
        started.set()
        t.cancel.wait(WAIT / 1000)
        t.check()
        return "not cancelled"

    handle = runner.read(task, success=seen.append, failure=seen.append)
    started.wait(WAIT / 1000)
    handle.cancel()
    _wait(runner, qtbot)
    assert isinstance(seen[0], Cancelled)


def test_a_newer_task_with_the_same_key_drops_the_older_ones_result(runner, qtbot):
    gate, seen = threading.Event(), []
    runner.read(lambda _t: gate.wait(WAIT / 1000) and "old", success=seen.append, key="engine")
    runner.read(lambda _t: "new", success=seen.append, key="engine")
    gate.set()
    _wait(runner, qtbot)
    assert seen == ["new"]


def test_nothing_reaches_an_owner_that_is_gone(runner, qtbot):
    gate, seen = threading.Event(), []
    owner = QWidget()
    runner.read(lambda _t: gate.wait(WAIT / 1000), owner=owner, success=seen.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _valid(owner), timeout=WAIT)
    gate.set()
    _wait(runner, qtbot)
    assert seen == []


def test_nothing_is_delivered_or_run_after_shutdown(qapp, clinic_path, qtbot):
    runner = TaskRunner(clinic_path)
    delivered = []
    runner.read(lambda _t: "computed while the window closes", success=delivered.append)
    runner.shutdown(wait=True)
    qtbot.wait(50)
    ran = []
    handle = runner.read(lambda _t: ran.append(1), success=delivered.append)
    qtbot.wait(50)
    assert delivered == [] and ran == [] and handle.done


def test_the_sync_runner_delivers_before_it_returns(qapp, clinic_path):
    runner = SyncRunner(clinic_path)
    seen = []
    runner.write(lambda task: add_patient(task.db, name="王小明"), success=seen.append)
    runner.read(
        lambda task: task.db.execute("SELECT count(*) FROM patients").fetchone()[0],
        success=seen.append,
    )
    runner.shutdown()
    assert seen == [1, 1]


def _valid(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_a_task_outliving_its_runner_ends_quietly(qapp, clinic_path, qtbot):
    # The window (and its runner) can be deleted while a reader still works: pytest
    # reports any exception that thread raises.
    window = QWidget()
    runner = TaskRunner(clinic_path, parent=window)
    gate, ended = threading.Event(), threading.Event()

    def work(task):
        gate.wait(WAIT / 1000)
        task.progress(1.0, "done")
        ended.set()

    runner.read(work, progress=lambda *_a: None)
    window.deleteLater()
    qtbot.waitUntil(lambda: not _valid(window), timeout=WAIT)
    gate.set()
    assert ended.wait(WAIT / 1000)
    qtbot.wait(50)


def test_a_write_that_grew_the_wal_is_checkpointed_on_a_reader(
    qapp, clinic_path, qtbot, monkeypatch
):
    import clinicdesk.workers.runner as runner_module

    statements, real_connect = [], runner_module.connect

    def traced(path, *, read_only=False):
        db = real_connect(path, read_only=read_only)
        if read_only:
            db.conn.set_trace_callback(statements.append)
        return db

    monkeypatch.setattr(runner_module, "connect", traced)
    monkeypatch.setattr(runner_module, "CHECKPOINT_AT", 0)
    runner = TaskRunner(clinic_path)
    runner.write(lambda task: add_patient(task.db, name="王小明"))
    qtbot.waitUntil(lambda: not runner.busy() and statements != [], timeout=WAIT)
    runner.shutdown()
    assert statements == ["PRAGMA wal_checkpoint(PASSIVE)"]


def test_a_task_whose_runner_is_gone_still_finishes_its_work(qapp, clinic_path, monkeypatch):
    import shiboken6

    crashes, finished = [], threading.Event()
    monkeypatch.setattr(threading, "excepthook", crashes.append)
    tasks = TaskRunner(clinic_path, "zh_CN")
    shiboken6.delete(tasks._bridge)  # as at exit, while a backup at closing still runs

    def work(task):
        task.progress(0.5, "check")  # a report that has nowhere to go
        finished.set()

    tasks.read(work, progress=lambda *_: None)
    assert finished.wait(WAIT / 1000) and crashes == []
    tasks.shutdown()


def test_a_held_task_starts_when_the_event_loop_runs_and_counts_as_busy(runner, qtbot):
    started = []
    runner.hold()
    runner.read(lambda _t: started.append(threading.get_ident()))
    assert runner.busy() and runner._readers.threads == []  # queued, no thread yet
    _wait(runner, qtbot)
    assert len(started) == 1 and started[0] != threading.get_ident()


def test_held_tasks_of_a_runner_shut_down_before_they_start_end_unrun(qapp, clinic_path, qtbot):
    tasks = TaskRunner(clinic_path, "zh_CN")
    ran, delivered = [], []
    tasks.hold()
    tasks.read(lambda _t: ran.append(1), success=delivered.append)
    tasks.shutdown()
    qtbot.wait(50)
    assert ran == [] and delivered == [] and not tasks.busy() and tasks._readers.threads == []


def test_finish_all_stops_every_runner_and_waits_for_its_threads(qapp, clinic_path):
    import time

    from clinicdesk.workers.runner import _RUNNERS, finish_all

    tasks = TaskRunner(clinic_path, "zh_CN")
    tasks.read(lambda _t: time.sleep(0.3))
    started = tasks.threads()
    finish_all(timeout=10)
    assert started and not any(t.is_alive() for t in started)
    assert not [t for runner in list(_RUNNERS) for t in runner.threads() if t.is_alive()]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own nice value")
def test_task_threads_give_way_to_the_gui_thread_for_the_cpus(runner, qtbot):
    from clinicdesk.workers.runner import NICENESS

    def niceness(_task: object = None) -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    seen = []
    runner.read(niceness, success=seen.append)
    runner.write(niceness, success=seen.append)
    _wait(runner, qtbot)
    gui = niceness()
    assert seen == [min(gui + NICENESS, 19)] * 2
