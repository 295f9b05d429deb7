"""The tier list export (.xlsx and CSV) on a large clinic, against openpyxl's write-only mode.

    python3 benchmarks/bench_export.py [--patients 100000] [--repeat 3] [--db PATH]

Runs the engine once, builds the tier list of the last twelve months (one row per tiered
patient, about 70,000 at 100,000 patients), then writes it, interleaved, `--repeat`
times each: ClinicDesk's .xlsx (XlsxWriter), the same cells with openpyxl's write-only
mode (with lxml when it is installed), and CSV. Prints medians. Target (issue 15): the
.xlsx in 6 s or less; CSV stays the fast path.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _clinic import TODAY, clinic_from_args  # noqa: E402

from clinicdesk.core.db import open_clinic  # noqa: E402
from clinicdesk.core.export import tier_table, write_table  # noqa: E402
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation  # noqa: E402


def _openpyxl(path: Path, headers: list[str], rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)


def main() -> None:
    args, path = clinic_from_args(__doc__.splitlines()[0], repeat=3)
    db = open_clinic(path)
    result = run_segmentation(db, EngineParams(TierParams.last_twelve_months(TODAY)))
    headers, rows = tier_table(db, result, "zh_CN")
    db.close()
    writers = {
        "xlsx (XlsxWriter)": lambda p: write_table(p.with_suffix(".xlsx"), headers, rows),
        "xlsx (openpyxl)": lambda p: _openpyxl(p.with_suffix(".xlsx"), headers, rows),
        "csv": lambda p: write_table(p.with_suffix(".csv"), headers, rows),
    }
    times: dict[str, list[float]] = {name: [] for name in writers}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.repeat):
            for name, write in writers.items():
                start = time.perf_counter()
                write(Path(tmp) / f"{run}-{len(times[name])}-{name[:4]}")
                times[name].append(time.perf_counter() - start)
            print(f"run {run + 1}: " + ", ".join(f"{n} {t[-1]:.2f} s" for n, t in times.items()))
    try:
        import lxml  # noqa: F401

        lxml_note = "with lxml"
    except ImportError:
        lxml_note = "without lxml"
    ours = statistics.median(times["xlsx (XlsxWriter)"])
    print(f"rows                   {len(rows):,} x {len(headers)} columns")
    print(f"xlsx (XlsxWriter)      median {ours:.2f} s (target 6 s)")
    peer = statistics.median(times["xlsx (openpyxl)"])
    print(f"xlsx (openpyxl {lxml_note}) median {peer:.2f} s, ratio {peer / ours:.2f}")
    print(f"csv                    median {statistics.median(times['csv']):.2f} s")


if __name__ == "__main__":
    main()
