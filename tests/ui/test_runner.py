"""The task runner: work off the GUI thread, results and errors back as signals."""

from __future__ import annotations

import threading

import pytest

from clinicdesk.core.errors import Cancelled
from clinicdesk.workers.runner import TaskRunner


@pytest.fixture
def runner(qapp):
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def test_a_task_runs_off_the_gui_thread_and_its_result_comes_back(runner, qtbot):
    main = threading.get_ident()
    with qtbot.waitSignal(runner.finished) as blocker:
        handle = runner.submit(lambda _p, _c: threading.get_ident())
    number, worker = blocker.args
    assert number == handle.number and worker != main


def test_an_error_comes_back_as_failed(runner, qtbot):
    def broken(_p, _c):
        raise ValueError("bad row")

    with qtbot.waitSignal(runner.failed) as blocker:
        runner.submit(broken)
    assert isinstance(blocker.args[1], ValueError)


def test_progress_comes_back_with_the_stage(runner, qtbot):
    def task(progress, _c):
        progress(0.5, "write")
        return "done"

    seen = []
    runner.progressed.connect(lambda *args: seen.append(args))
    with qtbot.waitSignal(runner.finished):
        handle = runner.submit(task)
    assert seen == [(handle.number, 0.5, "write")]


def test_tasks_run_one_at_a_time_in_order(runner, qtbot):
    order, gate = [], threading.Event()

    def first(_p, _c):
        gate.wait(5)
        order.append(1)

    runner.submit(first)
    with qtbot.waitSignal(runner.finished, check_params_cb=lambda n, _r: n == 2):
        runner.submit(lambda _p, _c: order.append(2))
        gate.set()
    assert order == [1, 2]


def test_cancel_reaches_the_task(runner, qtbot):
    started = threading.Event()

    def task(_p, cancel):
        started.set()
        if not cancel.wait(5):
            return "not cancelled"
        raise Cancelled()

    with qtbot.waitSignal(runner.failed) as blocker:
        handle = runner.submit(task)
        started.wait(5)
        handle.cancel.set()
    assert isinstance(blocker.args[1], Cancelled)


def test_nothing_is_delivered_or_run_after_shutdown(qapp, qtbot):
    runner = TaskRunner()
    delivered = []
    runner.finished.connect(lambda *args: delivered.append(args))
    runner.submit(lambda _p, _c: "computed while the window closes")
    runner.shutdown(wait=True)  # the task ended; its result is still queued
    qtbot.wait(50)
    assert delivered == []
    assert runner.submit(lambda _p, _c: "never").future is None
