"""Patient search at 100,000 patients: what a receptionist types, timed.

    python3 benchmarks/bench_search.py [--patients 100000] [--repeat 20] [--db PATH]

Uses (and builds once) the deterministic demo clinic of bench_engine.py, then times
`search_patients` and the first page of rows the list shows, for typical queries.
Target (issue 5): under 50 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _clinic import clinic_from_args  # noqa: E402

from clinicdesk.core.db import open_clinic  # noqa: E402
from clinicdesk.core.db.lists import patient_rows  # noqa: E402
from clinicdesk.core.db.search import search_patients  # noqa: E402

QUERIES = ("王", "明", "w", "wx", "wxm", "wangxiao", "8000", "138 0013", "YY25", "zzzz", "")


def main() -> None:
    args, path = clinic_from_args(__doc__.splitlines()[0], repeat=20)
    db = open_clinic(path)
    worst = 0.0
    print(f"{'query':12} {'results':>8} {'search ms':>10} {'+ first page ms':>16}")
    for query in QUERIES:
        search, page, count = [], [], 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            ids = search_patients(db, query)
            middle = time.perf_counter()
            patient_rows(db, ids[:100])
            end = time.perf_counter()
            search.append((middle - start) * 1000)
            page.append((end - start) * 1000)
            count = len(ids)
        s, p = statistics.median(search), statistics.median(page)
        worst = max(worst, p)
        print(f"{query!r:12} {count:>8,} {s:>10.1f} {p:>16.1f}")
    print(f"worst median (search + first page): {worst:.1f} ms (target 50 ms)")


if __name__ == "__main__":
    main()
