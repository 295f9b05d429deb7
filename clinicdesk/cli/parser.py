"""The argument parser, in the user's language: help texts and argparse's own messages.

argparse passes its own strings ("usage: ", "options", "the following arguments are
required: %s"...) through the module-level functions ``argparse._`` and
``argparse.ngettext``. `Parser` swaps them for the catalogue's while it builds, parses or
formats, and puts them back afterwards, so other parsers in the process are untouched.
A string argparse adds in a later Python stays English until the catalogue has it (the
Chinese help test notices).
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn, Protocol

from clinicdesk.cli import (
    backup,
    calls,
    demo,
    export,
    importing,
    info,
    new,
    search,
    tiers,
    value,
    window,
)
from clinicdesk.cli.common import Subcommands, Texts
from clinicdesk.cli.formatter import Formatter
from clinicdesk.core import i18n


class Command(Protocol):
    """A subcommand's module: `add` declares its parser and sets ``run`` as its default."""

    def add(self, sub: Subcommands, t: Texts) -> None: ...


# The subcommands, in the order `clinicdesk --help` lists them.
COMMANDS: tuple[Command, ...] = (
    new,
    demo,
    info,
    tiers,
    importing,
    export,
    calls,
    backup,
    search,
    value,
)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """argparse's own strings in `language` for the block."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def gettext(text: str) -> str:
        return i18n.argparse_text(text, language)

    def ngettext(singular: str, plural: str, count: int) -> str:
        return gettext(singular if count == 1 else plural)

    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def _spoken(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: Parser, *args: Any, **kwargs: Any) -> Any:
        with speaking(self.language):
            return method(self, *args, **kwargs)

    return wrapper


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help and errors are in `language`.

    Attributes:
        language: ``zh_CN`` or ``en``.
    """

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        self.language = language
        kwargs.setdefault("formatter_class", Formatter)
        with speaking(language):
            super().__init__(*args, **kwargs)

    parse_args = _spoken(argparse.ArgumentParser.parse_args)
    parse_known_args = _spoken(argparse.ArgumentParser.parse_known_args)
    format_usage = _spoken(argparse.ArgumentParser.format_usage)
    format_help = _spoken(argparse.ArgumentParser.format_help)

    def error(self, message: str) -> NoReturn:
        """Print the usage and `message` in this parser's language; exit 2."""
        with speaking(self.language):
            super().error(message)

    def add_subparsers(self, **kwargs: Any) -> Any:
        """Subcommands speak this parser's language too."""
        kwargs.setdefault("parser_class", functools.partial(Parser, language=self.language))
        return super().add_subparsers(**kwargs)


def build_parser(language: str | None = None) -> Parser:
    """The parser of ``clinicdesk`` and its subcommands, in `language` (default: the
    system's)."""
    t = Texts(language or i18n.system_language())
    parser = Parser(prog="clinicdesk", description=t.text("about"), language=t.language)
    window.add_options(parser, t)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add(sub, t)
    return parser


def parse(argv: Sequence[str] | None, language: str) -> argparse.Namespace:
    """`argv` parsed in `language` (usage errors and ``--help`` exit here)."""
    return build_parser(language).parse_args(argv)
