"""``clinicdesk value``: who will come back and what each patient is worth."""

from __future__ import annotations

import argparse
import datetime as dt

from clinicdesk.cli.common import Subcommands, Texts, add_clinic_db, clinic


def add(sub: Subcommands, t: Texts) -> None:
    """Declare ``clinicdesk value``."""
    value = sub.add_parser("value", help=t.help("value"), description=t.text("value.about"))
    add_clinic_db(value, t)
    value.add_argument("--to", type=t.date(), metavar="YYYY-MM-DD", help=t.help("value.to"))
    value.add_argument(
        "--horizon-months", type=t.number(), metavar="N", help=t.help("value.horizon")
    )
    value.add_argument("--json", action="store_true", help=t.help("json"))
    value.set_defaults(run=run)


def run(args: argparse.Namespace, language: str) -> int:
    """Fit the models on the history up to --to; print their summary or JSON."""
    import json

    from clinicdesk.core.value.params import clinic_value_params
    from clinicdesk.core.value.report import top_names, value_json, value_text
    from clinicdesk.core.value.service import run_value

    with clinic(args.db) as db:
        params = clinic_value_params(
            db, args.to or dt.date.today(), horizon_months=args.horizon_months
        )
        result = run_value(db, params)
        names = top_names(db, result)
    if args.json:
        print(json.dumps(value_json(result, names), ensure_ascii=False, indent=2))
    else:
        print(value_text(result, language, names))
    return 0
