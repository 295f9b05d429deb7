"""What the subcommands share: their texts, option types, the clinic file to work on."""

from __future__ import annotations

import argparse
import configparser
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from clinicdesk import paths
from clinicdesk.core import i18n
from clinicdesk.core.errors import KnownError

if TYPE_CHECKING:
    from sqlite_utils import Database

    from clinicdesk.core.lock import ClinicLock

Subcommands = argparse._SubParsersAction  # what `add_subparsers()` returns


@dataclass(frozen=True)
class Texts:
    """The command line's texts (keys ``cli.*`` of the catalogue) in one language.

    Attributes:
        language: ``zh_CN`` or ``en``.
    """

    language: str

    def text(self, key: str, **params: object) -> str:
        """A description or message, as it is."""
        return i18n.message(f"cli.{key}", self.language, **params)

    def help(self, key: str, **params: object) -> str:
        """An option's help: argparse %-formats those, so a "%" is doubled."""
        return self.text(key, **params).replace("%", "%%")

    def date(self) -> Callable[[str], dt.date]:
        """The type of a YYYY-MM-DD option, refusing anything else in this language."""

        def parse(value: str) -> dt.date:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise argparse.ArgumentTypeError(self.text("bad_date", value=value)) from None

        return parse

    def number(self) -> Callable[[str], int]:
        """The type of a whole-number option, refusing anything else in this language."""

        def parse(value: str) -> int:
            try:
                return int(value)
            except ValueError:
                raise argparse.ArgumentTypeError(self.text("bad_number", value=value)) from None

        return parse


def language_of(argv: Sequence[str]) -> str:
    """The language to speak, known before parsing: ``--lang`` in `argv`, else
    `CLINICDESK_LANG`, else the one chosen in the window's settings, else the system's."""
    for index, arg in enumerate(argv):
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in i18n.LANGUAGES:
            return value
    return i18n.system_language(saved=saved_language())


def saved_language() -> str | None:
    """The language chosen in the window's Settings on this PC (its INI file), if any."""
    settings = configparser.ConfigParser(interpolation=None)
    try:
        settings.read(paths.data_dir() / "window.ini", encoding="utf-8")
    except (OSError, configparser.Error, UnicodeDecodeError):
        return None
    return settings.get("General", "language", fallback=None)


def add_db(parser: argparse.ArgumentParser, help_text: str) -> None:
    """The subcommand's own ``--db`` option."""
    # SUPPRESS: when absent here, a --db given before the subcommand still counts.
    parser.add_argument(
        "--db", type=Path, metavar="PATH", default=argparse.SUPPRESS, help=help_text
    )


def add_full_phones(parser: argparse.ArgumentParser, t: Texts) -> None:
    """``--full-phones``: whole mobile numbers instead of the masked 138****8000."""
    parser.add_argument("--full-phones", action="store_true", help=t.help("full_phones"))


def shown_phone(args: argparse.Namespace) -> Callable[[str | None], str | None]:
    """How the command shows a mobile: masked as the window does, or whole with
    ``--full-phones``."""
    from clinicdesk.core.db.lists import mask_mobile

    return (lambda m: m) if args.full_phones else (lambda m: mask_mobile(m) or None)


def add_clinic_db(parser: argparse.ArgumentParser, t: Texts) -> None:
    """``--db``, the clinic file a subcommand works on (default: the current clinic)."""
    add_db(parser, t.help("db.clinic"))


def existing(path: Path | None) -> Path:
    """The clinic file named, else this PC's current clinic; it must exist (nothing is
    ever created by looking for it).

    Raises:
        KnownError: which file is missing and how to make one.
    """
    if path is not None:
        if not path.exists():
            raise KnownError("db.missing", path=str(path))
        return path
    current = paths.current_clinic()
    if current is None:
        raise KnownError("db.no_current")
    if not current.exists():
        raise KnownError("db.current_missing", path=str(current))
    return current


@contextmanager
def clinic(path: Path | None, *, change: bool = False) -> Iterator[Database]:
    """The existing clinic file at `path`, open for the block, closed after it; SQLite's
    errors in the block (busy, read-only, full, damaged) become messages. To `change`
    it, the block holds the clinic file's lock (refused while the window has it)."""
    from clinicdesk.core.db import open_clinic
    from clinicdesk.core.db.errors import sqlite_errors

    path = existing(path)
    with locked(path if change else None) as lock, sqlite_errors(path):
        db = open_clinic(path, lock=lock)
        try:
            yield db
        finally:
            db.close()


@contextmanager
def locked(path: Path | None) -> Iterator[ClinicLock | None]:
    """Hold the lock of the clinic file at `path` for the block (nothing for None)."""
    if path is None:
        yield None
        return
    from clinicdesk.core.lock import clinic_lock

    with clinic_lock(path) as lock:
        yield lock
