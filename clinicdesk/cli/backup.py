"""``clinicdesk backup`` and ``clinicdesk restore``: checked copies of the clinic file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clinicdesk import paths
from clinicdesk.cli.common import Subcommands, Texts, add_clinic_db, existing, locked
from clinicdesk.core import i18n


def add(sub: Subcommands, t: Texts) -> None:
    """Declare ``clinicdesk backup`` and ``clinicdesk restore``."""
    backup = sub.add_parser("backup", help=t.help("backup"), description=t.text("backup.about"))
    add_clinic_db(backup, t)
    backup.add_argument(
        "--to", type=Path, metavar="DIR", help=t.help("backup.to", path=paths.backups_dir())
    )
    backup.set_defaults(run=run_backup)
    restore = sub.add_parser("restore", help=t.help("restore"), description=t.text("restore.about"))
    restore.add_argument("backup", type=Path, metavar="BACKUP", help=t.help("restore.backup"))
    add_clinic_db(restore, t)
    restore.add_argument("--yes", action="store_true", help=t.help("restore.yes"))
    restore.set_defaults(run=run_restore)


def run_backup(args: argparse.Namespace, language: str) -> int:
    """Write a checked copy of the clinic file; say where."""
    from clinicdesk.core.backup import backup

    made = backup(existing(args.db), args.to or paths.backups_dir())
    print(i18n.message("backup.done", language, path=made))
    return 0


def run_restore(args: argparse.Namespace, language: str) -> int:
    """Put a checked backup in the clinic file's place (only with ``--yes``)."""
    from clinicdesk.core.backup import restore
    from clinicdesk.core.db.check import check_clinic_file

    target = args.db or paths.current_clinic() or paths.new_clinic_path()
    if not args.yes:
        print(check_clinic_file(args.backup).summary(language), file=sys.stderr)
        print(i18n.message("backup.confirm", language, path=target), file=sys.stderr)
        return 2
    with locked(target):
        safety, facts = restore(args.backup, target, paths.backups_dir())
    print(facts.summary(language))
    print(i18n.message("backup.restored", language, backup=args.backup, safety=safety))
    return 0
