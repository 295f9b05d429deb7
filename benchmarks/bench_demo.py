"""How fast the demo clinic is built, and how big it is: the figures the README quotes.

    python3 benchmarks/bench_demo.py [--patients 100000] [--repeat 1]

Prints the median build time, charges per second and the file size. The requirement
(issue 2): 100,000 patients / ~2,000,000 charges in under two minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clinicdesk.core.demo import build_demo  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    seconds = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.repeat):
            path = Path(tmp) / f"bench{run}.db"
            summary = build_demo(path, patients=args.patients, seed=1, today=dt.date(2026, 11, 25))
            seconds.append(summary.seconds)
            size = path.stat().st_size
            print(f"run {run + 1}: {summary.seconds:.1f} s")
    median = statistics.median(seconds)
    print(f"patients            {summary.patients:,}")
    print(f"charges             {summary.charges:,}")
    print(f"median build time   {median:.1f} s over {len(seconds)} run(s) (limit 120 s)")
    print(f"charges per second  {summary.charges / median:,.0f}")
    print(f"file size           {size / 2**20:,.0f} MiB")


if __name__ == "__main__":
    main()
