"""``clinicdesk demo``: write a demo clinic (and open the window on it)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clinicdesk import paths
from clinicdesk.cli import window
from clinicdesk.cli.common import Subcommands, Texts, add_db, locked
from clinicdesk.core import i18n


def add(sub: Subcommands, t: Texts) -> None:
    """Declare ``clinicdesk demo``."""
    demo = sub.add_parser("demo", help=t.help("demo"), description=t.text("demo.about"))
    demo.add_argument(
        "--patients", type=t.number(), default=2000, metavar="N", help=t.help("demo.patients")
    )
    demo.add_argument("--seed", type=t.number(), default=1, metavar="S", help=t.help("demo.seed"))
    add_db(demo, t.help("demo.db", path=paths.default_demo_path()))
    demo.add_argument("--today", type=t.date(), metavar="YYYY-MM-DD", help=t.help("demo.today"))
    demo.add_argument("--open", action="store_true", help=t.help("demo.open"))
    demo.set_defaults(run=run)


def run(args: argparse.Namespace, language: str) -> int:
    """Build the demo clinic; open the window on it with ``--open``."""
    from clinicdesk.core.demo import build_demo, check_target
    from clinicdesk.core.private import private_folder
    from clinicdesk.core.values import format_fen

    path: Path = args.db or paths.default_demo_path()
    private_folder(path.parent)
    check_target(path, args.patients)
    print(i18n.message("demo.building", language, patients=args.patients), file=sys.stderr)
    with locked(path):
        summary = build_demo(path, patients=args.patients, seed=args.seed, today=args.today)
    paths.remember_clinic(path)
    print(
        i18n.message(
            "demo.done",
            language,
            path=summary.path,
            patients=summary.patients,
            charges=f"{summary.charges:,}",
            revenue=format_fen(summary.revenue_fen),
            seconds=summary.seconds,
        )
    )
    return window.open_window(path, language) if args.open else 0
