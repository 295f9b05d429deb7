"""The task runner: long work (the engine, an import) on one background thread.

One worker thread for the whole program (Anki's and Datasette's pattern): tasks run one
after another, so there are never two writers. A task is a plain function
``task(progress, cancel)``; it opens its own database connection and closes it, and never
touches widgets. Its progress, result or error comes back to the GUI thread as signals
carrying the task's number, so a window can drop the results of tasks it no longer
waits for.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from clinicdesk.core.perf import paused_gc

Progress = Callable[[float, str], None]
Task = Callable[[Progress, threading.Event], Any]
PROGRESS_INTERVAL = 0.05  # seconds between two progress signals of one task


@dataclass
class Handle:
    """A submitted task: its number, and the event that asks it to stop."""

    number: int
    cancel: threading.Event = field(default_factory=threading.Event)
    future: Future[None] | None = None


class TaskRunner(QObject):
    """Runs tasks one at a time on a worker thread.

    Signals:
        progressed(number, fraction, stage): at most every 50 ms, and at each new stage.
        finished(number, result): the task returned.
        failed(number, error): the task raised (a Cancelled error when it was cancelled).
    """

    progressed = Signal(int, float, str)
    finished = Signal(int, object)
    failed = Signal(int, object)
    # Emitted from the worker; passed on by the GUI thread unless the runner has been shut
    # down by then (the window is closing: its slots must not touch a closed file).
    _progressed = Signal(int, float, str)
    _finished = Signal(int, object)
    _failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._progressed.connect(self._pass_progressed)
        self._finished.connect(self._pass_finished)
        self._failed.connect(self._pass_failed)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clinicdesk-task")
        self._numbers = itertools.count(1)
        self._closed = False

    def submit(self, task: Task) -> Handle:
        """Queue `task`; returns its handle at once. After `shutdown` nothing runs (a result
        still arriving as the window closes may ask for more work: it is not done)."""
        handle = Handle(next(self._numbers))
        if self._closed:
            handle.cancel.set()
            return handle
        handle.future = self._pool.submit(self._run, task, handle)
        return handle

    def shutdown(self, wait: bool = True) -> None:
        """Ask nothing more of the worker; with `wait`, let the current task end."""
        self._closed = True
        self._pool.shutdown(wait=wait, cancel_futures=True)

    def _run(self, task: Task, handle: Handle) -> None:
        last_time, last_stage = [0.0], [""]

        def progress(fraction: float, stage: str) -> None:
            now = time.monotonic()
            if stage != last_stage[0] or now - last_time[0] >= PROGRESS_INTERVAL or fraction >= 1:
                last_time[0], last_stage[0] = now, stage
                self._progressed.emit(handle.number, fraction, stage)

        try:
            with paused_gc():  # see clinicdesk.core.perf
                result = task(progress, handle.cancel)
        except BaseException as error:  # reported to the GUI, which decides what to say
            self._failed.emit(handle.number, error)
        else:
            self._finished.emit(handle.number, result)

    def _pass_progressed(self, number: int, fraction: float, stage: str) -> None:
        if not self._closed:
            self.progressed.emit(number, fraction, stage)

    def _pass_finished(self, number: int, result: object) -> None:
        if not self._closed:
            self.finished.emit(number, result)

    def _pass_failed(self, number: int, error: object) -> None:
        if not self._closed:
            self.failed.emit(number, error)
