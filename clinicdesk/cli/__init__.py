"""The ``clinicdesk`` command: the window, and subcommands for work without it.

Qt is imported only when the window is asked for, so ``clinicdesk demo`` and the other
subcommands run on a machine without a display. Each subcommand is a module here with
``add(sub, t)`` (its parser, help from the catalogue) and ``run(args, language)``;
`parser.COMMANDS` lists them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from clinicdesk import paths
from clinicdesk.cli import window
from clinicdesk.cli.common import language_of
from clinicdesk.cli.parser import build_parser, parse
from clinicdesk.core.errors import KnownError

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    language = language_of(sys.argv[1:] if argv is None else argv)
    args = parse(argv, language)
    try:
        _remove_stale_copies(getattr(args, "db", None))
        if args.command:
            status: int = args.run(args, language)
            return status
        return window.run(args, language)
    except KnownError as exc:
        print(exc.message(language), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return _reader_gone()


def _reader_gone() -> int:
    """The output's reader went away (``clinicdesk calls | head``): stop quietly. Python
    would report the pipe again while flushing stdout at exit, so stdout is pointed at
    the null device first (the recipe of Python's `signal` documentation)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 1


def _remove_stale_copies(db: Path | None) -> None:
    """The unfinished copies a killed backup or restore left behind hold patient data."""
    from clinicdesk.core.backup import remove_stale_copies

    clinic = db or paths.current_clinic() or paths.default_clinic_path()
    remove_stale_copies(paths.backups_dir(), clinic.parent)
