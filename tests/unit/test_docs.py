"""The README documents every command and option (Datasette's docs test)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from clinicdesk.cli import build_parser

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def _options(parser: argparse.ArgumentParser, prefix: str = "") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"clinicdesk {name}")
                found += _options(sub, name)
        else:
            found += [
                f"{prefix} {o}".strip()
                for o in action.option_strings
                if o.startswith("--") and o not in ("--help", "--version")
            ]
    return found


def _row(command: str) -> str:
    """The README's table row of `clinicdesk <command>` (the bare command's for "")."""
    start = f"| `clinicdesk {command}".rstrip() + (" " if command else " [")
    rows = [line for line in README.splitlines() if line.startswith(start)]
    assert rows, f"README has no row for clinicdesk {command}"
    return rows[0]


@pytest.mark.parametrize("option", _options(build_parser()))
def test_readme_documents(option):
    if option.startswith("clinicdesk "):
        assert _row(option.removeprefix("clinicdesk "))
        return
    command, _, flag = option.rpartition(" ")
    assert flag in _row(command), f"README does not document {option}"


def test_readme_quick_start_has_exactly_two_commands():
    quick = README.split("## Quick start")[1].split("\n## ")[0]
    blocks = quick.split("```")[1::2]
    commands = [line for b in blocks for line in b.splitlines()[1:] if line.strip()]
    assert len(commands) == 2


def test_ci_runs_the_readme_test_command():
    quick = README.split("## Quick start")[1].split("\n## ")[0]
    test_command = quick.split("```")[3].strip()
    ci = (Path(__file__).parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def _linux_packages() -> list[list[str]]:
    section = README.split("## On Linux")[1].split("\n## ")[0]
    block = section.split("```")[1]
    prefix = "sudo apt-get install "
    return [line.removeprefix(prefix).split() for line in block.splitlines() if prefix in line]


def test_the_linux_libraries_come_before_the_quick_start():
    assert README.index("## On Linux") < README.index("## Quick start")


def test_ci_installs_the_readmes_libraries_for_qt_offscreen():
    ci = (Path(__file__).parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    line = next(line for line in ci.splitlines() if line.startswith("QT_LIBS=("))
    assert line.removeprefix("QT_LIBS=(").removesuffix(")").split() == _linux_packages()[0]


def test_the_readmes_linux_packages_are_those_the_pre_flight_names():
    from clinicdesk.preflight import PACKAGES

    assert len(_linux_packages()) == 3  # offscreen, X11, Wayland
    assert {p for line in _linux_packages() for p in line} <= set(PACKAGES.values())


def test_readme_says_who_can_read_the_files_and_what_a_restore_accepts():
    where = README.split("## Where the data lives")[1].split("\n## ")[0]
    for words in ("0600", "0700", "already private", "integrity_check", "decodes", "patients"):
        assert words in where, words
