"""No sqlite-utils plugin runs on the clinic's connections: an installed package could
register one (code on every connection to patient data), and finding them cost the first
window 47 ms of its start."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import clinicdesk

OPENS = """
import sys
from pathlib import Path
import sqlite_utils.plugins as plugins
from clinicdesk.core.db import connect, memory_clinic, open_clinic, pending_upgrades
path = Path(sys.argv[1])
open_clinic(path).close()
pending_upgrades(path)
connect(path, read_only=True).close()
memory_clinic().close()
print(plugins._plugins_loaded)
"""


def test_opening_a_clinic_in_every_way_loads_no_plugin(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", OPENS, str(tmp_path / "c.db")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.strip() == "False"


def test_every_database_the_program_makes_runs_no_plugins():
    made = re.compile(r"\bDatabase\(")
    root = Path(clinicdesk.__file__).parent
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if made.search(line)
        and "execute_plugins=" not in line
        and not line.lstrip().startswith(("#", '"', "'"))
    ]
    assert found == []
