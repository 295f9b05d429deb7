"""The task runner: slow work off the GUI thread, each task with its own callbacks.

A task is a function of one argument, a `Task` (its connection, progress and cancel
event), that never touches widgets, models or QSettings. It is submitted with the
callbacks that want its outcome; they run later on the GUI thread::

    def _on_computed(self, result: SegmentationResult) -> None:
        self.show_result(result)

    self.runner.read(
        lambda task: run_segmentation(task.db, params, task.progress, task.cancel),
        owner=self,                   # no callback reaches a widget that is gone
        success=self._on_computed,    # the function's return value
        failure=self._on_failed,      # optional: by default a message box says it
        progress=self._on_progress,   # optional: (fraction, stage), at most every 50 ms
                                      # (a new stage, and the end, at once)
        key="engine",                 # optional: a newer task with this key drops this one
    )

Reads (search, previews, engine runs, call lists, exports, counts, backups) run on a
small pool of reader threads, each with its own read-only connection, so a preview never
waits behind an engine run. Writes run on one writer thread, one after another, each in
one transaction (``BEGIN IMMEDIATE``: it waits for other processes' writes, up to the
busy timeout, instead of failing half-way): there are never two writers in the program.

What reaches the callbacks: `success` with the result; or `failure` with the error, a
`KnownError` (sqlite3's "database is locked" and the like mapped to one, see
`workers.errors`), `Cancelled` if the task stopped because it was asked to, or any other
exception, which is also written to the log with its traceback, scrubbed of personal
data. Nothing is delivered after `Handle.discard`, after `shutdown`, or once the owner
widget is deleted. UI tests may use `SyncRunner`, which runs each task at once.
"""

from __future__ import annotations

import itertools
import logging
import os
import queue
import sys
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlite_utils import Database

from clinicdesk import paths
from clinicdesk.core import i18n
from clinicdesk.core.db import connect
from clinicdesk.core.errors import BugError, Cancelled, KnownError
from clinicdesk.core.perf import paused_gc
from clinicdesk.logs import LOG_NAME, describe_crash
from clinicdesk.workers.errors import as_known

READERS = 3  # the engine, the call list and a preview side by side
NICENESS = 10  # how much the task threads give way to the GUI thread for a core (Linux)


def give_way() -> None:
    """Lower this thread's priority for the CPUs by `NICENESS` (on Linux a thread has its
    own nice value; the threads it starts take it too). When both cores are busy with
    tasks, the GUI thread then gets one as soon as it wakes: beside two busy threads a
    call-list reset took 46-54 ms instead of 64-92 ms. Elsewhere nothing changes."""
    if not sys.platform.startswith("linux"):
        return
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + NICENESS)
    except OSError:
        pass


PROGRESS_INTERVAL = 0.05  # seconds between two progress callbacks of one task
CHECKPOINT_AT = 4 * 1024 * 1024  # bytes of WAL from which a write is followed by a checkpoint

Progress = Callable[[float, str], None]
Work = Callable[["Task"], Any]
_log = logging.getLogger("clinicdesk.tasks")


class Task:
    """What a task's function is given.

    Attributes:
        cancel: set when the task is asked to stop; long work checks it (or `check()`).
    """

    def __init__(self, worker: _Worker, handle: Handle, report: Progress) -> None:
        self._worker, self._report = worker, report
        self.cancel = handle.cancel_event

    @property
    def db(self) -> Database:
        """This thread's connection to the clinic file (a writer's is in its transaction)."""
        return self._worker.database()

    def progress(self, fraction: float, stage: str = "") -> None:
        """Report progress: `fraction` done (0..1) and the stage's name."""
        self._report(fraction, stage)

    def check(self) -> None:
        """Raise `Cancelled` if the task was asked to stop."""
        if self.cancel.is_set():
            raise Cancelled()

    def let_writes_through(self) -> None:
        """Between two steps of a long write (an import's): commit what is done, then run
        the writes submitted meanwhile, each in its own transaction, and go on. A patient
        saved during an import waits for one step, not for the whole import."""
        self._worker.let_writes_through()


@dataclass(eq=False)
class Handle:
    """A submitted task.

    Attributes:
        number: the task's number, in the order of submission.
        done: whether its outcome was delivered (or dropped).
        discarded: whether its callbacks are dropped (`discard`, shutdown, owner gone).
    """

    number: int
    cancel_event: threading.Event = field(default_factory=threading.Event)
    done: bool = False
    discarded: bool = False

    def cancel(self) -> None:
        """Ask the task to stop. Its outcome is still delivered as it happened: `failure`
        with `Cancelled` if it stopped, `success` if it had finished (an import whose
        last transaction was committed is not undone)."""
        self.cancel_event.set()

    def discard(self) -> None:
        """Ask the task to stop, and deliver nothing more of it (a newer one replaces it)."""
        self.discarded = True
        self.cancel_event.set()


@dataclass(eq=False)
class _Job:
    work: Work
    handle: Handle
    owner: QObject | None
    success: Callable[[Any], None] | None
    failure: Callable[[Exception], None] | None
    progress: Progress | None


class TaskRunner(QObject):
    """Runs the window's tasks: reads on a few reader threads, writes on one writer.

    Signals:
        idle(): the last task under way ended and nothing waits (tests, benchmarks).
    """

    idle = Signal()

    def __init__(
        self,
        path: Path | None = None,
        language: str | None = None,
        parent: QObject | None = None,
        *,
        readers: int = READERS,
    ) -> None:
        super().__init__(parent)
        _RUNNERS.add(self)
        self.path, self.language = path, language or i18n.system_language()
        # Workers emit through a bridge the runner does not own, so that a worker still
        # running when the window (and its runner) is deleted emits into nothing.
        self._bridge = _Bridge()
        self._bridge.deliver.connect(self._on_deliver)
        self._numbers = itertools.count(1)
        self._keyed: dict[tuple[int, str], Handle] = {}
        self._active: set[Handle] = set()
        self._closed = False
        self._held: list[tuple[_Pool, _Job]] | None = None
        self._readers = _Pool(self, readers, read_only=True)
        self._writer = _Pool(self, 1, read_only=False)

    def read(
        self,
        work: Work,
        *,
        owner: QObject | None = None,
        success: Callable[[Any], None] | None = None,
        failure: Callable[[Exception], None] | None = None,
        progress: Progress | None = None,
        key: str | None = None,
    ) -> Handle:
        """Run `work` on a reader thread (see the module's docstring); returns its handle."""
        return self._submit(self._readers, work, owner, success, failure, progress, key)

    def write(
        self,
        work: Work,
        *,
        owner: QObject | None = None,
        success: Callable[[Any], None] | None = None,
        failure: Callable[[Exception], None] | None = None,
        progress: Progress | None = None,
        key: str | None = None,
    ) -> Handle:
        """Run `work` on the writer, after the writes before it, in one transaction."""
        return self._submit(self._writer, work, owner, success, failure, progress, key)

    def busy(self) -> bool:
        """Whether a task is queued or running."""
        return bool(self._active)

    def hold(self) -> None:
        """Queue the tasks submitted from now on without starting them, until the GUI
        thread's event loop next runs: a window submits its first reads as it is built,
        and they start once it is built and painted, instead of sharing the GIL and the
        CPUs with its construction. `busy()` counts them meanwhile."""
        if self._held is None:
            self._held = []
            QTimer.singleShot(0, self, self._let_go)

    def _let_go(self) -> None:
        held, self._held = self._held or [], None
        for pool, job in held:
            if self._closed:  # shut down before they started: they end, unrun
                job.handle.discard()
                self._finish(job, None)
            else:
                pool.put(job)

    def discard_all(self) -> None:
        """Discard every task queued or under way (the window is closing: their results
        are no longer wanted, and the reader threads are wanted for what comes next)."""
        for handle in list(self._active):
            handle.discard()

    def shutdown(self, wait: bool = True) -> None:
        """Drop every callback, ask every task to stop, run nothing more; with `wait`, let
        the tasks under way end and close the connections now."""
        self._closed = True
        self.discard_all()
        self._readers.stop()
        self._writer.stop()
        if wait:
            self.join()

    def threads(self) -> list[threading.Thread]:
        """The threads the runner started (its readers and its writer)."""
        return [*self._readers.threads, *self._writer.threads]

    def join(self) -> None:
        """After `shutdown`, wait until the tasks under way have ended and every
        connection is closed (any thread may wait)."""
        self._readers.join()
        self._writer.join()

    # Internals

    def _submit(
        self,
        pool: _Pool,
        work: Work,
        owner: QObject | None,
        success: Callable[[Any], None] | None,
        failure: Callable[[Exception], None] | None,
        progress: Progress | None,
        key: str | None,
    ) -> Handle:
        handle = Handle(next(self._numbers))
        if self._closed:  # the window is closing: a late result must not start more work
            handle.discard()
            handle.done = True
            return handle
        if key is not None:
            slot = (id(owner), key)
            if slot in self._keyed:
                self._keyed[slot].discard()
            self._keyed[slot] = handle
        self._active.add(handle)
        self._dispatch(pool, _Job(work, handle, owner, success, failure, progress))
        return handle

    def _dispatch(self, pool: _Pool, job: _Job) -> None:
        if self._held is not None:
            self._held.append((pool, job))
        else:
            pool.put(job)

    def run_job(self, worker: _Worker, job: _Job) -> None:
        """Run one job on `worker`'s thread and send its outcome to the GUI thread."""
        handle = job.handle
        if handle.discarded:
            self._post(lambda: self._finish(job, None))
            return
        task = Task(worker, handle, self._reporter(job))
        try:
            with paused_gc():  # see clinicdesk.core.perf
                result = worker.run(job.work, task)
        except Exception as error:  # noqa: BLE001 - every failure goes back to the GUI
            known = as_known(error)
            if not isinstance(known, KnownError):
                _log.error(
                    "task failed: %s", describe_crash(type(error), error, error.__traceback__)
                )
            self._post(lambda: self._finish(job, lambda: self._fail(job, known)))
        else:
            self._post(lambda: self._finish(job, lambda: job.success and job.success(result)))
            if not worker.read_only:
                self._post(self._checkpoint_if_big)

    def _checkpoint_if_big(self) -> None:
        """After a write: copy the WAL back into the file on a reader, when it has grown
        (PASSIVE: it neither waits for nor blocks readers and the writer). No connection
        of the window checkpoints by itself: SQLite would do it in the thread that
        committed, the writer (the next save would wait) or the GUI thread."""
        wal = Path(f"{self.path}-wal") if self.path is not None else None
        if self._closed or wal is None or not wal.exists() or wal.stat().st_size < CHECKPOINT_AT:
            return
        self.read(lambda task: task.db.execute("PRAGMA wal_checkpoint(PASSIVE)"), key="checkpoint")

    def _reporter(self, job: _Job) -> Progress:
        callback = job.progress
        last_time, last_stage = [0.0], [""]

        def report(fraction: float, stage: str) -> None:
            now = time.monotonic()
            due = stage != last_stage[0] or now - last_time[0] >= PROGRESS_INTERVAL
            if callback and (due or fraction >= 1.0):  # the end is always shown
                last_time[0], last_stage[0] = now, stage
                self._post(lambda: self._alive(job) and callback(fraction, stage))

        return report

    def _post(self, call: Callable[[], Any]) -> None:
        try:
            self._bridge.deliver.emit(call)
        except RuntimeError:  # the bridge went with the application (exit): the task goes
            pass  # on to its end, e.g. the backup at closing, with nobody left to tell

    def _on_deliver(self, call: Callable[[], Any]) -> None:
        call()

    def _alive(self, job: _Job) -> bool:
        owner_gone = job.owner is not None and not shiboken6.isValid(job.owner)
        return not (self._closed or job.handle.discarded or owner_gone)

    def _finish(self, job: _Job, deliver: Callable[[], Any] | None) -> None:
        handle = job.handle
        alive = self._alive(job)
        handle.done, handle.discarded = True, handle.discarded or not alive
        self._active.discard(handle)
        for slot in [s for s, h in self._keyed.items() if h is handle]:
            del self._keyed[slot]
        try:
            if alive and deliver is not None:
                deliver()
        finally:
            if not self._active and not self._closed:
                self.idle.emit()

    def _fail(self, job: _Job, error: Exception) -> None:
        if job.failure is not None:
            job.failure(error)
        elif not isinstance(error, Cancelled):
            parent = job.owner.window() if isinstance(job.owner, QWidget) else None
            QMessageBox.warning(parent, "ClinicDesk", describe(error, self.language))


class _Bridge(QObject):
    deliver = Signal(object)  # a callable, emitted by a worker, run on the GUI thread


class SyncRunner(TaskRunner):
    """A runner that runs each task at once, on the calling thread, and delivers its
    callbacks before `read`/`write` return (Picard's FakeThreadPool, for UI tests)."""

    def _dispatch(self, pool: _Pool, job: _Job) -> None:
        self.run_job(pool.inline, job)

    def _post(self, call: Callable[[], Any]) -> None:
        call()


# Every runner of the process: a runner whose threads still run stays in it (each thread
# holds its pool, which holds the runner).
_RUNNERS: weakref.WeakSet[TaskRunner] = weakref.WeakSet()


def finish_all(timeout: float = 30.0) -> None:
    """The process is ending: stop every runner and wait, up to `timeout` seconds in all,
    until their threads have ended. A thread still inside a task (its QEventLoop, a
    QTextDocument) as Python finalizes can abort the process in Qt's clean-up ("terminate
    called without an active exception", exit 134: the self-test, 3 runs in 4)."""
    runners = list(_RUNNERS)
    for runner in runners:
        runner.shutdown(wait=False)
    deadline = time.monotonic() + timeout
    for runner in runners:
        for thread in runner.threads():
            thread.join(max(0.0, deadline - time.monotonic()))


def describe(error: Exception, language: str) -> str:
    """A short text for a failed task: a known error's message in `language`, else what
    happened in general and where the log is (the details are in the log only)."""
    if isinstance(error, KnownError):
        return error.message(language)
    log = paths.log_dir() / LOG_NAME
    return i18n.message("app.crash", language, error=type(error).__name__, log=log)


class _Worker:
    """One thread's connection and the way it runs a job (in a transaction, for the writer)."""

    def __init__(
        self, runner: TaskRunner, read_only: bool, jobs: queue.SimpleQueue[_Job | None] | None
    ) -> None:
        self.runner, self.read_only, self.jobs = runner, read_only, jobs
        self._db: Database | None = None

    def database(self) -> Database:
        if self.runner.path is None:
            raise BugError("this runner has no clinic file")
        if self._db is None:
            self._db = connect(self.runner.path, read_only=self.read_only)
        if not self.read_only and not self._db.conn.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")
        return self._db

    def run(self, work: Work, task: Task) -> Any:
        try:
            result = work(task)
        except BaseException:
            if self._db is not None and self._db.conn.in_transaction:
                self._db.conn.rollback()
            raise
        if self._db is not None and self._db.conn.in_transaction:
            self._db.execute("COMMIT")
        return result

    def let_writes_through(self) -> None:
        """Commit the running write, then run the jobs waiting in the queue (see
        `Task.let_writes_through`); nothing for a reader, or off the pool (SyncRunner)."""
        if self.read_only:
            return
        if self._db is not None and self._db.conn.in_transaction:
            self._db.execute("COMMIT")
        while self.jobs is not None:
            try:
                job = self.jobs.get_nowait()
            except queue.Empty:
                return
            if job is None:  # the pool is stopping: the loop must see it, nothing more runs
                self.jobs.put(None)
                return
            self.runner.run_job(self, job)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class _Pool:
    """A few threads taking jobs from one queue; each closes its connection as it ends."""

    def __init__(self, runner: TaskRunner, size: int, read_only: bool) -> None:
        self.runner, self.read_only = runner, read_only
        self.jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self.threads: list[threading.Thread] = []
        self.size = size
        self.inline = _Worker(runner, read_only, None)  # SyncRunner's, on the calling thread

    def put(self, job: _Job) -> None:
        if len(self.threads) < self.size:  # threads start as work arrives
            self._start()
        self.jobs.put(job)

    def stop(self) -> None:
        for _thread in self.threads:
            self.jobs.put(None)

    def join(self) -> None:
        for thread in self.threads:
            thread.join()
        self.inline.close()

    def _start(self) -> None:
        worker = _Worker(self.runner, self.read_only, self.jobs)
        name = f"clinicdesk-{'read' if self.read_only else 'write'}-{len(self.threads) + 1}"
        thread = threading.Thread(target=self._loop, args=(worker,), name=name, daemon=True)
        self.threads.append(thread)
        thread.start()

    def _loop(self, worker: _Worker) -> None:
        give_way()
        # An event dispatcher for this thread, so that Qt objects a task makes (the call
        # list's QTextDocument and QPdfWriter) can start their timers; no loop runs.
        dispatcher = QEventLoop()
        try:
            while (job := self.jobs.get()) is not None:
                self.runner.run_job(worker, job)
        finally:
            worker.close()
            del dispatcher
