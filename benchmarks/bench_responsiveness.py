"""Does the window stay responsive at 100,000 patients, whatever the staff do?

    python3 benchmarks/bench_responsiveness.py [--db PATH] [--repeat 3] [--patients 100000]
                                               [--why] [--callbacks] [--only import,restore]
                                               [--charts-here]

Drives the real window (offscreen) on a copy of the demo clinic (`--db`, else the
benchmarks' own 100k demo, built once) through each action of issue 14, while a 10 ms
timer ticks on the GUI thread, and prints one line per action:

    ACTION: longest stall N ms, done in S s

where the stall is the longest gap between two ticks (or between the action's start and
the first tick: a click handler that blocks counts). Actions: start-up to first paint
(its "stall" is the time with no window yet), and to "search works" and to the start-up
tiers and call list (their stalls count from the first paint), the idle window for 5 s (the
machine's own noise, as a baseline), an engine run, a cut-off change
to new charts, Back up now, the tier list to .xlsx, an import of 100,000 rows while a
patient is saved and calls are logged (the waits of those are printed too), and a
restore. Each run works on a fresh copy; the medians of the runs end the output. With
`--why`, each stall over 100 ms is followed by where each thread was (sampled every
10 ms: when the GUI thread sits in Qt's event loop, look for a worker in a long C call
that holds the GIL); with `--callbacks`, each action is followed by the calls from the GUI
thread's event loop into Python during its longest stall (a slot, a model's `data`),
longest first (the GUI thread's Python runs slower meanwhile); with
`--only`, start-up and the actions named run (engine, cutoff, backup, export, import,
restore; restore makes its backup first); with `--charts-here`, the charts are drawn in the
window's process, as before the chart process (to measure what it brings).
Target: every stall under 100 ms; start-up usable under 2 s; a cut-off change under 1 s.
"""

from __future__ import annotations

import argparse
import bisect
import gc
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The window as installed: pandas, which the benchmarks' extra brings, is no dependency of
# ClinicDesk, and sqlite-utils imports it whenever it can (its objects then sit in the
# process the window's collections walk).
sys.modules["pandas"] = None
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _clinic import clinic_from_args  # noqa: E402
from bench_import import make_csv  # noqa: E402
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer  # noqa: E402

if TYPE_CHECKING:
    from clinicdesk.ui.main_window import MainWindow

TICK_MS = 10
IMPORT_ROWS = 100_000
Results = dict[str, list[tuple[float, float]]]  # action: (longest stall ms, seconds) a run
Waits = dict[str, list[float]]  # a write during the import: its longest wait (ms) a run


class Ticks(QObject):
    """A timer on the GUI thread, and the longest gap between its ticks in a span; each
    tick also notes the GUI thread's CPU time, which tells a stall of its own work (Qt's
    or Python's) from one spent waiting (for the GIL or a CPU)."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []
        self.cpu: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.times.append(time.perf_counter())
        self.cpu.append(time.thread_time())

    def longest_gap(self, start: float, end: float) -> float:
        span = self.longest_span(start, end)
        return span[1] - span[0]

    def longest_span(self, start: float, end: float) -> tuple[float, float]:
        """When the longest gap in the span began and ended."""
        return self._longest(start, end)[0]

    def busy_in_longest(self, start: float, end: float) -> float | None:
        """The GUI thread's CPU seconds in the longest gap (None: it is not between ticks)."""
        _span, at = self._longest(start, end)
        return None if at is None else self.cpu[at + 1] - self.cpu[at]

    def _longest(self, start: float, end: float) -> tuple[tuple[float, float], int | None]:
        """The longest gap (its start and end), and the index of the tick that begins it
        (None when it is before the first tick or after the last)."""
        lo = bisect.bisect_left(self.times, start)
        hi = bisect.bisect_right(self.times, end)
        points = [start, *self.times[lo:hi], end]
        spans = list(zip(points, points[1:], strict=False))
        at = max(range(len(spans)), key=lambda i: spans[i][1] - spans[i][0])
        inner = 0 < at < hi - lo  # between two ticks, not before the first or after the last
        return spans[at], lo + at - 1 if inner else None


class Watchdog:
    """With --why: while the GUI thread has not ticked for 100 ms, sample every thread's
    stack every 10 ms, to find what a stall is made of: the GUI thread's own work, or
    (when it sits in Qt's event loop) a worker holding the GIL in a long C call. Each
    stall is reported as each thread's most frequent innermost frames, with their count
    of samples. Each cyclic garbage collection of 20 ms or more is noted too (it holds
    the GIL throughout, and a sampler cannot see it: no thread runs meanwhile)."""

    def __init__(self, ticks: Ticks) -> None:
        self.ticks, self.notes = ticks, []
        self.gui = threading.get_ident()
        self._collecting = 0.0
        self.collected: list[float] = []  # each collection's seconds, since the last report
        gc.callbacks.append(self._collection)
        self._time_gui_sql()
        threading.Thread(target=self._watch, daemon=True).start()

    def _time_gui_sql(self) -> None:
        """Note each SQL statement of 20 ms or more that the GUI thread runs (through
        sqlite-utils, as the window's own connection does): a page it reads from a file
        that a writer keeps busy can wait for the disk."""
        from sqlite_utils import Database

        execute, watchdog = Database.execute, self

        def timed(db: Database, sql: str, *args: object, **kwargs: object) -> object:
            if threading.get_ident() != watchdog.gui:
                return execute(db, sql, *args, **kwargs)
            began = time.perf_counter()
            try:
                return execute(db, sql, *args, **kwargs)
            finally:
                took = time.perf_counter() - began
                if took >= 0.02:
                    short = " ".join(sql.split())[:70]
                    note = f"  the GUI thread's SQL took {took * 1000:.0f} ms: {short}"
                    watchdog.notes.append(note)

        Database.execute = timed

    def _collection(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._collecting = time.perf_counter()
            return
        took = time.perf_counter() - self._collecting
        self.collected.append(took)
        if took >= 0.02:
            thread = "GUI" if threading.get_ident() == self.gui else threading.current_thread().name
            self.notes.append(
                f"  a garbage collection of generation {info['generation']} took"
                f" {took * 1000:.0f} ms on {thread} ({info['collected']} collected)"
            )

    def _watch(self) -> None:
        stalled_at, samples = 0.0, {}
        while True:
            time.sleep(0.01)
            last = self.ticks.times[-1] if self.ticks.times else 0.0
            if last and time.perf_counter() - last > 0.1:
                if last != stalled_at:
                    self._note(samples)
                    stalled_at, samples = last, {}
                self._sample(samples)
            elif samples:
                self._note(samples)
                samples = {}

    def _sample(self, samples: dict[str, Counter]) -> None:
        names = {t.ident: t.name for t in threading.enumerate()}
        for ident, frame in sys._current_frames().items():
            if ident != threading.get_ident():
                label = "GUI" if ident == self.gui else str(names.get(ident, ident))
                depth = 6 if label == "GUI" else 4
                samples.setdefault(label, Counter())[self._where(frame, depth)] += 1

    def _note(self, samples: dict[str, Counter]) -> None:
        lines = []
        for label in sorted(samples, key=lambda name: name != "GUI"):
            for where, n in samples[label].most_common(3 if label == "GUI" else 2):
                lines.append(f"    {label} x{n}: {where}")
        if lines:
            self.notes.append(
                "\n".join(["  stall >100 ms, each thread sampled every 10 ms:", *lines])
            )

    @staticmethod
    def _where(frame: object, depth: int) -> str:
        return " < ".join(
            f"{f.f_code.co_filename.rsplit('/', 1)[-1]}:{line} {f.f_code.co_name}"
            for f, line in list(traceback.walk_stack(frame))[:depth]
        )

    def report(self) -> None:
        if self.collected:
            print(
                f"  {len(self.collected)} garbage collections, {sum(self.collected) * 1000:.0f} ms"
                f" in all, the longest {max(self.collected) * 1000:.0f} ms"
            )
            self.collected.clear()
        for note in self.notes:
            print(note)
        self.notes.clear()


class Callbacks:
    """With --callbacks: each call from the GUI thread's event loop into Python (a slot, a
    model's `data`, an event handler) with its start and end, so that a stall can be told
    apart: the GUI thread's own Python work, and which. It profiles the GUI thread only
    (`sys.setprofile` is per thread), which slows that thread's Python down."""

    def __init__(self) -> None:
        self.loop_code = wait_until.__code__
        self.depth = 0
        self.began = 0.0
        self.name = ""
        self.calls: list[tuple[float, float, str]] = []
        sys.setprofile(self._event)

    def _event(self, frame: object, event: str, _arg: object) -> None:
        if event == "call":
            caller = frame.f_back
            if self.depth == 0 and caller is not None and caller.f_code is self.loop_code:
                self.depth, self.began = 1, time.perf_counter()
                code = frame.f_code
                where = f"{code.co_filename.rsplit('/', 1)[-1]}:{code.co_firstlineno}"
                self.name = f"{where} {code.co_qualname}"
            elif self.depth:
                self.depth += 1
                code = frame.f_code
                if self.depth <= 6 and " < " not in self.name and code.co_filename.endswith(
                    ("/ui/main_window.py", "_tab.py", "_panel.py", "_view.py", "_dialog.py",
                     "_charts.py", "_source.py", "_work.py", "_file.py", "_actions.py")
                ):  # fmt: skip
                    self.name += f" < {code.co_qualname}"  # the task's callback, say
        elif event == "return" and self.depth:
            self.depth -= 1
            if self.depth == 0:
                self.calls.append((self.began, time.perf_counter(), self.name))

    def report(self, span: tuple[float, float]) -> None:
        """The callbacks that ran during `span`, longest first, with how much of it each took."""
        a, b = span
        inside = [(min(end, b) - max(start, a), end - start, name)
                  for start, end, name in self.calls if end > a and start < b]  # fmt: skip
        total = sum(part for part, _whole, _name in inside)
        print(f"  Python called from the GUI thread's event loop: {len(inside)} calls,"
              f" {total * 1000:.0f} ms of the stall")  # fmt: skip
        for part, whole, name in sorted(inside, reverse=True)[:6]:
            print(f"    {part * 1000:.0f} ms ({whole * 1000:.0f} ms in all) {name}")
        self.calls = [c for c in self.calls if c[1] > b]


class Painted(QObject):
    """Notes when a widget is first painted."""

    def __init__(self) -> None:
        super().__init__()
        self.at: float | None = None

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.at is None:
            self.at = time.perf_counter()
        return False


def wait_until(done: Callable[[], bool], timeout: float = 600) -> None:
    """Run the event loop (as the program does) until `done()`."""
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(lambda: loop.quit() if done() else None)
    poll.start()
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        loop.exec()
    poll.stop()
    if not done():
        raise TimeoutError("the action did not finish")


class Bench:
    """One run of every action on one copy of the clinic."""

    def __init__(
        self, ticks: Ticks, work: Path, source: Path, results: Results, waits: Waits
    ) -> None:
        self.ticks, self.work, self.results, self.waits = ticks, work, results, waits
        self.watchdog: Watchdog | None = None
        self.callbacks: Callbacks | None = None
        self.path = work / "clinic.db"
        shutil.copyfile(source, self.path)
        self.window = None
        self.start_took = 0.0  # how long the last action's own call ran on the GUI thread

    def measure(self, name: str, start: Callable[[], None], done: Callable[[], bool]) -> float:
        self.forget_stalls()
        began = time.perf_counter()
        start()
        self.start_took = time.perf_counter() - began
        wait_until(done)
        ended = time.perf_counter()
        return self.report(name, began, ended)

    def forget_stalls(self) -> None:
        """Stalls noted before an action (the benchmark's own copying) are not its own."""
        if self.watchdog is not None:
            self.watchdog.notes.clear()
            self.watchdog.collected.clear()

    def report(self, name: str, began: float, ended: float, shown: float | None = None) -> float:
        """Print and keep an action's figures; its stall counts from `shown` (the window's
        first paint, for start-up: before it there is no window to freeze) or its start."""
        stall = self.ticks.longest_gap(shown or began, ended) * 1000
        self.results.setdefault(name, []).append((stall, ended - began))
        print(f"{name}: longest stall {stall:.0f} ms, done in {ended - began:.2f} s", flush=True)
        if self.watchdog is not None:
            busy = self.ticks.busy_in_longest(shown or began, ended)
            if busy is not None:
                lo, hi = self.ticks.longest_span(shown or began, ended)
                print(f"  the GUI thread ran {busy * 1000:.0f} ms of that stall on a CPU;"
                      f" it began {lo - began:.2f} s into the action, at {lo:.3f} s on the"
                      f" monotonic clock (`perf record -k CLOCK_MONOTONIC` uses it), GUI"
                      f" thread {threading.get_native_id()}")  # fmt: skip
            elif self.ticks.longest_span(shown or began, ended)[1] == ended:
                print("  that stall was the action's end: from the last tick to its completion")
            else:
                print(
                    "  that stall was the action's start: its call on the GUI thread took"
                    f" {self.start_took * 1000:.0f} ms"
                )
            self.start_took = 0.0
            self.watchdog.report()
        if self.callbacks is not None:
            self.callbacks.report(self.ticks.longest_span(shown or began, ended))
        return ended - began

    def run(self, only: set[str] | None = None) -> None:
        """Every action, or with `only` (--only import,restore) start-up and those."""

        def wanted(action: str) -> bool:
            return only is None or action in only

        self.start_up()
        self.idle()
        if wanted("engine"):
            self.engine_run()
        if wanted("cutoff"):
            self.cutoff_change()
        made = self.back_up() if wanted("backup") or wanted("restore") else None
        if wanted("export"):
            self.export_tiers()
        if wanted("import"):
            self.import_while_working()
        if made is not None and wanted("restore"):
            self.restore(made)
        self.window.close()
        wait_until(lambda: not self.window.isVisible())

    def start_up(self) -> None:
        from clinicdesk.app import open_window

        # The copy of the clinic blocked the GUI thread: a tick after it, and the watchdog's
        # next look, so that its stall is not noted as start-up's.
        copied = time.perf_counter()
        wait_until(lambda: bool(self.ticks.times) and self.ticks.times[-1] > copied + 0.03)
        self.forget_stalls()
        painted, began = Painted(), time.perf_counter()
        window = open_window(self.path, "zh_CN")
        window.resize(1366, 768)
        window.installEventFilter(painted)
        window.show()
        self.start_took = time.perf_counter() - began  # built and shown, before its paint
        wait_until(lambda: painted.at is not None)
        self.report("start-up to first paint", began, painted.at)
        tab = window.patient_tab
        tab.search.setText("王")
        tab.run_search()
        wait_until(lambda: tab.model.rowCount() > 0)
        self.report('start-up to "search works"', began, time.perf_counter(), painted.at)
        wait_until(lambda: window.call_tab.model.rowCount() > 0 and not window.runner.busy())
        self.report("start-up to tiers and call list", began, time.perf_counter(), painted.at)
        self.window = window

    def idle(self) -> None:
        """The baseline: the window open and nothing running for 5 s. On a shared machine
        this is the noise (other processes) every other figure includes."""
        end = time.perf_counter() + 5
        self.measure(
            "window idle (5 s, the baseline)", lambda: None, lambda: time.perf_counter() > end
        )

    def _charts_drawn(self) -> Callable[[], bool]:
        """A test for "a new run is shown and its charts are on screen, since now"."""
        tab, computed, drawn = self.window.tier_tab, [], []
        tab.computed.connect(lambda _r: computed.append(1))
        tab.charts.rendered.connect(lambda: computed and drawn.append(1))
        return lambda: bool(drawn)

    def engine_run(self) -> None:
        tab = self.window.tier_tab
        self.window.tabs.setCurrentWidget(tab)
        drawn = self._charts_drawn()
        self.measure("engine run (tier overview)", lambda: tab.run(save=False), drawn)

    def cutoff_change(self) -> None:
        tab = self.window.tier_tab
        drawn = self._charts_drawn()
        preset = "75/20/5" if tab.cutoffs.currentData() != "75/20/5" else "70/20/10"
        self.measure(
            "cut-off change to new charts",
            lambda: tab.cutoffs.setCurrentIndex(tab.cutoffs.findData(preset)),
            drawn,
        )

    def back_up(self) -> Path:
        made: list[Path] = []
        self.window.backups.backed_up.connect(made.append)
        self.measure("Back up now", self.window.backups.back_up_now, lambda: bool(made))
        return made[0]

    def export_tiers(self) -> None:
        handle = []
        target = self.work / "tiers.xlsx"
        tab = self.window.tier_tab
        self.measure(
            "export tier list .xlsx",
            lambda: handle.append(tab.export_list(target)),
            lambda: handle[0].done,
        )

    def import_while_working(self) -> None:
        export = self.work / "export.csv"
        make_csv(export, IMPORT_ROWS)
        dialog = self.window.open_import_dialog()
        dialog.set_source(export)
        wait_until(dialog.import_button.isEnabled)
        work = _Staff(self.window)
        imported: list[object] = []
        dialog.imported.connect(imported.append)
        dialog.progress_bar.valueChanged.connect(work.on_import_progress)
        self.measure(
            f"import {IMPORT_ROWS:,} rows while saving a patient and logging calls",
            dialog.import_button.click,
            lambda: bool(imported) and work.finished(),
        )
        wait_until(work.finished)
        for what, waits in (("save a patient", work.saves), ("log a call", work.calls)):
            longest = max(waits) * 1000
            self.waits.setdefault(what, []).append(longest)
            print(f"{what} during the import: {len(waits)} done, longest wait {longest:.0f} ms")
        dialog.close()

    def restore(self, backup: Path) -> None:
        from clinicdesk.ui.main_window import MainWindow

        old = self.window
        app_windows = _top_level(MainWindow)

        def reopened() -> bool:
            new = [w for w in _top_level(MainWindow) if w not in app_windows and w.isVisible()]
            if new:
                self.window = new[0]
            return bool(new) and self.window.patient_tab.model.rowCount() > 0

        self.measure(
            "restore (check, replace, reopen)",
            lambda: old.backups.restore_from(backup, confirm=False),
            reopened,
        )
        wait_until(lambda: not self.window.runner.busy())


class _Staff:
    """A receptionist saving a patient and a consultant logging calls during an import:
    every few seconds, and once just as the import starts writing (the worst moment)."""

    TIMES = 5

    def __init__(self, window: MainWindow) -> None:
        from clinicdesk.ui.models.patient_list import IdRole

        self.window = window
        self.saves: list[float] = []
        self.calls: list[float] = []
        self._began: dict[str, float] = {}
        self._at_write = False
        patients = window.patient_tab
        patients.open_patient(patients.model.index(0, 0).data(IdRole))
        patients.file.saved.connect(lambda _pid: self._done("save", self.saves))
        window.call_tab.logged.connect(lambda _pid: self._done("call", self.calls))
        _choose_a_caller(window)
        self._timer = QTimer()
        self._timer.setInterval(2500)
        self._timer.timeout.connect(self.act)
        self._timer.start()

    def on_import_progress(self, value: int) -> None:
        if value >= 800 and not self._at_write:  # the import's one short write begins
            self._at_write = True
            self.act()

    def act(self) -> None:
        file, calls = self.window.patient_tab.file, self.window.call_tab
        if "save" not in self._began and len(self.saves) < self.TIMES:
            file.form.edits["occupation"].setText(f"教师{len(self.saves)}")
            self._began["save"] = time.perf_counter()
            file.save()
        if "call" not in self._began and len(self.calls) < self.TIMES and calls.model.rowCount():
            calls.view.selectRow(0)
            self._began["call"] = time.perf_counter()
            calls.work.log("no_answer")

    def _done(self, what: str, waits: list[float]) -> None:
        waits.append(time.perf_counter() - self._began.pop(what))
        if self.finished():
            self._timer.stop()

    def finished(self) -> bool:
        return len(self.saves) >= self.TIMES and len(self.calls) >= self.TIMES


def _choose_a_caller(window: MainWindow) -> None:
    """Say who calls today, as the receptionist does when the call tab first opens (a call
    is not logged without a caller)."""
    import datetime as dt

    from clinicdesk.core.db.clinic import list_staff
    from clinicdesk.ui.call_caller import CallerChoice

    staff = list_staff(window.db)
    if staff:
        window.call_tab.caller.set(CallerChoice(staff[0].id, 1, dt.date.today().isoformat()))


def _top_level(kind: type) -> list:
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind)]


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--why", action="store_true", help="after each stall over 100 ms, where each thread was"
    )
    parser.add_argument(
        "--only", type=lambda text: set(text.split(",")), default=None,
        help="start-up and these actions only: engine,cutoff,backup,export,import,restore",
    )  # fmt: skip
    parser.add_argument(
        "--callbacks", action="store_true",
        help="after each action, the GUI thread's Python calls during its longest stall",
    )  # fmt: skip
    parser.add_argument(
        "--charts-here", action="store_true",
        help="draw the charts in the window's process, not in its chart process (A/B)",
    )  # fmt: skip


def main() -> None:
    args, source = clinic_from_args(__doc__.splitlines()[0], repeat=3, more=_options)
    why, only = args.why, args.only
    home = Path(tempfile.mkdtemp(prefix="clinicdesk-bench-home-"))
    os.environ["CLINICDESK_HOME"] = str(home)  # backups and window.ini stay apart
    from clinicdesk.app import application, window_process

    application("zh_CN") if args.charts_here else window_process("zh_CN")
    ticks, results, waits = Ticks(), {}, {}
    watchdog = Watchdog(ticks) if why else None
    callbacks = Callbacks() if args.callbacks else None
    try:
        for run in range(args.repeat):
            print(f"--- run {run + 1} of {args.repeat} on a copy of {source}", flush=True)
            work = Path(tempfile.mkdtemp(prefix="clinicdesk-bench-", dir=home))
            bench = Bench(ticks, work, source, results, waits)
            bench.watchdog, bench.callbacks = watchdog, callbacks
            bench.run(only)
            shutil.rmtree(work, ignore_errors=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)  # an interrupted run leaves no backups behind
    print(f"--- medians of {args.repeat} runs (the machine may be shared: see the README)")
    for name, values in results.items():
        stall = statistics.median(v[0] for v in values)
        seconds = statistics.median(v[1] for v in values)
        print(f"{name}: longest stall {stall:.0f} ms, done in {seconds:.2f} s")
    for name, longest in waits.items():
        print(f"{name} during the import: longest wait {statistics.median(longest):.0f} ms")


if __name__ == "__main__":
    main()
