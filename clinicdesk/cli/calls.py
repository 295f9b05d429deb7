"""``clinicdesk calls``: the day's call list, its must-call and priority parts, the backlog."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from clinicdesk.cli.common import (
    Subcommands,
    Texts,
    add_clinic_db,
    add_full_phones,
    clinic,
    shown_phone,
)
from clinicdesk.core import i18n
from clinicdesk.core.errors import KnownError

if TYPE_CHECKING:
    from sqlite_utils import Database

    from clinicdesk.core.calls import CallDay, CallEntry


def add(sub: Subcommands, t: Texts) -> None:
    """Declare ``clinicdesk calls``."""
    calls = sub.add_parser("calls", help=t.help("calls"), description=t.text("calls.about"))
    add_clinic_db(calls, t)
    calls.add_argument("--date", type=t.date(), metavar="YYYY-MM-DD", help=t.help("calls.date"))
    calls.add_argument("--staff", metavar="NAME", help=t.help("calls.staff"))
    calls.add_argument("--capacity", type=t.number(), metavar="N", help=t.help("calls.capacity"))
    calls.add_argument(
        "--callers", type=t.number(), default=1, metavar="K", help=t.help("calls.callers")
    )
    calls.add_argument(
        "--order",
        choices=("priority", "value", "easiest", "owner"),
        default="priority",
        help=t.help("calls.order"),
    )
    calls.add_argument(
        "--limit", type=t.number(), default=0, metavar="N", help=t.help("calls.limit")
    )
    calls.add_argument("--json", action="store_true", help=t.help("calls.json"))
    add_full_phones(calls, t)
    calls.set_defaults(run=run)


def run(args: argparse.Namespace, language: str) -> int:
    """Plan the day's calls; print them (or their JSON)."""
    import json

    for option, value, least in (("--capacity", args.capacity, 0), ("--callers", args.callers, 1)):
        if value is not None and value < least:
            raise KnownError("calls.bad_count", option=option, value=value, least=least)
    day = args.date or dt.date.today()
    with clinic(args.db) as db:
        plan = _plan(db, args, day, language)
        items = _items(db, plan.entries, day, language, shown_phone(args))
    if args.json:
        print(json.dumps(_document(plan, items), ensure_ascii=False, indent=2))
        return 0
    _print(plan, plan.entries, items, language)
    return 0


def _plan(db: Database, args: argparse.Namespace, day: dt.date, language: str) -> CallDay:
    from clinicdesk.core.calls import CallRules, contacts_for, plan_calls
    from clinicdesk.core.segmentation import TierParams, clinic_params, run_segmentation
    from clinicdesk.core.segmentation.beside import one_snapshot

    staff_id = None
    if args.staff:
        row = db.execute("SELECT id FROM staff WHERE name = ?", [args.staff]).fetchone()
        if row is None:
            raise KnownError("calls.no_staff", name=args.staff)
        staff_id = row[0]
    rules = CallRules.from_clinic(db)
    params = clinic_params(db, TierParams.last_twelve_months(day))
    # The engine and the list read one snapshot; a second reader reads the contact log
    # (then part of the charges) meanwhile.
    with one_snapshot(db) as other:
        contacts = other.submit(lambda conn: contacts_for(conn, day, rules)) if other else None
        result = run_segmentation(db, params, other=other)
        return plan_calls(
            db,
            day,
            rules,
            result,
            callers=args.callers,
            capacity=args.capacity,
            staff_id=staff_id,
            order=args.order,
            language=language,
            limit=args.limit or None,
            contacts=contacts.result() if contacts else None,
        )


def _print(
    plan: CallDay, entries: list[CallEntry], items: list[dict[str, Any]], language: str
) -> None:
    t = lambda key, **kw: i18n.message(key, language, **kw)  # noqa: E731
    must, others = plan.must_call, plan.by_priority
    print(t("calls.heading", day=plan.day, count=must + others, must=must, priority=others,
            backlog=plan.backlog))  # fmt: skip
    part = None
    for number, (entry, item) in enumerate(zip(entries, items, strict=True), start=1):
        if entry.must_call != part:
            part = entry.must_call
            count = plan.must_call if part else plan.by_priority
            print(t("calls.part.must" if part else "calls.part.priority", count=count))
        tries = t("calls.tries", tries=entry.tries, last=entry.last_try) if entry.tries else ""
        print(f"{number}. {entry.name}  {item['phone'] or ''}  {entry.tier or '-'}  "
              f"{entry.why(language)}{tries}")  # fmt: skip
        print(f"   {item['script']}")


def _document(plan: CallDay, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "day": plan.day.isoformat(),
        "callers": plan.callers,
        "capacity": plan.capacity,
        "backlog": plan.backlog,
        "backlog_by_tier": plan.backlog_by_tier,
        "forecast": [
            {
                "day": f.day.isoformat(),
                "must_call": f.must_call,
                "newly_due": f.newly_due,
                "backlog": f.backlog,
                "capacity": f.capacity,
            }
            for f in plan.forecast
        ],  # fmt: skip
        "entries": items,
    }


def _items(
    db: Database,
    entries: list[CallEntry],
    day: dt.date,
    language: str,
    phone: Callable[[str | None], str | None],
) -> list[dict[str, Any]]:
    from clinicdesk.core.calls import filled_scripts

    scripts = filled_scripts(db, entries, language, today=day)
    return [
        {
            "patient_id": e.patient_id,
            "name": e.name,
            "phone": phone(e.mobile),
            "tier": e.tier,
            "owner": e.owner,
            "reasons": [{"reason": r, "detail": d} for r, d in e.reasons],
            "must_call": e.must_call,
            "priority": e.priority.score,
            "tries": e.tries,
            "last_try": e.last_try,
            "score": round(e.score, 2),
            "script": script.text,
        }
        for e, script in zip(entries, scripts, strict=True)
    ]
