"""``clinicdesk export``: the patient list or the tier list, to .xlsx or CSV."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from clinicdesk.cli.common import Subcommands, Texts, add_clinic_db, add_full_phones, clinic
from clinicdesk.core import i18n


def add(sub: Subcommands, t: Texts) -> None:
    """Declare ``clinicdesk export``."""
    export = sub.add_parser("export", help=t.help("export"), description=t.text("export.about"))
    export.add_argument("what", choices=("patients", "tiers"), help=t.help("export.what"))
    add_clinic_db(export, t)
    export.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help=t.help("export.out")
    )
    add_full_phones(export, t)
    export.set_defaults(run=run)


def run(args: argparse.Namespace, language: str) -> int:
    """Write the list asked for; say how many rows went where."""
    from clinicdesk.core.export import patient_table, tier_table, write_table
    from clinicdesk.core.segmentation import TierParams, clinic_params, run_segmentation

    full = args.full_phones
    with clinic(args.db) as db:
        if args.what == "patients":
            headers, rows = patient_table(db, language, full_phones=full)
        else:
            params = clinic_params(db, TierParams.last_twelve_months(dt.date.today()))
            headers, rows = tier_table(db, run_segmentation(db, params), language, full_phones=full)
    write_table(args.out, headers, rows)
    print(i18n.message("export.done", language, rows=len(rows), path=args.out))
    return 0
