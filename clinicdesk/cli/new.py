"""``clinicdesk new``: an empty clinic, as the window's first start creates one."""

from __future__ import annotations

import argparse
from pathlib import Path

from clinicdesk import paths
from clinicdesk.cli.common import Subcommands, Texts, add_db
from clinicdesk.core import i18n


def add(sub: Subcommands, t: Texts) -> None:
    """Declare ``clinicdesk new``."""
    new = sub.add_parser("new", help=t.help("new"), description=t.text("new.about"))
    add_db(new, t.help("new.db", path=paths.default_clinic_path()))
    new.add_argument("--name", required=True, metavar="NAME", help=t.help("new.name"))
    new.add_argument("--staff", default="", metavar="A,B,…", help=t.help("new.staff"))
    new.set_defaults(run=run)


def run(args: argparse.Namespace, language: str) -> int:
    """Create the clinic file and make it this PC's current clinic."""
    from clinicdesk.core.db.clinic import create_clinic
    from clinicdesk.core.private import private_folder

    path: Path = args.db or paths.new_clinic_path()
    if args.db is None:
        private_folder(path.parent)
    create_clinic(path, args.name, args.staff)
    paths.remember_clinic(path)
    print(i18n.message("new.done", language, name=args.name.strip(), path=path.resolve()))
    return 0
