"""The benchmarks' shared large clinic: a deterministic demo, built once and reused."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TODAY = dt.date(2026, 11, 25)


def demo_clinic(patients: int, given: Path | None = None) -> Path:
    """`given`, or the demo clinic of `patients` patients in the temp folder (built the
    first time: about 47 s for 100,000)."""
    if given:
        return given
    path = Path(tempfile.gettempdir()) / f"clinicdesk-bench-{patients}.db"
    if not path.exists():
        from clinicdesk.core.demo import build_demo

        print(f"building a {patients:,}-patient demo clinic at {path} (once) ...")
        build_demo(path, patients=patients, seed=1, today=TODAY)
    return path
