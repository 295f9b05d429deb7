"""Thirty working days of calls on a demo clinic, through the real core functions.

    python3 benchmarks/sim_call_days.py [--patients 2000] [--callers 2] [--days 30]
                                        [--seed 1] [--db PATH]

On a copy of the demo clinic (or `--db`, copied), every working day from the demo's
day: the engine runs as of that day, `plan_calls` makes the day's list for `--callers`
callers (40 calls each by priority, the must-calls on top), and the callers work the
whole list, logging each call with `log_outcome` (a booking with every "booked"). The
day's appointments then happen: attended ones are charged (so the patient is no longer
due), the others are no-shows. Figures printed, not a timed test.

The answer model (stated, seeded): a call is answered with probability A 0.75, B 0.65,
C 0.55, no tier 0.45; answered, 1% is a wrong number and 0.5% asks never to be called
again; of the rest, a capacity call (recall, reactivation, cadence) books with A 0.35,
B 0.25, C 0.15, no tier 0.10 and is declined with 0.15, a must-call books with 0.10;
the others are "reached". A booking is for 3 to 10 days ahead; a confirmed appointment
is attended with 0.92, an unconfirmed one with 0.85, else it is a no-show.

Per day: the list, its must-call part, the backlog, the calls made. At the end, per
tier, the longest wait of any due patient (from the day they were first due in the
simulation, the first day for those already due then, to their call, or to the end for
those still waiting) against the tier's cadence + 14 days, and the share of A and B
patients called within their cadence of being due (those whose cadence had not run out
by the end without a call are left out). Targets (issue 16, 2,000 patients): the list at
most the must-calls + 40 per caller, the backlog falling, no wait over cadence + 14
days, at least 90% of A patients called within their cadence.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _clinic import TODAY, demo_clinic  # noqa: E402

from clinicdesk.core.calls import Booking, CallEntry, CallRules, log_outcome, plan_calls  # noqa: E402
from clinicdesk.core.calls.rules import AS_CAPACITY_ALLOWS  # noqa: E402
from clinicdesk.core.db import open_clinic  # noqa: E402
from clinicdesk.core.db.appointments import set_status  # noqa: E402
from clinicdesk.core.db.clinic import add_staff, list_staff  # noqa: E402
from clinicdesk.core.db.records import add_charge  # noqa: E402
from clinicdesk.core.segmentation import TierParams, clinic_params, run_segmentation  # noqa: E402

ANSWERS = {"A": 0.75, "B": 0.65, "C": 0.55, None: 0.45}
BOOKS = {"A": 0.35, "B": 0.25, "C": 0.15, None: 0.10}
DECLINES = 0.15
MUST_BOOKS = 0.10
ATTENDS = {"confirmed": 0.92, "booked": 0.85}
VISIT_FEN = 39800  # what an attended appointment is charged


@dataclass
class Waits:
    """When each due patient became due, and how long the called ones waited."""

    since: dict[int, tuple[dt.date, str]] = field(default_factory=dict)  # pid -> (day, tier)
    waited: list[tuple[str, int]] = field(default_factory=list)  # (tier, days)
    within: Counter[tuple[str, bool]] = field(default_factory=Counter)  # (tier, in cadence)
    settled: int = 0  # no longer due without a call (came in, booked, rules changed)

    def today(self, due: dict[int, str], day: dt.date) -> None:
        """The patients due today (listed or waiting), with their tiers."""
        for pid in [p for p in self.since if p not in due]:
            del self.since[pid]
            self.settled += 1
        for pid, tier in due.items():
            self.since.setdefault(pid, (day, tier))

    def called(self, pid: int, day: dt.date, rules: CallRules) -> None:
        if pid in self.since:
            first, tier = self.since.pop(pid)
            days = (day - first).days
            self.waited.append((tier, days))
            self.within[tier, days <= rules.cadence(_tier(tier))] += 1

    def close(self, day: dt.date, rules: CallRules) -> None:
        """The patients still waiting at the end: their wait so far; past their cadence,
        they were not called within it."""
        for first, tier in self.since.values():
            days = (day - first).days
            self.waited.append((tier, days))
            if days > rules.cadence(_tier(tier)):
                self.within[tier, False] += 1


def _tier(label: str) -> str | None:
    return None if label == "-" else label


def main() -> None:
    args = _arguments()
    path = Path(tempfile.gettempdir()) / f"clinicdesk-sim-{args.patients}.db"
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)  # a run stopped half-way leaves its log behind
    shutil.copy(args.db or demo_clinic(args.patients), path)
    path.chmod(0o644)
    db = open_clinic(path)
    # A throwaway copy: no fsync per call (thousands of one-call transactions a day).
    db.execute("PRAGMA synchronous = OFF")
    rules, rng = CallRules.from_clinic(db), random.Random(args.seed)
    callers = _callers(db, args.callers)
    waits = Waits()
    print(f"{args.patients:,} patients, {args.callers} callers, {args.days} working days "
          f"from {TODAY}; seed {args.seed}")  # fmt: skip
    print(f"{'day':<12}{'list':>6}{'must':>6}{'by prio':>8}{'backlog':>9}{'calls':>7}"
          f"{'booked':>8}{'seconds':>9}")  # fmt: skip
    day = TODAY
    for _ in range(args.days):
        started = time.perf_counter()
        _appointments_happen(db, day, rng)
        result = run_segmentation(db, clinic_params(db, TierParams.last_twelve_months(day)))
        plan = plan_calls(db, day, rules, result, callers=args.callers)
        tiers = {r.patient_id: r.tier for r in result.tiers.rows}
        due = (*(e.patient_id for e in plan.entries), *plan.waiting)
        waits.today({pid: tiers.get(pid) or "-" for pid in due}, day)
        booked = _work(db, plan.entries, day, rules, callers, rng, waits)
        print(f"{day.isoformat():<12}{len(plan.entries):>6}{plan.must_call:>6}"
              f"{plan.by_priority:>8}{plan.backlog:>9,}{len(plan.entries):>7}{booked:>8}"
              f"{time.perf_counter() - started:>9.1f}")  # fmt: skip
        day = rules.next_working_day(day)
    waits.close(day, rules)
    _report(waits, rules)
    db.close()


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Thirty working days of calls.")
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--callers", type=int, default=2)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", type=Path, help="a clinic file to copy instead of the demo")
    return parser.parse_args()


def _callers(db, count: int) -> list[int]:
    """The callers' staff ids: the clinic's consultants, then as many more as needed."""
    ids = [s.id for s in list_staff(db) if s.role == "consultant"][:count]
    while len(ids) < count:
        ids.append(add_staff(db, f"回访员{len(ids) + 1}"))
    return ids


def _work(db, entries: list[CallEntry], day: dt.date, rules: CallRules, callers: list[int],
          rng: random.Random, waits: Waits) -> int:  # fmt: skip
    """Every entry called, by the callers in turn; returns how many booked."""
    booked = 0
    for n, entry in enumerate(entries):
        outcome = _outcome(entry, rng)
        booking = _booking(entry, day, rules, rng) if outcome == "booked" else None
        at = dt.time(9 + n * 8 // max(len(entries), 1), rng.randrange(60))
        log_outcome(db, entry, outcome, rules, today=day, caller_id=callers[n % len(callers)],
                    at=at, booking=booking)  # fmt: skip
        waits.called(entry.patient_id, day, rules)
        booked += outcome == "booked"
    return booked


def _outcome(entry: CallEntry, rng: random.Random) -> str:
    if rng.random() >= ANSWERS.get(entry.tier, ANSWERS[None]):
        return "no_answer"
    odd = rng.random()
    if odd < 0.01:
        return "wrong_number"
    if odd < 0.015:
        return "do_not_call"
    if entry.reason in ("confirm", "no_show") or entry.reason not in AS_CAPACITY_ALLOWS:
        return "booked" if entry.reason != "confirm" and rng.random() < MUST_BOOKS else "reached"
    draw = rng.random()
    books = BOOKS.get(entry.tier, BOOKS[None])
    return "booked" if draw < books else "declined" if draw < books + DECLINES else "reached"


def _booking(entry: CallEntry, day: dt.date, rules: CallRules, rng: random.Random) -> Booking:
    when = day + dt.timedelta(days=rng.randint(3, 10))
    while not rules.is_working_day(when):
        when += dt.timedelta(days=1)
    return Booking(f"{when} {rng.randint(9, 17):02d}:00", entry.last_item or "复查")


def _appointments_happen(db, day: dt.date, rng: random.Random) -> None:
    """The open appointments before `day` happen: attended (and charged) or missed."""
    rows = db.execute(
        "SELECT id, patient_id, starts_at, item, status FROM appointments"
        " WHERE starts_at < ? AND status IN ('booked', 'confirmed')",
        [day.isoformat()],
    ).fetchall()
    for aid, pid, starts_at, item, status in rows:
        if rng.random() < ATTENDS[status]:
            set_status(db, aid, "attended")
            add_charge(db, pid, date=starts_at[:10], item=item, amount_fen=VISIT_FEN)
        else:
            set_status(db, aid, "no_show")


def _report(waits: Waits, rules: CallRules) -> None:
    print(f"no longer due without a call: {waits.settled:,}")
    print("longest wait of any due patient, per tier (days; limit: cadence + 14):")
    for tier in ("A", "B", "C", "-"):
        days = [d for t, d in waits.waited if t == tier]
        limit = rules.cadence(_tier(tier)) + 14
        if days:
            print(f"  {tier}: {max(days)} (limit {limit}; {len(days):,} waits)")
    for tier in ("A", "B"):
        yes, no = waits.within[tier, True], waits.within[tier, False]
        if yes + no:
            print(f"  {tier} called within their cadence: {yes / (yes + no):.1%} "
                  f"({yes:,} of {yes + no:,})")  # fmt: skip


if __name__ == "__main__":
    main()
