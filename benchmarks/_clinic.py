"""The benchmarks' shared large clinic: a deterministic demo, built once and reused."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from collections.abc import Callable
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


def clinic_from_args(
    description: str, repeat: int, more: Callable[[argparse.ArgumentParser], None] | None = None
) -> tuple[argparse.Namespace, Path]:
    """The options the clinic benchmarks share (--patients, --repeat, --db) and a
    benchmark's own (`more` adds them), parsed, and the clinic file they name."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--db", type=Path, help="an existing clinic file to use instead")
    if more is not None:
        more(parser)
    args = parser.parse_args()
    return args, demo_clinic(args.patients, args.db)
