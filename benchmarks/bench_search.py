"""Patient search at 100,000 patients: what a receptionist types, timed and ranked.

    python3 benchmarks/bench_search.py [--patients 100000] [--repeat 20] [--db PATH]

Uses (and builds once) the deterministic demo clinic of bench_engine.py, then times
`search_patients` and the first page of rows the list shows, for typical queries.
Target (issue 5): under 50 ms.

Then the ranking (issue 17): for 20 patients of each kind of query — their card
number, their whole mobile, its last 4 digits, their name, initials, full pinyin —
where the intended patient comes in the results. The patient at the desk has usually
just come in, so each kind is asked for patients seen in the file's last 7 days, and
the name and phone kinds again for patients drawn from everyone (who share a name or
four digits with many). Targets at 100k: 1st for the card and the whole mobile, top 3
for the last 4 digits (patient at the desk).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _clinic import clinic_from_args  # noqa: E402
from sqlite_utils import Database  # noqa: E402

from clinicdesk.core.db import open_clinic  # noqa: E402
from clinicdesk.core.db.lists import patient_rows  # noqa: E402
from clinicdesk.core.db.search import search_patients  # noqa: E402

QUERIES = ("王", "明", "w", "wx", "wxm", "wangxiao", "8000", "138 0013", "YY25", "zzzz", "")
SAMPLES = 20
NOT_FOUND = 10**9
# kind -> the query a person types for the intended patient (a row of _people()).
KINDS = {
    "card": lambda p: p["card_no"],
    "phone": lambda p: p["mobile"],
    "phone_end": lambda p: p["mobile"][-4:],
    "name": lambda p: p["name"],
    "pinyin_initials": lambda p: p["name_initials"],
    "pinyin": lambda p: p["name_pinyin"],
}


def main() -> None:
    args, path = clinic_from_args(__doc__.splitlines()[0], repeat=20)
    db = open_clinic(path)
    timings(db, args.repeat)
    print()
    ranking(db)


def timings(db: Database, repeat: int) -> None:
    """The typical queries' medians: search, and search plus the list's first page."""
    worst = 0.0
    print(f"{'query':12} {'results':>8} {'search ms':>10} {'+ first page ms':>16}")
    for query in QUERIES:
        search, page, count = [], [], 0
        for _ in range(repeat):
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


def ranking(db: Database) -> None:
    """Where the intended patient comes, per kind of query, and the slowest search (ms)."""
    print(f"rank of the intended patient, {SAMPLES} queries of each kind")
    header = ("kind", "patients", "1st", "top 3", "median", "worst", "ms")
    print("{:16} {:17} {:>4} {:>6} {:>7} {:>6} {:>6}".format(*header))
    for kind in KINDS:
        groups = ["anyone"] if kind in ("card", "phone") else ["seen last 7 days"]
        if kind in ("phone_end", "name"):  # a name or 4 digits many patients share
            groups.append("anyone")
        for label in groups:
            ranks, slowest = _ranks(db, kind, recent=label != "anyone")
            worst = max(ranks) if max(ranks) < NOT_FOUND else "none"
            print(
                f"{kind:16} {label:17} {sum(r == 1 for r in ranks):>4}"
                f" {sum(r <= 3 for r in ranks):>6} {statistics.median(ranks):>7.0f}"
                f" {worst:>6} {slowest:>6.1f}"
            )
    print("targets at 100k: card and phone 1st, phone_end top 3 (the patient at the desk)")


def _ranks(db: Database, kind: str, *, recent: bool) -> tuple[list[int], float]:
    """The intended patients' ranks for one kind of query, and the slowest search."""
    ranks, slowest = [], 0.0
    for person in _people(db, recent=recent, card=kind == "card"):
        start = time.perf_counter()
        ids = search_patients(db, KINDS[kind](person))
        slowest = max(slowest, (time.perf_counter() - start) * 1000)
        ranks.append(ids.index(person["id"]) + 1 if person["id"] in ids else NOT_FOUND)
    return ranks, slowest


def _people(db: Database, *, recent: bool, card: bool) -> list[dict]:
    """SAMPLES patients with a mobile (and a card), seen in the last 7 days or anyone."""
    where = "merged_into IS NULL AND archived = 0 AND mobile IS NOT NULL"
    if card:
        where += " AND card_no IS NOT NULL"
    if recent:
        where += (
            " AND id IN (SELECT patient_id FROM charges WHERE date >="
            " (SELECT date(max(date), '-6 days') FROM charges))"
        )
    rows = list(db.query(f"SELECT * FROM patients WHERE {where} ORDER BY id"))
    return random.Random(17).sample(rows, min(SAMPLES, len(rows)))


if __name__ == "__main__":
    main()
