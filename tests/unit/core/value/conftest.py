"""Small clinics for the value model's hand-computed tests: in a clinic file, or as a log."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from clinicdesk.core.value.history import VisitLog
from tests.unit.core.segmentation.conftest import Clinic


@pytest.fixture
def clinic(db) -> Clinic:
    """A test clinic: `clinic.patient(("2025-01-01", 100), ...)` adds one with charges."""
    return Clinic(db)


def make_log(charges: dict[int, list[tuple[str, float]]]) -> VisitLog:
    """A visit log from each patient's charges as (date, yuan), same-day charges merged."""
    days: dict[tuple[int, int], list[int]] = {}
    for pid, rows in charges.items():
        for date, yuan in rows:
            days.setdefault((pid, dt.date.fromisoformat(date).toordinal()), []).append(
                round(yuan * 100)
            )
    keys = sorted(days)
    return VisitLog(
        patient=np.array([k[0] for k in keys], dtype=np.int64),
        day=np.array([k[1] for k in keys], dtype=np.int64),
        net_fen=np.array([sum(days[k]) for k in keys], dtype=np.int64),
        visit=np.array([max(days[k]) >= 0 for k in keys], dtype=bool),
    )


EVERY_TWO_MONTHS = ["2024-01-10", "2024-03-10", "2024-05-10", "2024-07-10", "2024-09-10",
                    "2024-11-10", "2025-01-10", "2025-03-10", "2025-05-10", "2025-07-10",
                    "2025-09-10", "2025-11-10"]  # fmt: skip


def small_clinic(regulars: int) -> dict[int, list[tuple[str, float]]]:
    """`regulars` patients coming every two months from one of the first four months,
    spending 100 to 590 yuan a visit, and as many patients seen once (200 yuan)."""
    charges = {
        pid: [
            (day, 100 + (pid * 37 + k * 11) % 491)
            for k, day in enumerate(EVERY_TWO_MONTHS[pid % 4 :])
        ]
        for pid in range(1, regulars + 1)
    }
    charges.update({regulars + pid: [("2024-06-01", 200)] for pid in range(1, regulars + 1)})
    return charges
