"""How fast the demo clinic is built, against writing the same rows into bare tables.

    python3 benchmarks/bench_demo.py [--patients 100000] [--repeat 1]

Builds the demo clinic `--repeat` times (seed 1, today 2026-11-25) and prints the
median build time, charges per second and the file size. Its peer is a floor: the
same rows (read back from the built file, one table at a time) written with
``executemany`` into tables with the same columns and nothing else (no types, CHECKs,
foreign keys or indexes), in one transaction; the build also makes the rows (a
simulation in Python), indexes them, fills the search index and saves a tier run.
Target (issue 15): 100,000 patients in 60 s on this machine.

How the demo is written (`core/demo`, `core/db/bulk.py`): one transaction; the
secondary indexes and triggers of the tables written dropped and created again after
the rows, in one sorted pass each; the search index filled in one statement; the rows'
foreign keys and CHECKs not tested one by one (they are the program's own; the tests
check the files built); CHECKs without IN lists (migration 0006).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clinicdesk.core.demo import build_demo  # noqa: E402

TABLES = ("patients", "patient_tags", "charges", "visit_notes", "care_dates", "contacts")
FLOOR = """
import json, sqlite3, sys, time
source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
seconds = 0.0
for table in {tables!r}:
    columns = [r[1] for r in source.execute(f"PRAGMA table_info([{{table}}])")]
    target.execute(f"CREATE TABLE [{{table}}] ({{', '.join(columns)}})")
    rows = source.execute(f"SELECT * FROM [{{table}}]").fetchall()
    start = time.perf_counter()
    with target:
        target.executemany(
            f"INSERT INTO [{{table}}] VALUES ({{', '.join('?' * len(columns))}})", rows
        )
    seconds += time.perf_counter() - start
    del rows
print(json.dumps({{"seconds": seconds}}))
"""


def _floor(built: Path, tmp: Path) -> float:
    target = tmp / "floor.db"
    target.unlink(missing_ok=True)
    code = FLOOR.format(tables=TABLES)
    out = subprocess.run(
        [sys.executable, "-c", code, str(built), str(target)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    target.unlink()
    return float(json.loads(out.stdout)["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    builds, floors = [], []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for run in range(args.repeat):
            path = tmp / f"bench{run}.db"
            summary = build_demo(path, patients=args.patients, seed=1, today=dt.date(2026, 11, 25))
            builds.append(summary.seconds)
            size = path.stat().st_size
            floors.append(_floor(path, tmp))
            path.unlink()
            print(f"run {run + 1}: build {builds[-1]:.1f} s, floor {floors[-1]:.1f} s")
    build, floor = statistics.median(builds), statistics.median(floors)
    print(f"patients            {summary.patients:,}")
    print(f"charges             {summary.charges:,}")
    print(
        f"machine             {os.cpu_count()} cores, load average {load:.1f} at the start,"
        f" {os.getloadavg()[0]:.1f} at the end"
    )
    print(f"median build time   {build:.1f} s over {len(builds)} run(s) (target 60 s at 100k)")
    print(f"floor: same rows    {floor:.1f} s into bare tables with executemany")
    print(f"ratio               build / floor = {build / floor:.2f}")
    print(f"charges per second  {summary.charges / build:,.0f}")
    print(f"file size           {size / 2**20:,.0f} MiB")


if __name__ == "__main__":
    main()
