"""The lifetime-value models on a large clinic: read, fit, value, check.

    python3 benchmarks/bench_value.py [--patients 100000] [--repeat 3] [--db PATH]

Builds (once, then reuses) a deterministic demo clinic of `--patients` patients, then
times each stage of `clinicdesk value` `--repeat` times and prints the medians:
- read: the visit log from the clinic file (the engine's facts: one pass over the
  covering index), and again with the facts cached (the data unchanged since the
  engine's last read: what the window does after a tier run);
- histories: x, t_x, T and spend per patient, in NumPy;
- fit BG/NBD and fit Gamma-Gamma: the maximum-likelihood fits (target: under 2 s
  together at 100,000 patients, issue 18);
- lifetime value: the 36-month discounted lifetime value (37 conditional expectations
  per distinct patient history);
- check: the calibration check (a second fit, on the history up to 6 months before);
- total: `run_value` end to end.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _clinic import TODAY, clinic_from_args  # noqa: E402

from clinicdesk.core.db import open_clinic  # noqa: E402
from clinicdesk.core.segmentation.cache import FactsCache  # noqa: E402
from clinicdesk.core.value.bgnbd import fit_bgnbd  # noqa: E402
from clinicdesk.core.value.calibration import calibrate  # noqa: E402
from clinicdesk.core.value.clv import lifetime_value  # noqa: E402
from clinicdesk.core.value.gamma_gamma import fit_gamma_gamma  # noqa: E402
from clinicdesk.core.value.history import histories, load_visit_log  # noqa: E402
from clinicdesk.core.value.params import ValueParams  # noqa: E402
from clinicdesk.core.value.service import run_value  # noqa: E402


def _timed(stage: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    out = stage()
    return time.perf_counter() - start, out


def one_run(path: Path) -> dict[str, float]:
    """Every stage once, in order, each stage's seconds."""
    db = open_clinic(path)
    try:
        seconds: dict[str, float] = {}
        seconds["read"], log = _timed(lambda: load_visit_log(db, TODAY))
        cache = FactsCache()
        cache.facts(db, TODAY)
        seconds["read, cached"], _ = _timed(lambda: load_visit_log(db, TODAY, cache))
        cache.clear()
        seconds["histories"], data = _timed(lambda: histories(log, TODAY))
        seconds["fit BG/NBD"], model = _timed(lambda: fit_bgnbd(data.x, data.t_x, data.T))
        repeat = (data.x > 0) & (data.repeat_fen > 0)
        mean = data.repeat_fen[repeat] / 100 / data.x[repeat]
        seconds["fit Gamma-Gamma"], _ = _timed(lambda: fit_gamma_gamma(data.x[repeat], mean))
        spend = np.full(len(data.ids), 10_000.0)
        seconds["lifetime value"], _ = _timed(lambda: lifetime_value(
            model, spend, data.x, data.t_x, data.T, months=36, monthly_discount=0.01))  # fmt: skip
        seconds["check"], _ = _timed(lambda: calibrate(log, TODAY, months=6))
        seconds["total"], result = _timed(lambda: run_value(db, ValueParams(TODAY)))
        seconds["patients"] = len(result.patients.ids)
        return seconds
    finally:
        db.close()


def main() -> None:
    args, path = clinic_from_args(__doc__.splitlines()[0], repeat=3)
    runs = [one_run(path) for _ in range(args.repeat)]
    print(f"{int(runs[0]['patients']):,} patients valued, {args.repeat} runs, medians:")
    for stage in runs[0]:
        if stage != "patients":
            median = statistics.median(r[stage] for r in runs)
            print(f"  {stage:<16} {median:6.2f} s")
    fits = statistics.median(r["fit BG/NBD"] + r["fit Gamma-Gamma"] for r in runs)
    print(f"  both fits        {fits:6.2f} s (target < 2 s at 100,000 patients)")


if __name__ == "__main__":
    main()
