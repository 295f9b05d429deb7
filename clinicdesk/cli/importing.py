"""``clinicdesk import``: a billing export into the clinic file, all or nothing."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from clinicdesk import paths
from clinicdesk.cli.common import Subcommands, Texts, add_clinic_db, clinic
from clinicdesk.core import i18n

# The fields --map accepts (clinicdesk.core.importer.columns.FIELDS; importing that
# module to build the parser would load the whole importer).
MAP_FIELDS = "card_no, name, phone, date, item, category, amount, staff, note"


def add(sub: Subcommands, t: Texts) -> None:
    """Declare ``clinicdesk import``."""
    imp = sub.add_parser("import", help=t.help("import"), description=t.text("import.about"))
    imp.add_argument("file", type=Path, metavar="FILE", help=t.help("import.file"))
    add_clinic_db(imp, t)
    imp.add_argument("--sheet", metavar="NAME", help=t.help("import.sheet"))
    imp.add_argument("--encoding", metavar="ENC", help=t.help("import.encoding"))
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=field",
        help=t.help("import.map", fields=MAP_FIELDS),
    )
    imp.add_argument(
        "--extra", choices=("note", "ignore"), default="note", help=t.help("import.extra")
    )
    imp.add_argument("--report", type=Path, metavar="PATH", help=t.help("import.report"))
    imp.add_argument("--dry-run", action="store_true", help=t.help("import.dry_run"))
    imp.add_argument("--json", action="store_true", help=t.help("json"))
    imp.set_defaults(run=run)


def run(args: argparse.Namespace, language: str) -> int:
    """Import the file; print the summary (or the JSON of the result)."""
    import json

    from clinicdesk.core.importer import ImportOptions, import_file, parse_overrides

    report = args.report or paths.import_report_path(args.file.stem)
    options = ImportOptions(
        encoding=args.encoding,
        sheet=args.sheet,
        overrides=parse_overrides(args.map),
        keep_extra=args.extra == "note",
        dry_run=args.dry_run,
        report_path=report,
        language=language,
    )
    progress = None if args.json else progress_printer(language)
    with clinic(args.db, change=not args.dry_run) as db:
        result = import_file(db, args.file, options, progress=progress)
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        from clinicdesk.core.importer.summary import summary_text

        print(summary_text(result, language))
    return 0


def progress_printer(language: str) -> Callable[[float, str], None]:
    """A progress callback printing "Importing… N%" on stderr at every tenth."""
    last = [-1]

    def show(fraction: float, _stage: str) -> None:
        percent = int(fraction * 100) // 10 * 10
        if percent != last[0]:
            last[0] = percent
            print(
                i18n.message("import.progress", language, percent=percent),
                file=sys.stderr,
                flush=True,
            )

    return show
