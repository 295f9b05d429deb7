"""``clinicdesk tiers``: the segmentation engine's summary, as text or JSON."""

from __future__ import annotations

import argparse
import datetime as dt

from clinicdesk.cli.common import Subcommands, Texts, add_clinic_db, clinic


def add(sub: Subcommands, t: Texts) -> None:
    """Declare ``clinicdesk tiers``."""
    tiers = sub.add_parser("tiers", help=t.help("tiers"), description=t.text("tiers.about"))
    add_clinic_db(tiers, t)
    date = {"type": t.date(), "metavar": "YYYY-MM-DD"}
    tiers.add_argument("--from", dest="period_from", help=t.help("tiers.from"), **date)
    tiers.add_argument("--to", dest="period_to", help=t.help("tiers.to"), **date)
    tiers.add_argument(
        "--measure",
        choices=("revenue", "visits"),
        default="revenue",
        help=t.help("tiers.measure"),
    )
    tiers.add_argument("--cutoffs", default="70,90", metavar="A,B", help=t.help("tiers.cutoffs"))
    tiers.add_argument("--save", action="store_true", help=t.help("tiers.save"))
    tiers.add_argument("--json", action="store_true", help=t.help("json"))
    tiers.set_defaults(run=run)


def run(args: argparse.Namespace, language: str) -> int:
    """Run the engine on the period asked for; print its summary (and save the run)."""
    import json

    from clinicdesk.core.segmentation import (
        TierParams,
        clinic_params,
        parse_cutoffs,
        run_segmentation,
        save_tier_run,
    )
    from clinicdesk.core.segmentation.report import summary_json, summary_text

    end = args.period_to or dt.date.today()
    tier_params = TierParams.last_twelve_months(
        end, measure=args.measure, cutoffs=parse_cutoffs(args.cutoffs)
    )
    if args.period_from:
        tier_params = TierParams(args.period_from, end, args.measure, tier_params.cutoffs)
    with clinic(args.db, change=args.save) as db:
        result = run_segmentation(db, clinic_params(db, tier_params))
        run_id = save_tier_run(db, result) if args.save else None
    if args.json:
        print(json.dumps(summary_json(result, run_id), ensure_ascii=False, indent=2))
    else:
        print(summary_text(result, language, run_id))
    return 0
