"""Lint and type checks run with the tests: one command checks everything."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize(
    "args",
    [("ruff", "check", "."), ("ruff", "format", "--check", "."), ("mypy", "clinicdesk")],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_clean(args):
    if shutil.which(args[0]) is None and _run(args[0], "--version").returncode != 0:
        pytest.fail(f"{args[0]} is not installed: pip install -e '.[test]'")
    result = _run(*args)
    assert result.returncode == 0, result.stdout + result.stderr
