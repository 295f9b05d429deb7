"""``clinicdesk info``: what a clinic file holds (read only)."""

from __future__ import annotations

import argparse

from clinicdesk import paths
from clinicdesk.cli.common import Subcommands, Texts, add_clinic_db, existing
from clinicdesk.core import i18n

_YES_NO = {True: "yes", False: "no"}


def add(sub: Subcommands, t: Texts) -> None:
    """Declare ``clinicdesk info``."""
    info = sub.add_parser("info", help=t.help("info"), description=t.text("info.about"))
    add_clinic_db(info, t)
    info.set_defaults(run=run)


def run(args: argparse.Namespace, language: str) -> int:
    """Print the clinic file's facts, one labelled line each."""
    from clinicdesk.core.db.clinic import clinic_facts

    path = existing(args.db)
    current = paths.current_clinic()
    is_current = current is not None and current.resolve() == path.resolve()
    facts = [
        *clinic_facts(path, language),
        (
            i18n.message("info.current", language),
            i18n.message(f"info.{_YES_NO[is_current]}", language),
        ),
    ]
    colon = "：" if language == "zh_CN" else ": "
    for label, value in facts:
        print(f"{label}{colon}{value}")
    return 0
