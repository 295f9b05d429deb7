"""The tier list export (.xlsx and CSV) on a large clinic, against XlsxWriter and openpyxl.

    python3 benchmarks/bench_export.py [--patients 100000] [--repeat 3] [--db PATH]

Runs the engine once, builds the tier list of the last twelve months (one row per tiered
patient, about 70,000 at 100,000 patients; timed too: the user waits for it), then
writes it, interleaved, `--repeat` times each: ClinicDesk's .xlsx (`core/xlsx.py`), the
same cells with XlsxWriter in constant-memory mode (what ClinicDesk used before) and with
openpyxl's write-only mode (with lxml when it is installed), and CSV. Prints medians
and CPU times. Target (issue 15): the .xlsx in 6 s or less; CSV stays the fast path.
The peers need ``pip install XlsxWriter`` (openpyxl is a dependency).
"""

from __future__ import annotations

import os
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


def _xlsxwriter(path: Path, headers: list[str], rows: list[list[object]]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet()
    for number, row in enumerate([headers, *rows]):
        for column, cell in enumerate(row):
            if isinstance(cell, str):
                sheet.write_string(number, column, cell)
            elif cell is not None:
                sheet.write_number(number, column, float(cell))  # type: ignore[arg-type]
    book.close()


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
    load = os.getloadavg()[0]
    tables = []
    for _run in range(args.repeat):
        start = time.perf_counter()
        headers, rows = tier_table(db, result, "zh_CN")
        tables.append(time.perf_counter() - start)
    db.close()
    writers = {
        "xlsx (ClinicDesk)": lambda p: write_table(p.with_suffix(".xlsx"), headers, rows),
        "xlsx (XlsxWriter)": lambda p: _xlsxwriter(p.with_suffix(".xlsx"), headers, rows),
        "xlsx (openpyxl)": lambda p: _openpyxl(p.with_suffix(".xlsx"), headers, rows),
        "csv": lambda p: write_table(p.with_suffix(".csv"), headers, rows),
    }
    times: dict[str, list[float]] = {name: [] for name in writers}
    cpu: dict[str, list[float]] = {name: [] for name in writers}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.repeat):
            for name, write in writers.items():
                start, used = time.perf_counter(), time.process_time()
                write(Path(tmp) / f"{run}-{len(times[name])}-{name[6:10]}")
                times[name].append(time.perf_counter() - start)
                cpu[name].append(time.process_time() - used)
            print(f"run {run + 1}: " + ", ".join(f"{n} {t[-1]:.2f} s" for n, t in times.items()))
    try:
        import lxml  # noqa: F401

        lxml_note = "with lxml"
    except ImportError:
        lxml_note = "without lxml"
    ours = statistics.median(times["xlsx (ClinicDesk)"])
    print(f"rows                   {len(rows):,} x {len(headers)} columns")
    print(
        f"machine                {os.cpu_count()} cores, load average {load:.1f} at the start,"
        f" {os.getloadavg()[0]:.1f} at the end"
    )
    print(f"tier list (table)      median {statistics.median(tables):.2f} s")
    print(
        f"xlsx (ClinicDesk)      median {ours:.2f} s, CPU"
        f" {statistics.median(cpu['xlsx (ClinicDesk)']):.2f} s (target 6 s)"
    )
    for name, note in (("xlsx (XlsxWriter)", "constant memory"), ("xlsx (openpyxl)", lxml_note)):
        peer = statistics.median(times[name])
        print(
            f"{name:<22} median {peer:.2f} s ({note}), CPU {statistics.median(cpu[name]):.2f} s:"
            f" {peer / ours:.2f}x ClinicDesk's"
        )
    print(f"csv                    median {statistics.median(times['csv']):.2f} s")


if __name__ == "__main__":
    main()
