"""The whole segmentation engine on a large clinic, against a pandas implementation.

    python3 benchmarks/bench_engine.py [--patients 100000] [--repeat 3] [--db PATH]

Builds (once, then reuses) a deterministic demo clinic of `--patients` patients, then
times, each run in a fresh process so that its peak memory is its own:
- ClinicDesk's engine end to end from the file (tiers + RFM + lapse + referrals);
- a straightforward pandas implementation of the same tiers and RFM that first loads
  the charges into a DataFrame (pandas is used here only: ``pip install pandas``);
- the floors: the bare ``SELECT patient_id, sum(amount_fen) FROM charges GROUP BY
  patient_id`` over the covering index, and the same reading the two columns every
  engine must read (``sum(amount_fen), max(date)``);
- a parameter change on the same data: the engine again with other cut-offs, the
  visits measure and a period ending a month earlier, through the facts cache;
- the lifetime-value model (issue 18) on the same facts, in a process of its own: the
  BG/NBD and Gamma-Gamma fits alone, and the whole ``run_value`` reading the file and
  again with the facts cached (the shared cache, as the window after a tier run).
Prints medians and the ratios. Targets (issue 15): at least 3x faster than pandas, at
most 4x the bare floor, peak memory at most 300 MB at 100,000 patients (1 GB at
300,000, ``--patients 300000``), a parameter change at most 0.3 s.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _clinic import ROOT, TODAY, clinic_from_args  # noqa: E402

ENGINE = """
import json, resource, sys, time
sys.modules["pandas"] = None  # sqlite-utils imports pandas when it can; ClinicDesk has none
sys.path.insert(0, {root!r})
import datetime as dt
from clinicdesk.core.db import open_clinic
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation
from clinicdesk.core.segmentation.cache import FactsCache
db = open_clinic({db!r})
today = dt.date.fromisoformat({today!r})
params = EngineParams(TierParams.last_twelve_months(today))
cache = FactsCache()
start, cpu = time.perf_counter(), time.process_time()
result = run_segmentation(db, params, cache=cache)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
changes = []
for tiers in (TierParams.last_twelve_months(today, cutoffs=(0.75, 0.95)),
              TierParams.last_twelve_months(today, measure="visits"),
              TierParams.last_twelve_months(today - dt.timedelta(days=30))):
    again = time.perf_counter()
    run_segmentation(db, EngineParams(tiers), cache=cache)
    changes.append(time.perf_counter() - again)
tiers = {{t: s.patients for t, s in result.tiers.summaries.items()}}
print(json.dumps({{"seconds": seconds, "cpu": cpu, "tiers": tiers, "rfm": len(result.rfm),
                  "changes": changes,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

FLOOR = """
import json, sqlite3, time
conn = sqlite3.connect({db!r})
out = {{}}
for name, sql in (("bare", "SELECT patient_id, sum(amount_fen) FROM charges GROUP BY patient_id"),
                  ("read", "SELECT patient_id, sum(amount_fen), max(date) FROM charges"
                           " GROUP BY patient_id")):
    start, cpu = time.perf_counter(), time.process_time()
    conn.execute(sql).fetchall()
    out[name], out[name + "_cpu"] = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps(out))
"""

VALUE = """
import json, sys, time
sys.modules["pandas"] = None
sys.path.insert(0, {root!r})
import datetime as dt
from clinicdesk.core.db import open_clinic
from clinicdesk.core.segmentation.cache import FactsCache
from clinicdesk.core.value.bgnbd import fit_bgnbd
from clinicdesk.core.value.gamma_gamma import fit_gamma_gamma
from clinicdesk.core.value.history import histories, load_visit_log
from clinicdesk.core.value.params import ValueParams
from clinicdesk.core.value.service import run_value
db = open_clinic({db!r})
today = dt.date.fromisoformat({today!r})
cache = FactsCache()
start = time.perf_counter()
run_value(db, ValueParams(today), cache=cache)
whole = time.perf_counter() - start
data = histories(load_visit_log(db, today, cache), today)
start = time.perf_counter()
fit_bgnbd(data.x, data.t_x, data.T)
repeat = (data.x > 0) & (data.repeat_fen > 0)
fit_gamma_gamma(data.x[repeat], data.repeat_fen[repeat] / 100 / data.x[repeat])
fits = time.perf_counter() - start
start = time.perf_counter()
run_value(db, ValueParams(today), cache=cache)
print(json.dumps({{"whole": whole, "fits": fits, "cached": time.perf_counter() - start}}))
"""

PANDAS = """
import json, resource, sqlite3, sys, time
import pandas as pd
conn = sqlite3.connect({db!r})
today = pd.Timestamp({today!r})
start, cpu = time.perf_counter(), time.process_time()
patients = pd.read_sql_query("SELECT id FROM patients WHERE archived = 0", conn)["id"]
charges = pd.read_sql_query("SELECT patient_id, date, amount_fen FROM charges", conn)
charges = charges[charges["patient_id"].isin(patients)]
charges["date"] = pd.to_datetime(charges["date"])
# Tiers: net revenue in the last twelve months, sorted, cumulative share before.
period = charges[(charges["date"] > today - pd.DateOffset(months=12)) & (charges["date"] <= today)]
revenue = period.groupby("patient_id")["amount_fen"].sum()
revenue = revenue[revenue > 0].reset_index().sort_values(["amount_fen", "patient_id"],
                                                         ascending=[False, True])
before = (revenue["amount_fen"].cumsum() - revenue["amount_fen"]) / revenue["amount_fen"].sum()
revenue["tier"] = pd.cut(before, [-1, 0.7, 0.9, 2], right=False, labels=["A", "B", "C"])
# RFM over 24 months: recency, frequency (visit days), monetary; quintile scores.
window = charges[(charges["date"] > today - pd.DateOffset(months=24)) & (charges["date"] <= today)]
visits = window[window["amount_fen"] >= 0]
rfm = pd.DataFrame({{
    "recency": (today - visits.groupby("patient_id")["date"].max()).dt.days,
    "frequency": visits.groupby("patient_id")["date"].nunique(),
    "monetary": window.groupby("patient_id")["amount_fen"].sum(),
}}).dropna()
for column, sign in (("recency", -1), ("frequency", 1), ("monetary", 1)):
    ranks = (sign * rfm[column]).rank(method="min")
    rfm[column[0]] = (5 * ranks / len(rfm)).apply(lambda x: int(-(-x // 1)))
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
tiers = revenue["tier"].value_counts().to_dict()
print(json.dumps({{"seconds": seconds, "cpu": cpu,
                  "tiers": {{str(k): int(v) for k, v in tiers.items()}},
                  "rfm": len(rfm),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def _measure(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    args, db = clinic_from_args(__doc__.splitlines()[0], repeat=3)
    # Open once so that pending migrations are not timed.
    _measure(
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        f"from clinicdesk.core.db import open_clinic; open_clinic({str(db)!r}).close()\n"
        "print('{}')"
    )
    fill = {"root": str(ROOT), "db": str(db), "today": TODAY.isoformat()}
    load = os.getloadavg()[0]
    engine, pandas, floor, value = [], [], [], []
    for run in range(args.repeat):
        engine.append(_measure(ENGINE.format(**fill)))
        pandas.append(_measure(PANDAS.format(**fill)))
        floor.append(_measure(FLOOR.format(**fill)))
        value.append(_measure(VALUE.format(**fill)))
        print(
            f"run {run + 1}: engine {engine[-1]['seconds']:.2f} s, "
            f"pandas {pandas[-1]['seconds']:.2f} s, floor {floor[-1]['bare']:.2f} s, "
            f"value fits {value[-1]['fits']:.2f} s"
        )
    if engine[0]["tiers"] != pandas[0]["tiers"] or engine[0]["rfm"] != pandas[0]["rfm"]:
        # A faster engine that answers differently is no result: fail, with both answers.
        sys.exit(f"MISMATCH: engine {engine[0]} / pandas {pandas[0]}")
    e = statistics.median(r["seconds"] for r in engine)
    e_cpu = statistics.median(r["cpu"] for r in engine)
    bare_cpu = statistics.median(r["bare_cpu"] for r in floor)
    p = statistics.median(r["seconds"] for r in pandas)
    bare = statistics.median(r["bare"] for r in floor)
    read = statistics.median(r["read"] for r in floor)
    change = [statistics.median(r["changes"][i] for r in engine) for i in range(3)]
    charges = _measure(
        f"import sqlite3; print(sqlite3.connect({str(db)!r}).execute("
        "'SELECT count(*) FROM charges').fetchone()[0])"
    )
    print(f"clinic                 {args.patients:,} patients, {charges:,} charges")
    print(
        f"machine                {os.cpu_count()} cores, load average {load:.1f} at the start,"
        f" {os.getloadavg()[0]:.1f} at the end"
    )
    print(
        f"engine (all stages)    median {e:.2f} s, peak {max(r['peak_mb'] for r in engine):.0f} MB"
        " (target 300 MB at 100k)"
    )
    print(
        f"pandas (tiers + RFM)   median {p:.2f} s, peak {max(r['peak_mb'] for r in pandas):.0f} MB"
    )
    print(f"floor: bare GROUP BY   median {bare:.2f} s; reading date and amount {read:.2f} s")
    print(f"ratio                  pandas / engine = {p / e:.2f} (target >= 3)")
    print(
        f"ratio                  engine / bare floor = {e / bare:.2f} (target <= 4); "
        f"engine / reading floor = {e / read:.2f}"
    )
    p_cpu = statistics.median(r["cpu"] for r in pandas)
    print(
        f"CPU time               engine {e_cpu:.2f} s, pandas {p_cpu:.2f} s, bare floor"
        f" {bare_cpu:.2f} s: pandas / engine = {p_cpu / e_cpu:.2f}, engine / floor ="
        f" {e_cpu / bare_cpu:.2f}"
    )
    print(
        f"parameter change       medians: cut-offs {change[0]:.3f} s, measure {change[1]:.3f} s,"
        f" a period ending 30 days earlier {change[2]:.3f} s (target 0.3 s)"
    )
    fits, whole, cached = (
        statistics.median(r[k] for r in value) for k in ("fits", "whole", "cached")
    )
    print(
        f"lifetime value         medians: BG/NBD + Gamma-Gamma fits {fits:.2f} s (target < 2 s);"
        f" run_value {whole:.2f} s reading the file, {cached:.2f} s on cached facts"
    )
    print(
        f"same tiers and RFM     {engine[0]['tiers'] == pandas[0]['tiers']} / "
        f"{engine[0]['rfm'] == pandas[0]['rfm']}"
    )


if __name__ == "__main__":
    main()
