"""`clinicdesk --screenshots DIR`: every tab saved, and the window closed as a user
closes it, its backup before closing made to the end, before the process ends."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
SHOTS = {"call-list.png", "patient-file.png", "patient-file-slipping.png",
         "tier-overview.png", "tier-predicted-value.png"}  # fmt: skip


def test_the_screenshots_end_after_the_backup_before_closing(demo_copy, tmp_path):
    home, folder = tmp_path / "home", tmp_path / "shots"  # no backup yet: one is due
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLINICDESK_HOME": str(home),
           "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "clinicdesk", "--db", str(demo_copy), "--screenshots", str(folder)],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert {p.name for p in folder.iterdir()} == SHOTS
    made = [p.name for p in (home / "backups").iterdir()]
    assert len(made) == 1 and made[0].endswith(".db"), made  # whole, not a .partial
