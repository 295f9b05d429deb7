"""The day's call list on a large clinic, this version against the one before issue 16.

    python3 benchmarks/bench_calls.py [--patients 100000] [--repeat 5] [--db PATH]
                                      [--baseline REV]

The baseline is the code at `--baseline` (default: 29b67df, the last commit before the
call list became a workload), taken from git with ``git archive``. The clinic is a demo
of `--patients` patients built by the baseline (or `--db`, a clinic file the baseline
can open, copied), and this version works on a copy of it migrated to its schema: the
same patients, charges and calls for both. Each run is a fresh process; the two
versions alternate, after one warm-up run each. Figures, wall and CPU time:

- build: the day's list from the engine's result (baseline ``build_call_list``, the
  whole candidate list; this version ``plan_calls``: must-calls, 40 by priority, the
  backlog and the 14-day forecast);
- fill: the scripts of the first 50 entries (baseline one by one, this version in one
  batch);
- CLI: ``clinicdesk calls --json --limit 50`` end to end (open, engine, list, scripts),
  as installed (pandas, a benchmark-only extra that sqlite-utils would import, hidden);
- and this version's build on a demo built by this version (no call-backs carried
  over from an older file: the must-call part is smaller).

Prints medians and the before/after ratios. Targets (issue 16): build at most 1.5 s at
100,000 patients where the baseline took 8-9 s; the CLI at most 2 s, the engine the
main part.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _clinic import ROOT, TODAY, demo_clinic  # noqa: E402

BASELINE = "29b67df"

WORKER = """
import json, sys, time
sys.path.insert(0, {root!r})
import datetime as dt
from clinicdesk.core.db import open_clinic
from clinicdesk.core.calls import CallRules
from clinicdesk.core.segmentation import TierParams, clinic_params, run_segmentation
db = open_clinic({db!r})
today = dt.date.fromisoformat({today!r})
rules = CallRules.from_clinic(db)
result = run_segmentation(db, clinic_params(db, TierParams.last_twelve_months(today)))

def timed(work):
    wall, cpu = time.perf_counter(), time.process_time()
    out = work()
    return out, time.perf_counter() - wall, time.process_time() - cpu

if {new!r}:
    from clinicdesk.core.calls import filled_scripts, plan_calls
    day, build, build_cpu = timed(lambda: plan_calls(db, today, rules, result))
    entries, size = day.entries, [len(day.entries), day.must_call, day.backlog]
    _, fill, fill_cpu = timed(lambda: filled_scripts(db, entries[:50], "zh_CN", today=today))
else:
    from clinicdesk.core.calls import build_call_list, filled_script
    entries, build, build_cpu = timed(lambda: build_call_list(db, today, rules, result))
    size = [len(entries), None, None]
    _, fill, fill_cpu = timed(lambda: [filled_script(db, e, "zh_CN") for e in entries[:50]])
print(json.dumps({{"build": build, "build_cpu": build_cpu, "fill": fill, "fill_cpu": fill_cpu,
                  "size": size}}))
"""


def main() -> None:
    args = _arguments()
    baseline = _baseline_code(args.baseline)
    old_db = _baseline_clinic(baseline, args)
    new_db = _migrated_copy(old_db)
    fresh_db = demo_clinic(args.patients)
    print(f"baseline {args.baseline}; {args.repeat} runs each, alternating; day {TODAY}")
    runs: dict[str, list[dict[str, float]]] = {"before": [], "after": [], "fresh": []}
    sides = (("before", baseline, old_db, False), ("after", ROOT, new_db, True),
             ("fresh", ROOT, fresh_db, True))  # fmt: skip
    for n in range(args.repeat + 1):
        for name, root, db, new in sides:
            figures = {**_worker(root, db, new), **_cli(root, db)}
            if n:  # the first run of each warms the page cache
                runs[name].append(figures)
    _report(runs)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="The call list against its baseline.")
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, help="a clinic file the baseline can open")
    parser.add_argument("--baseline", default=BASELINE, help="the git revision to compare to")
    return parser.parse_args()


def _baseline_code(rev: str) -> Path:
    """The baseline's package, unpacked from git once."""
    folder = Path(tempfile.gettempdir()) / f"clinicdesk-baseline-{rev}"
    if not (folder / "clinicdesk").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", rev, "clinicdesk"], cwd=ROOT,
                                 check=True, capture_output=True).stdout  # fmt: skip
        archive_path = folder / "code.tar"
        archive_path.write_bytes(archive)
        with tarfile.open(archive_path) as tar:
            tar.extractall(folder, filter="data")
    return folder


def _baseline_clinic(baseline: Path, args: argparse.Namespace) -> Path:
    """A clinic file of the baseline's schema: `--db` copied, or a demo it builds once."""
    path = Path(tempfile.gettempdir()) / f"clinicdesk-bench-calls-{args.patients}-before.db"
    if args.db:
        shutil.copy(args.db, path)
        path.chmod(0o644)
    elif not path.exists():
        print(f"building a {args.patients:,}-patient demo with the baseline at {path} (once) ...")
        build = (f"import sys, datetime as dt; sys.path.insert(0, {str(baseline)!r});"
                 "from clinicdesk.core.demo import build_demo;"
                 f"build_demo({str(path)!r}, patients={args.patients}, seed=1,"
                 f" today=dt.date.fromisoformat({TODAY.isoformat()!r}))")  # fmt: skip
        subprocess.run([sys.executable, "-c", build], check=True)
    return path


def _migrated_copy(path: Path) -> Path:
    """A copy of the baseline's file, opened (so migrated) by this version."""
    copy = path.with_name(path.name.replace("-before", "-after"))
    if copy.exists() and copy.stat().st_mtime > path.stat().st_mtime:
        return copy
    shutil.copy(path, copy)
    subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r});"
                    "from clinicdesk.core.db import open_clinic;"
                    f"open_clinic({str(copy)!r}).close()"], check=True)  # fmt: skip
    return copy


def _worker(root: Path, db: Path, new: bool) -> dict[str, float]:
    code = WORKER.format(root=str(root), db=str(db), today=TODAY.isoformat(), new=new)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


# ``python -m clinicdesk`` as installed: without pandas, which the benchmarks' extra
# brings and sqlite-utils imports whenever it can (0.2-0.3 s no user pays).
_AS_INSTALLED = (
    "import runpy, sys; sys.modules['pandas'] = None; sys.argv[0] = 'clinicdesk';"
    " runpy.run_module('clinicdesk', run_name='__main__')"
)


def _cli(root: Path, db: Path) -> dict[str, float]:
    """``clinicdesk calls --json --limit 50`` in a fresh process: wall and CPU seconds."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    argv = [sys.executable, "-c", _AS_INSTALLED, "calls", "--db", str(db), "--date",
            TODAY.isoformat(), "--json", "--limit", "50"]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    # In its own folder: `python -m` looks in the working folder before PYTHONPATH.
    subprocess.run(argv, check=True, capture_output=True, env=env, cwd=root)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cli": wall, "cli_cpu": cpu}


def _report(runs: dict[str, list[dict[str, float]]]) -> None:
    def median(side: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[side])

    size = runs["before"][0]["size"], runs["after"][0]["size"], runs["fresh"][0]["size"]
    print(f"before: {size[0][0]:,} entries (every candidate)")
    for name, (entries, must, backlog) in (("after", size[1]), ("fresh", size[2])):
        print(f"{name}: {entries:,} entries ({must:,} must-call), backlog {backlog:,}")
    print(f"{'median seconds':<22}{'before':>10}{'after':>10}{'ratio':>8}{'fresh demo':>12}")
    for key in ("build", "build_cpu", "fill", "fill_cpu", "cli", "cli_cpu"):
        before, after = median("before", key), median("after", key)
        print(f"{key:<22}{before:>10.3f}{after:>10.3f}{before / after:>7.1f}x"
              f"{median('fresh', key):>12.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
