"""Importing a large billing export, against ``sqlite-utils insert --csv`` of the same file.

    python3 benchmarks/bench_import.py [--rows 1000000] [--repeat 1]

Writes a clean UTF-8 CSV of `--rows` charges (about 50,000 patients), then measures:
1. ClinicDesk's import into an empty clinic file;
2. the same import again into that file (the idempotent case: nothing new);
3. ``sqlite-utils insert --csv`` of the same file into a bare table (the peer);
4. the floor: ``csv.reader`` rows into a bare table with one ``executemany``.
The imports also print their CPU seconds (this process's), which a loaded machine inflates
less than their wall time.
Targets (issue 15): the first at most 60 s at 1,000,000 rows and at least 2x faster
than sqlite-utils; the second at most 25 s.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clinicdesk.core.db import open_clinic  # noqa: E402
from clinicdesk.core.importer import ImportOptions, ImportResult, import_file  # noqa: E402

ITEMS = [
    ("洁牙", "口腔", 298),
    ("补牙", "口腔", 500),
    ("水光针", "注射", 1280),
    ("光子嫩肤", "光电", 980),
    ("热玛吉", "光电", 16800),
    ("面部清洁护理", "皮肤护理", 398),
]


def make_csv(path: Path, rows: int) -> None:
    """A clean export: card, name, mobile, date, item, category, amount, staff."""
    rng = random.Random(1)
    patients = max(1, rows // 20)
    people = [(f"YY{i:07d}", f"顾客{i}", f"13{rng.randrange(10**9):09d}") for i in range(patients)]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["会员卡号", "姓名", "手机号", "消费日期", "消费项目", "项目类别", "实收金额", "医生"]
        )
        for n in range(rows):
            card, name, mobile = people[rng.randrange(patients)]
            item, category, price = ITEMS[rng.randrange(len(ITEMS))]
            day = f"202{rng.randrange(3, 6)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            writer.writerow(
                [card, name, mobile, day, item, category, f"{price}.00", f"医生{n % 7}"]
            )


def timed_import(db_path: Path, csv_path: Path) -> tuple[float, float, ImportResult]:
    """Wall and CPU seconds of one import (CPU: this process's, which a loaded machine
    inflates less than the wall time), and its result."""
    db = open_clinic(db_path)
    try:
        start, cpu = time.perf_counter(), time.process_time()
        result = import_file(db, csv_path, ImportOptions())
        return time.perf_counter() - start, time.process_time() - cpu, result
    finally:
        db.close()


def timed_sqlite_utils(tmp: Path, csv_path: Path, run: int) -> float:
    target = tmp / f"bare{run}.db"
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sqlite_utils",
            "insert",
            str(target),
            "charges",
            str(csv_path),
            "--csv",
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def timed_floor(tmp: Path, csv_path: Path, run: int) -> float:
    """The file's rows as ``csv.reader`` gives them, into a bare table, one transaction."""
    start = time.perf_counter()
    conn = sqlite3.connect(tmp / f"floor{run}.db")
    conn.execute("CREATE TABLE charges (card, name, mobile, date, item, category, amount, staff)")
    with csv_path.open(encoding="utf-8", newline="") as lines, conn:
        rows = csv.reader(lines)
        next(rows)
        conn.executemany("INSERT INTO charges VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        csv_path = tmp / "export.csv"
        make_csv(csv_path, args.rows)
        first, again, bare, floor, cpu, cpu_again = [], [], [], [], [], []
        for run in range(args.repeat):
            db_path = tmp / f"clinic{run}.db"
            seconds, seconds_cpu, result = timed_import(db_path, csv_path)
            first.append(seconds)
            cpu.append(seconds_cpu)
            seconds_again, seconds_cpu, result_again = timed_import(db_path, csv_path)
            again.append(seconds_again)
            cpu_again.append(seconds_cpu)
            bare.append(timed_sqlite_utils(tmp, csv_path, run))
            floor.append(timed_floor(tmp, csv_path, run))
            print(
                f"run {run + 1}: import {first[-1]:.1f} s (CPU {cpu[-1]:.1f} s; "
                f"{result.imported:,} rows, {result.patients_created:,} patients), "
                f"again {again[-1]:.1f} s (CPU {cpu_again[-1]:.1f} s; {result_again.imported} "
                f"new, {result_again.duplicates_skipped:,} duplicates), "
                f"sqlite-utils {bare[-1]:.1f} s, floor {floor[-1]:.1f} s"
            )
    f, a, b, c = (statistics.median(x) for x in (first, again, bare, floor))
    fc, ac = statistics.median(cpu), statistics.median(cpu_again)
    print(f"rows                         {args.rows:,}")
    print(f"machine                      {os.cpu_count()} cores, load average {load:.1f} at the"
          f" start, {os.getloadavg()[0]:.1f} at the end")  # fmt: skip
    print(f"import into an empty file    median {f:.1f} s, CPU {fc:.1f} s (target 60 s)")
    print(f"import again (idempotent)    median {a:.1f} s, CPU {ac:.1f} s (target 25 s)")
    print(f"sqlite-utils insert --csv    median {b:.1f} s")
    print(f"floor: csv.reader + executemany into a bare table  median {c:.1f} s")
    print(f"ratio sqlite-utils / import  {b / f:.2f} (target >= 2); import / floor {f / c:.1f}")


if __name__ == "__main__":
    main()
