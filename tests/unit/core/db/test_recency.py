"""Patients ordered by their last visit: exactly for a few, from the newest charges for
thousands, in the same order wherever both rank them."""

from __future__ import annotations

import pytest

from clinicdesk.core.db import recency
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge


@pytest.fixture
def seen(db):
    """Five patients: seen on the newest day (two), the day before, long ago, never."""
    ids = [add_patient(db, name=f"王芳{n}") for n in range(5)]
    dates = ["2026-11-19", "2026-11-20", "2026-11-20", "2025-01-05"]
    for patient_id, date in zip(ids[:4], dates, strict=True):
        add_charge(db, patient_id, date=date, item="洁牙", amount_fen=29800)
    return db, ids


def test_the_last_visit_orders_newest_first_then_the_newest_files(seen):
    db, (day_before, newest_a, newest_b, long_ago, never) = seen
    order = recency.by_recency(db, [never, long_ago, day_before, newest_a, newest_b])
    assert order == [newest_b, newest_a, day_before, long_ago, never]


def test_thousands_are_ordered_by_the_newest_charges_and_then_the_newest_files(seen, monkeypatch):
    db, (day_before, newest_a, newest_b, long_ago, never) = seen
    monkeypatch.setattr(recency, "PROBED", 2)
    order = recency.by_recency(db, [never, long_ago, day_before, newest_a, newest_b])
    assert order == [newest_b, newest_a, day_before, never, long_ago]


def test_only_the_most_recent_few_of_thousands_are_looked_for(seen, monkeypatch):
    db, (day_before, newest_a, newest_b, long_ago, never) = seen
    monkeypatch.setattr(recency, "PROBED", 2)
    monkeypatch.setattr(recency, "FOUND", 1)
    order = recency.by_recency(db, [never, long_ago, day_before, newest_a, newest_b])
    assert order == [newest_b, never, long_ago, newest_a, day_before]
