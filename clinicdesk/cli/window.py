"""``clinicdesk`` without a subcommand: the window, its screenshots and its self-test."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from clinicdesk import __version__, paths
from clinicdesk.cli.common import Texts, existing
from clinicdesk.core import i18n


def add_options(parser: argparse.ArgumentParser, t: Texts) -> None:
    """The options of the bare command (the window's)."""
    parser.add_argument(
        "--version", action="version", version=f"ClinicDesk {__version__}", help=t.help("version")
    )
    parser.add_argument("--db", type=Path, metavar="PATH", help=t.help("db"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=t.help("lang"))
    parser.add_argument("--self-test", action="store_true", help=t.help("self_test"))
    parser.add_argument("--screenshots", type=Path, metavar="DIR", help=t.help("screenshots"))


def run(args: argparse.Namespace, language: str) -> int:
    """Open the window (or take its screenshots, or run its self-test)."""
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _preflight()
        from clinicdesk.app import self_test

        return self_test(language)
    if args.screenshots:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _preflight()
        from clinicdesk.app import screenshots

        return screenshots(existing(args.db), language, args.screenshots)
    if args.db is not None:
        return open_window(args.db, language)
    current = paths.current_clinic()
    if current is not None and current.exists():
        return open_window(current, language)
    return open_window(paths.new_clinic_path(), language, missing=current)


def open_window(path: Path, language: str, missing: Path | None = None) -> int:
    """Open the window on `path` in `language` (the first start's choice when `path` does
    not exist); returns the exit status."""
    _preflight()
    from clinicdesk.app import run as run_app

    return run_app(path, language, missing=missing)


def _preflight() -> None:
    """Refuse, with the packages to install, a start that Qt would abort (exit 134).

    Raises:
        KnownError: a library of Qt's platform plugin is missing, or there is no screen.
    """
    from clinicdesk.preflight import check

    problem = check()
    if problem is not None:
        raise problem
