"""Does the window stay responsive while the engine runs on a large clinic?

    python3 benchmarks/bench_responsiveness.py [--patients 100000] [--repeat 3] [--db PATH]

Opens the tier overview offscreen on the (once built) demo clinic, ticks a 10 ms timer
on the GUI thread while the engine runs in the worker, and prints the longest gap
between two ticks. Target (issue 6): under 100 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _clinic import clinic_from_args  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from clinicdesk.core.db import open_clinic  # noqa: E402
from clinicdesk.ui.tier_tab import TierTab  # noqa: E402
from clinicdesk.workers.runner import TaskRunner  # noqa: E402


def one_run(app: QApplication, tab: TierTab) -> tuple[float, float, float]:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    done: list[object] = []
    tab.computed.connect(done.append)
    start = time.perf_counter()
    timer.start()
    tab.run(save=False)
    while not done:
        app.processEvents()
        time.sleep(0.001)
    end = time.perf_counter()
    timer.stop()
    tab.computed.disconnect()
    # From the start to the first tick and from the last to the end count too: a run on
    # cached facts can end before the timer ticks twice.
    points = [start, *ticks, end]
    gaps = [(b - a) * 1000 for a, b in zip(points, points[1:], strict=False)]
    p99 = statistics.quantiles(gaps, n=100)[98] if len(gaps) > 1 else gaps[0]
    return end - start, max(gaps), p99


def main() -> None:
    args, path = clinic_from_args(__doc__.splitlines()[0], repeat=3)
    app = QApplication.instance() or QApplication([])
    db = open_clinic(path)
    runner = TaskRunner(path, "en")
    tab = TierTab(db, runner, "en")
    tab.show()
    worst = []
    for run in range(args.repeat):
        seconds, longest, p99 = one_run(app, tab)  # type: ignore[arg-type]
        worst.append(longest)
        print(
            f"run {run + 1}: engine {seconds:.2f} s, longest gap {longest:.0f} ms, "
            f"99th percentile {p99:.0f} ms"
        )
    print(f"median of the longest gaps: {statistics.median(worst):.0f} ms (target 100 ms)")
    runner.shutdown()


if __name__ == "__main__":
    main()
