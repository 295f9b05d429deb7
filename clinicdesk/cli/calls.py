"""``clinicdesk calls``: the day's call list with the scripts filled in."""

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

    from clinicdesk.core.calls.build import CallEntry


def add(sub: Subcommands, t: Texts) -> None:
    """Declare ``clinicdesk calls``."""
    calls = sub.add_parser("calls", help=t.help("calls"), description=t.text("calls.about"))
    add_clinic_db(calls, t)
    calls.add_argument("--date", type=t.date(), metavar="YYYY-MM-DD", help=t.help("calls.date"))
    calls.add_argument("--staff", metavar="NAME", help=t.help("calls.staff"))
    calls.add_argument(
        "--order",
        choices=("value", "easiest", "owner"),
        default="value",
        help=t.help("calls.order"),
    )
    calls.add_argument(
        "--limit", type=t.number(), default=0, metavar="N", help=t.help("calls.limit")
    )
    calls.add_argument("--json", action="store_true", help=t.help("calls.json"))
    add_full_phones(calls, t)
    calls.set_defaults(run=run)


def run(args: argparse.Namespace, language: str) -> int:
    """Build the day's list; print it (or its JSON)."""
    import json

    day = args.date or dt.date.today()
    with clinic(args.db) as db:
        entries = _entries(db, args, day, language)
        items = _items(db, entries, day, language, shown_phone(args))
    if args.json:
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return 0
    print(i18n.message("calls.heading", language, day=day, count=len(entries)))
    for number, (entry, item) in enumerate(zip(entries, items, strict=True), start=1):
        reasons = entry.why(language)
        print(f"{number}. {entry.name}  {item['phone'] or ''}  {entry.tier or '-'}  {reasons}")
        print(f"   {item['script']}")
    return 0


def _entries(
    db: Database, args: argparse.Namespace, day: dt.date, language: str
) -> list[CallEntry]:
    from clinicdesk.core.calls import CallRules, build_call_list
    from clinicdesk.core.segmentation import TierParams, clinic_params, run_segmentation

    staff_id = None
    if args.staff:
        row = db.execute("SELECT id FROM staff WHERE name = ?", [args.staff]).fetchone()
        if row is None:
            raise KnownError("calls.no_staff", name=args.staff)
        staff_id = row[0]
    result = run_segmentation(db, clinic_params(db, TierParams.last_twelve_months(day)))
    entries = build_call_list(
        db,
        day,
        CallRules.from_clinic(db),
        result,
        staff_id=staff_id,
        order=args.order,
        language=language,
    )
    return entries[: args.limit] if args.limit else entries


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
            "score": round(e.score, 2),
            "script": script.text,
        }
        for e, script in zip(entries, scripts, strict=True)
    ]
