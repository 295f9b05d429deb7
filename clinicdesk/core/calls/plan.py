"""The day's calls as a workload: what must be called, what fits, what waits.

Today's list is every must-call reason open today (call-backs agreed for today or
earlier, appointment confirmations, missed appointments, post-procedure follow-ups, care
dates, thanks) plus, as capacity allows, recalls, reactivation and tier cadence in
priority order (`priority`), up to the calls per caller times the callers working (the
must-calls come on top, as the issue's "今日 52 位（必打 12 · 按优先级 40）" has it). The
rest of what is due is the backlog: counted, never dropped, and ahead of the newly due
as it waits. The forecast says what comes due on each of the next working days.

A reason is open unless a call handled it: a call that reached the patient since it
became due settles a must-call reason; after any call the capacity reasons wait until
the call's next date (a retry after no answer, a snooze after a refusal, the tier's
cadence after a call that reached them, or the date agreed). After `max_unanswered`
unanswered calls in a row a reason is given up: a must-call reason for good, the others
until a cadence later. A patient with an appointment ahead is on no capacity list. The
rules are applied to every reason at once (`workload`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlite_utils import Database

from clinicdesk.core.calls.entry import (
    ORDERS_BEFORE_ENTRIES,
    CallEntry,
    Chosen,
    Context,
    leading,
    make_entries,
    sort_entries,
)
from clinicdesk.core.calls.priority import ValueAtRisk
from clinicdesk.core.calls.rules import CallRules
from clinicdesk.core.calls.state import TIERS, ContactRows
from clinicdesk.core.calls.workload import ForecastDay, Workload
from clinicdesk.core.db.stopping import stopping
from clinicdesk.core.segmentation.engine import SegmentationResult

__all__ = ["CallDay", "ForecastDay", "build_call_list", "plan_calls"]


@dataclass(frozen=True)
class CallDay:
    """The day's list and what it leaves.

    Attributes:
        entries: today's list, the must-call part first, then the priority part (its
            first entries only when `plan_calls` was given a limit).
        capacity: calls per caller times the callers working: the size of the priority
            part (the must-call part comes on top).
        waiting: the patients due for the capacity lists who are not on today's list
            (the backlog), the next in priority first; backlog_by_tier: how many of
            each tier ("-": no tier).
        must_call: how many on today's list must be called today; by_priority: how many
            fill the capacity by priority (both of the whole list, past a limit too).
    """

    day: dt.date
    callers: int
    capacity: int
    entries: list[CallEntry]
    waiting: tuple[int, ...]
    backlog_by_tier: dict[str, int]
    forecast: tuple[ForecastDay, ...]
    must_call: int
    by_priority: int

    @property
    def backlog(self) -> int:
        """How many patients are waiting."""
        return len(self.waiting)


def plan_calls(
    db: Database,
    today: dt.date,
    rules: CallRules,
    result: SegmentationResult,
    *,
    callers: int = 1,
    capacity: int | None = None,
    staff_id: int | None = None,
    show_all: bool = False,
    order: str = "priority",
    language: str = "zh_CN",
    value_at_risk: ValueAtRisk | None = None,
    limit: int | None = None,
    contacts: ContactRows | None = None,
    check: Callable[[], None] = lambda: None,
) -> CallDay:
    """Today's calls for `callers` callers making `capacity` calls each (default: the
    rules' calls per caller); with `staff_id`, the patients others claimed today are left
    out unless `show_all`. The reasons' details are in `language`. With `value_at_risk`
    (from a value run), reactivation is ranked by it (`priority`). With `limit`, only the
    list's first `limit` entries are made (``clinicdesk calls --limit``). `contacts`: the
    contact rows read already (`contacts_for`, in the snapshot `db` reads). `check`: a
    task's cancel check, called between the stages (a second or more at 100,000 patients:
    a build that a newer one replaced, or a closed window's, stops at the next) and
    during the workload's reads (`stopping`)."""
    per_caller = rules.calls_per_caller if capacity is None else capacity
    total = max(per_caller, 0) * max(callers, 0)
    with stopping(db.conn, check):  # its reads stop at a cancel, mid-statement too
        plan = Workload(db, today, rules, result, value_at_risk, contacts, check)
    check()
    must, fits, waiting = plan.split(total)
    check()
    context = Context.of(today, result, language, plan.tiers)
    chosen = plan.chosen(np.concatenate([must, fits]))
    check()
    if staff_id is not None and not show_all:
        others = _claimed_by_others(db, today, staff_id)
        chosen = [c for c in chosen if c.patient_id not in others]
    parts = [c for c in chosen if c.must_call], [c for c in chosen if not c.must_call]
    by_tier = np.bincount(plan.tier[waiting], minlength=len(TIERS))
    return CallDay(
        today,
        callers,
        total,
        _listed(db, parts, context, order, limit),
        tuple(waiting.tolist()),
        {(t or "-"): int(n) for t, n in zip(TIERS, by_tier, strict=True) if n},
        plan.forecast(total, len(waiting)),
        len(parts[0]),
        len(parts[1]),
    )


def _listed(
    db: Database,
    parts: tuple[list[Chosen], list[Chosen]],
    context: Context,
    order: str,
    limit: int | None,
) -> list[CallEntry]:
    """The entries of the must-call part, then of the priority part, each in `order`;
    with `limit`, the first `limit` of them (made for those only when the order does
    not need the entries)."""
    must, others = parts
    if limit is not None and order in ORDERS_BEFORE_ENTRIES:
        must = leading(must, context, order, limit)
        others = leading(others, context, order, limit - len(must))
    entries = make_entries(db, must + others, context)
    listed = sort_entries(entries[: len(must)], order) + sort_entries(entries[len(must) :], order)
    return listed if limit is None else listed[:limit]


def _claimed_by_others(db: Database, today: dt.date, staff_id: int) -> set[int]:
    """The patients another staff member claimed for today's calls."""
    rows = db.execute(
        "SELECT patient_id FROM call_claims WHERE day = ? AND staff_id <> ?",
        [today.isoformat(), staff_id],
    )
    return {r[0] for r in rows}


def build_call_list(
    db: Database, today: dt.date, rules: CallRules, result: SegmentationResult, **options: Any
) -> list[CallEntry]:
    """Today's list: `plan_calls` (with the same options) without the backlog and the
    forecast."""
    return plan_calls(db, today, rules, result, **options).entries
