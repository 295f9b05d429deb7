"""The chart process: the window's charts are drawn in a second process of their own.

matplotlib lays out and draws text and paths in long calls into C that hold the GIL. On a
reader thread of the window's process they held the GUI thread back: a cut-off change
stalled the window 189 ms while a reader drew the two new charts, and matplotlib's first
use (its docstrings read through `inspect`, its fonts) took the GIL from the window at
start-up. In a process of its own, drawing takes a CPU and never the window's GIL; what
comes back is a `Picture`: bytes, copied in a millisecond.

The window's process starts it (`start`, before its first window); every chart is then
drawn through `run` (on a reader: it waits for the picture with the GIL released).
Without `start` (tests, the commands), or when the chart process cannot be started or dies
twice on one chart, charts are drawn in the calling process, as before. The chart process
reads requests on its stdin and answers on its stdout, one pickle each, length first; it
ends when its stdin closes, so it never outlives the window's process, even a killed one.
It imports matplotlib and `clinicdesk.charts` only, never Qt, and reads no clinic file:
what it draws comes in the request (sums and at most a few thousand points).
"""

from __future__ import annotations

import atexit
import logging
import os
import pickle
import struct
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar

from clinicdesk.core.errors import BugError

FLAG = "--chart-process"  # the frozen program's argument that makes it the chart process
_HEAD = struct.Struct("<Q")  # a message's length in bytes, before it
_STOP_WAIT = 2.0  # seconds the chart process is given to end when its stdin closes
_log = logging.getLogger("clinicdesk.charts")
T = TypeVar("T")


def command() -> list[str]:
    """The command line that starts the chart process: the frozen program with `FLAG`
    (see packaging/launcher.py), else this Python running this module."""
    if getattr(sys, "frozen", False):
        return [sys.executable, FLAG]
    return [sys.executable, "-m", "clinicdesk.charts.process"]


def _environment() -> dict[str, str]:
    """This process's environment, with the folder this `clinicdesk` was imported from
    first on the chart process's path (it may not be installed: a checkout, a test); the
    frozen program's own."""
    environment = dict(os.environ)
    if getattr(sys, "frozen", False):
        return environment
    here = str(Path(__file__).resolve().parents[2])
    paths = [here, *filter(None, environment.get("PYTHONPATH", "").split(os.pathsep))]
    environment["PYTHONPATH"] = os.pathsep.join(paths)
    return environment


class ChartProcess:
    """The chart process, seen from the window's process (any thread may `call`; one call
    runs at a time, the others wait)."""

    def __init__(self, argv: list[str] | None = None) -> None:
        self.argv = argv or command()
        self._lock = threading.Lock()
        self._child: subprocess.Popen[bytes] | None = None
        self._stopped = False

    def start(self) -> None:
        """Start the chart process now (it imports matplotlib meanwhile), if not started."""
        with self._lock:
            self._running()

    @property
    def pid(self) -> int | None:
        """The chart process's id while it runs (tests)."""
        child = self._child
        return child.pid if child is not None and child.poll() is None else None

    def call(self, function: Callable[..., Any], *args: Any) -> Any:
        """`function(*args)` run in the chart process (a module-level function of
        `clinicdesk.charts`, arguments that pickle); its result, or its exception raised
        here. If the process is gone it is started again, once; if that fails too, the
        function runs here."""
        request = pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            for _attempt in range(2):
                child = self._running()
                if child is None:
                    break
                reply = self._exchange(child, request)
                if reply is not None:
                    return _outcome(reply)
        return function(*args)

    def stop(self) -> None:
        """End the chart process (its stdin closed: it ends by itself); start no more."""
        with self._lock:
            self._stopped = True
            self._end()

    def _running(self) -> subprocess.Popen[bytes] | None:
        if self._child is not None and self._child.poll() is None:
            return self._child
        self._end()
        if self._stopped:
            return None
        try:
            self._child = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL if sys.stderr is None else None,
                env=_environment(),
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except OSError as error:
            _log.warning("the chart process could not start (%s): charts are drawn here", error)
            self._stopped = True
            return None
        return self._child

    def _exchange(self, child: subprocess.Popen[bytes], request: bytes) -> Any:
        """Send `request`, return the reply; None (and the child ended) if it died."""
        assert child.stdin is not None and child.stdout is not None
        try:
            send(child.stdin, request)
            reply = receive(child.stdout)
        except OSError as error:
            reply, reason = None, type(error).__name__
        else:
            reason = "no reply"
        if reply is None:
            _log.warning("the chart process ended (%s, exit %s)", reason, child.poll())
            self._end()
        return reply

    def _end(self) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
        try:
            child.wait(_STOP_WAIT)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


_process: ChartProcess | None = None
_started = threading.Lock()


def start() -> ChartProcess:
    """Draw this process's charts in a chart process from now on, and start it; it is
    ended as this process exits."""
    global _process
    with _started:
        if _process is None:
            _process = ChartProcess()
            atexit.register(_process.stop)
        process = _process
    process.start()
    return process


def running() -> bool:
    """Whether this process's charts are drawn in a chart process that runs now."""
    process = _process
    return process is not None and process.pid is not None


def stop() -> None:
    """Draw charts in this process again (and end the chart process)."""
    global _process
    with _started:
        process, _process = _process, None
    if process is not None:
        process.stop()


def run(function: Callable[..., T], *args: Any) -> T:
    """`function(*args)` (`charts.picture`'s `draw_picture` or `save_picture`), in the
    chart process when it was started, else here (any thread)."""
    process = _process
    if process is None:
        return function(*args)
    result: T = process.call(function, *args)
    return result


# The two ends of the pipe


def send(stream: IO[bytes], message: bytes) -> None:
    stream.write(_HEAD.pack(len(message)))
    stream.write(message)
    stream.flush()


def receive(stream: IO[bytes]) -> bytes | None:
    """The next message on `stream`; None at its end."""
    head = stream.read(_HEAD.size)
    if len(head) < _HEAD.size:
        return None
    (size,) = _HEAD.unpack(head)
    message = stream.read(size)
    return message if len(message) == size else None


def _outcome(reply: bytes) -> Any:
    """A reply's result, or its exception raised (with the chart process's traceback as
    a note, for the log)."""
    try:
        outcome, value, where = pickle.loads(reply)
    except Exception as error:  # noqa: BLE001 - a result or exception that does not unpickle
        raise BugError(f"the chart process's reply did not unpickle: {error!r}") from error
    if outcome == "error":
        value.add_note(where)
        raise value
    return value


def serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """Answer requests until `requests` ends: each a pickled (function, args), each reply
    a pickled ("ok", result, "") or ("error", exception, its traceback)."""
    while (request := receive(requests)) is not None:
        try:
            function, args = pickle.loads(request)
            reply: tuple[str, Any, str] = ("ok", function(*args), "")
        except Exception as error:  # noqa: BLE001 - the caller raises it, in its process
            reply = ("error", error, "in the chart process:\n" + traceback.format_exc())
        try:
            message = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # noqa: BLE001 - a result or exception that does not pickle
            message = pickle.dumps(("error", BugError(repr(error)), traceback.format_exc()))
        send(replies, message)


def main() -> int:
    """The chart process: serve on stdin and stdout; anything else printed goes to stderr,
    never into a reply. It gives way to the window's process for the CPUs (a chart can
    wait a moment; the window's first paint and its readers cannot)."""
    if hasattr(os, "nice"):
        os.nice(5)
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno() if sys.stderr is not None else os.open(os.devnull, os.O_WRONLY),
            sys.stdout.fileno())  # fmt: skip
    sys.stdout = sys.stderr
    serve(sys.stdin.buffer, replies)
    return 0


if __name__ == "__main__":
    sys.exit(main())
