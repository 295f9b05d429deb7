"""The ``clinicdesk`` command: the window, and subcommands for work without it.

Qt is imported only when the window is asked for, so ``clinicdesk demo`` and the other
subcommands run on a machine without a display.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from clinicdesk import __version__, paths
from clinicdesk.core import i18n
from clinicdesk.core.errors import KnownError

if TYPE_CHECKING:
    from sqlite_utils import Database


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``clinicdesk`` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="clinicdesk",
        description="ClinicDesk: patient relationships for small private clinics "
        "(ABC tiers, lapse detection, call lists). Without a subcommand, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"ClinicDesk {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help=f"the clinic file to open (default: {paths.default_clinic_path()})",
    )
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help="language (default: the system's)")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window offscreen on a temporary demo clinic, run the engine, build "
        "the call list, export it, and exit 0 when all worked",
    )
    parser.add_argument(
        "--screenshots",
        type=Path,
        metavar="DIR",
        help="open the window offscreen, save one PNG per tab into DIR, and exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_demo(sub)
    _add_info(sub)
    _add_tiers(sub)
    _add_import(sub)
    _add_export(sub)
    _add_calls(sub)
    _add_backup(sub)
    return parser


def _add_db(parser: argparse.ArgumentParser, help_text: str) -> None:
    # SUPPRESS: when absent here, a --db given before the subcommand still counts.
    parser.add_argument(
        "--db", type=Path, metavar="PATH", default=argparse.SUPPRESS, help=help_text
    )


def _add_demo(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser(
        "demo",
        help="write a realistic demo clinic",
        description="Write a deterministic demo clinic (Chinese names, heavy-tailed spending, "
        "revisit rhythms, referrals, notes, contacts). Never overwrites a real clinic file.",
    )
    demo.add_argument(
        "--patients", type=int, default=2000, metavar="N", help="number of patients (default: 2000)"
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help="random seed; the same seed gives the same clinic (default: 1)",
    )
    _add_db(demo, f"where to write it (default: {paths.default_demo_path()})")
    demo.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="the last day of the demo's history (default: today)",
    )
    demo.add_argument("--open", action="store_true", help="open the window on it afterwards")


def _add_info(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    info = sub.add_parser(
        "info",
        help="show what a clinic file holds",
        description="Show the clinic file's name, schema version and how much it holds.",
    )
    _add_db(info, f"the clinic file (default: {paths.default_clinic_path()})")


def _add_tiers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    tiers = sub.add_parser(
        "tiers",
        help="compute ABC tiers, RFM, lapse and referral influence",
        description="Run the segmentation engine on a clinic file and print a summary: "
        "ABC tiers with their revenue shares, the top-20%% share, the Gini coefficient, "
        "lapse statuses, opinion leaders and RFM segments.",
    )
    _add_db(tiers, f"the clinic file (default: {paths.default_clinic_path()})")
    tiers.add_argument(
        "--from",
        dest="period_from",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="first day of the period (default: 12 months before --to)",
    )
    tiers.add_argument(
        "--to",
        dest="period_to",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="last day of the period (default: today)",
    )
    tiers.add_argument(
        "--measure",
        choices=("revenue", "visits"),
        default="revenue",
        help="rank by net revenue or by distinct visit days (default: revenue)",
    )
    tiers.add_argument(
        "--cutoffs",
        default="70,90",
        metavar="A,B",
        help="cumulative shares where A and B end, in percent, or a preset "
        "70/20/10 or 75/20/5 (default: 70,90)",
    )
    tiers.add_argument(
        "--save", action="store_true", help="save the run, so that the next one shows who moved"
    )
    tiers.add_argument("--json", action="store_true", help="print one JSON object")


def _add_import(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = sub.add_parser(
        "import",
        help="import a billing export (CSV or .xlsx)",
        description="Import a billing export: every row becomes a charge of the patient with "
        "the same card number, else mobile, else name. Rows without a date, an amount or any "
        "identity are not imported and go to a report with the reason. All or nothing; "
        "importing the same rows again adds nothing.",
    )
    imp.add_argument("file", type=Path, metavar="FILE", help="the export (.csv, .txt, .xlsx)")
    _add_db(imp, f"the clinic file (default: {paths.default_clinic_path()})")
    imp.add_argument("--sheet", metavar="NAME", help="the .xlsx sheet (default: the first)")
    imp.add_argument(
        "--encoding",
        metavar="ENC",
        help="the CSV's encoding, e.g. gb18030, utf-8 (default: detected)",
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=field",
        help="map a column to a field (card_no, name, phone, date, item, "
        "category, amount, staff, note) or to ignore; repeatable",
    )
    imp.add_argument(
        "--extra",
        choices=("note", "ignore"),
        default="note",
        help="columns not mapped: keep them in the charge's note (default) or ignore them",
    )
    imp.add_argument(
        "--report",
        type=Path,
        metavar="PATH",
        help="where to write the report of rejected rows and warnings "
        "(default: import-reports/ in the data folder)",
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="read, match and count everything, write nothing"
    )
    imp.add_argument("--json", action="store_true", help="print one JSON object")


def _add_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser(
        "export",
        help="export the patient list or the tier list to CSV or Excel",
        description="Export a list: 'patients' (everyone, with contact data and spend) or "
        "'tiers' (the tier list of the last twelve months, with RFM segment, rhythm and "
        "membership). .xlsx by the file's suffix, else CSV in UTF-8 with BOM for Excel.",
    )
    export.add_argument("what", choices=("patients", "tiers"), help="which list")
    _add_db(export, f"the clinic file (default: {paths.default_clinic_path()})")
    export.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="the file to write (.csv or .xlsx)"
    )


def _add_calls(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    calls = sub.add_parser(
        "calls",
        help="print today's call list",
        description="Print the call list of a day: who to phone, why (recall, care dates, "
        "thanks, reactivation, tier cadence, agreed call-backs) and the script filled in.",
    )
    _add_db(calls, f"the clinic file (default: {paths.default_clinic_path()})")
    calls.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="the day of the list (default: today)",
    )
    calls.add_argument(
        "--staff",
        metavar="NAME",
        help="the list of this staff member (others' claimed patients left out)",
    )
    calls.add_argument(
        "--order",
        choices=("value", "easiest", "owner"),
        default="value",
        help="by value (tier, then revenue), easiest first, or by owner",
    )
    calls.add_argument(
        "--limit", type=int, default=0, metavar="N", help="at most N patients (default: all)"
    )
    calls.add_argument("--json", action="store_true", help="print a JSON list of entries")


def _add_backup(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = sub.add_parser(
        "backup",
        help="back up the clinic file",
        description="Write a checked copy of the clinic file (safe while the window has it "
        "open) into the backups folder, or into --to DIR (a USB drive, say).",
    )
    _add_db(backup, f"the clinic file (default: {paths.default_clinic_path()})")
    backup.add_argument(
        "--to",
        type=Path,
        metavar="DIR",
        help=f"the folder for the copy (default: {paths.backups_dir()})",
    )
    restore = sub.add_parser(
        "restore",
        help="replace the clinic file by a backup",
        description="Check a backup, keep the current clinic file as a backup too, then put "
        "the backup in its place. Close the window first.",
    )
    restore.add_argument("backup", type=Path, metavar="BACKUP", help="the backup file")
    _add_db(restore, f"the clinic file (default: {paths.default_clinic_path()})")
    restore.add_argument("--yes", action="store_true", help="confirm the replacement")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    language = args.lang or i18n.system_language()
    try:
        if args.command == "demo":
            return _demo(args, language)
        if args.command == "info":
            return _info(_existing(args.db), language)
        if args.command == "tiers":
            return _tiers(args, language)
        if args.command == "import":
            return _import(args, language)
        if args.command == "export":
            return _export(args, language)
        if args.command == "calls":
            return _calls(args, language)
        if args.command == "backup":
            from clinicdesk.core.backup import backup

            made = backup(_existing(args.db), args.to or paths.backups_dir())
            print(i18n.message("backup.done", language, path=made))
            return 0
        if args.command == "restore":
            return _restore(args, language)
        if args.self_test:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            from clinicdesk.app import self_test

            return self_test(language)
        if args.screenshots:
            return _screenshots(_existing(args.db), language, args.screenshots)
        return _gui(args.db or paths.default_clinic_path(), args.lang, first_run=args.db is None)
    except KnownError as exc:
        print(exc.message(language), file=sys.stderr)
        return 2


def _existing(path: Path | None) -> Path:
    """The clinic file named (or the default one), which must exist."""
    path = path or paths.default_clinic_path()
    if not path.exists():
        raise KnownError("db.missing", path=str(path))
    return path


@contextmanager
def _clinic(path: Path | None) -> Iterator[Database]:
    """The existing clinic file at `path`, open for the block, closed after it."""
    from clinicdesk.core.db import open_clinic

    db = open_clinic(_existing(path))
    try:
        yield db
    finally:
        db.close()


def _demo(args: argparse.Namespace, language: str) -> int:
    from clinicdesk.core.demo import build_demo, check_target
    from clinicdesk.core.values import format_fen

    path: Path = args.db or paths.default_demo_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    check_target(path, args.patients)
    print(i18n.message("demo.building", language, patients=args.patients), file=sys.stderr)
    summary = build_demo(path, patients=args.patients, seed=args.seed, today=args.today)
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
    return _gui(path, args.lang) if args.open else 0


def _info(path: Path, language: str) -> int:
    from clinicdesk.core.db.clinic import clinic_facts

    if not path.exists():
        raise KnownError("db.missing", path=str(path))
    colon = "：" if language == "zh_CN" else ": "
    for label, value in clinic_facts(path, language):
        print(f"{label}{colon}{value}")
    return 0


def _tiers(args: argparse.Namespace, language: str) -> int:
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
    with _clinic(args.db) as db:
        result = run_segmentation(db, clinic_params(db, tier_params))
        run_id = save_tier_run(db, result) if args.save else None
    if args.json:
        print(json.dumps(summary_json(result, run_id), ensure_ascii=False, indent=2))
    else:
        print(summary_text(result, language, run_id))
    return 0


def _import(args: argparse.Namespace, language: str) -> int:
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
    progress = None if args.json else _progress_printer(language)
    with _clinic(args.db) as db:
        result = import_file(db, args.file, options, progress=progress)
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        from clinicdesk.core.importer.summary import summary_text

        print(summary_text(result, language))
    return 0


def _export(args: argparse.Namespace, language: str) -> int:
    from clinicdesk.core.export import patient_table, tier_table, write_table
    from clinicdesk.core.segmentation import TierParams, clinic_params, run_segmentation

    with _clinic(args.db) as db:
        if args.what == "patients":
            headers, rows = patient_table(db, language)
        else:
            params = clinic_params(db, TierParams.last_twelve_months(dt.date.today()))
            headers, rows = tier_table(db, run_segmentation(db, params), language)
    write_table(args.out, headers, rows)
    print(i18n.message("export.done", language, rows=len(rows), path=args.out))
    return 0


def _calls(args: argparse.Namespace, language: str) -> int:
    import json

    from clinicdesk.core.calls import CallRules, build_call_list, filled_script
    from clinicdesk.core.segmentation import TierParams, clinic_params, run_segmentation

    day = args.date or dt.date.today()
    with _clinic(args.db) as db:
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
        if args.limit:
            entries = entries[: args.limit]
        items = [
            {
                "patient_id": e.patient_id,
                "name": e.name,
                "phone": e.mobile,
                "tier": e.tier,
                "owner": e.owner,
                "reasons": [{"reason": r, "detail": d} for r, d in e.reasons],
                "score": round(e.score, 2),
                "script": filled_script(db, e, language),
            }
            for e in entries
        ]
    if args.json:
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return 0
    print(i18n.message("calls.heading", language, day=day, count=len(entries)))
    for number, (entry, item) in enumerate(zip(entries, items, strict=True), start=1):
        reasons = entry.why(language)
        print(f"{number}. {entry.name}  {entry.mobile}  {entry.tier or '-'}  {reasons}")
        print(f"   {item['script']}")
    return 0


def _restore(args: argparse.Namespace, language: str) -> int:
    from clinicdesk.core.backup import restore

    target = args.db or paths.default_clinic_path()
    if not args.yes:
        print(i18n.message("backup.confirm", language, path=target), file=sys.stderr)
        return 2
    safety = restore(args.backup, target, paths.backups_dir())
    print(i18n.message("backup.restored", language, backup=args.backup, safety=safety))
    return 0


def _progress_printer(language: str) -> Callable[[float, str], None]:
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


def _screenshots(path: Path, language: str, folder: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from clinicdesk.app import screenshots

    return screenshots(path, language, folder)


def _gui(path: Path, lang: str | None, first_run: bool = False) -> int:
    """Open the window; --lang wins over the language chosen in Settings > This PC."""
    from clinicdesk.app import run
    from clinicdesk.ui.main_window import window_settings

    chosen = str(window_settings().value("language", ""))
    return run(path, lang or i18n.system_language(saved=chosen), first_run=first_run)
