"""What the value model reads: each patient's x, t_x, T and spend, from the charges."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from clinicdesk.core.db.patients import archive_patient
from clinicdesk.core.value.history import histories, load_visit_log, visits_between

TO = dt.date(2025, 12, 31)


def _one(clinic, *charges):
    pid = clinic.patient(*charges)
    got = histories(load_visit_log(clinic.db, TO), TO)
    index = list(got.ids).index(pid)
    return got, index


def test_x_t_x_and_t_are_days_from_the_first_visit(clinic):
    got, i = _one(clinic, ("2025-01-01", 100), ("2025-03-01", 200), ("2025-06-30", 300))
    assert (got.x[i], got.t_x[i], got.T[i]) == (2, 180, 364)


def test_same_day_charges_are_one_visit(clinic):
    got, i = _one(clinic, ("2025-01-01", 100), ("2025-03-01", 200), ("2025-03-01", 50))
    assert got.x[i] == 1 and got.repeat_fen[i] == 25_000


def test_a_refund_is_not_a_visit(clinic):
    got, i = _one(clinic, ("2025-01-01", 100), ("2025-02-01", -100))
    assert (got.x[i], got.t_x[i]) == (0, 0)


def test_a_later_refund_lowers_the_repeat_spend(clinic):
    got, i = _one(clinic, ("2025-01-01", 100), ("2025-02-01", 300), ("2025-03-01", -100))
    assert got.repeat_fen[i] == 20_000


def test_the_net_revenue_counts_every_day(clinic):
    got, i = _one(clinic, ("2025-01-01", 100), ("2025-02-01", -100))
    assert got.net_fen[i] == 0


def test_charges_after_the_analysis_date_are_not_read(clinic):
    got, i = _one(clinic, ("2025-01-01", 100), ("2026-01-05", 300))
    assert (got.x[i], got.net_fen[i]) == (0, 10_000)


def test_a_patient_first_seen_on_the_analysis_date_is_left_out(clinic):
    pid = clinic.patient((TO.isoformat(), 100))
    assert pid not in histories(load_visit_log(clinic.db, TO), TO).ids


def test_archived_patients_are_left_out(clinic):
    pid = clinic.patient(("2025-01-01", 100))
    archive_patient(clinic.db, pid)
    assert pid not in histories(load_visit_log(clinic.db, TO), TO).ids


def test_an_earlier_end_reads_the_history_as_it_was_then(clinic):
    clinic.patient(("2025-01-01", 100), ("2025-03-01", 200), ("2025-09-01", 300))
    got = histories(load_visit_log(clinic.db, TO), dt.date(2025, 6, 30))
    assert (got.x[0], got.T[0], got.repeat_fen[0]) == (1, 180, 20_000)


def test_visits_between_counts_visit_days_after_the_start(clinic):
    pid = clinic.patient(("2025-01-01", 100), ("2025-07-01", 200), ("2025-08-01", -50),
                         ("2025-09-01", 300), ("2025-09-01", 10))  # fmt: skip
    log = load_visit_log(clinic.db, TO)
    counts = visits_between(log, np.array([pid]), dt.date(2025, 7, 1), TO)
    assert counts.tolist() == [1]


# The plain reading the log must equal: one row per patient and day, in SQL.
REFERENCE = """
SELECT c.patient_id, CAST(julianday(c.date) - 1721424.5 AS INTEGER), sum(c.amount_fen),
       max(c.amount_fen) >= 0
FROM charges c JOIN patients p ON p.id = c.patient_id AND p.archived = 0
GROUP BY c.patient_id, c.date ORDER BY c.patient_id, c.date
"""


def test_the_log_from_the_engines_facts_is_the_plain_reading(demo_db):
    log = load_visit_log(demo_db, TO)
    expected = np.array(demo_db.execute(REFERENCE).fetchall(), dtype=np.int64)
    got = np.column_stack([log.patient, log.day, log.net_fen, log.visit])
    assert np.array_equal(got, expected)


def test_the_log_comes_from_the_facts_cache_when_the_data_is_unchanged(demo_path):
    from clinicdesk.core.db import open_clinic
    from clinicdesk.core.segmentation.cache import FactsCache

    cache, db = FactsCache(), open_clinic(demo_path)
    try:
        first = cache.facts(db, TO)
        load_visit_log(db, TO, cache)
        assert cache.facts(db, TO) is first
    finally:
        cache.clear()
        db.close()


@pytest.mark.parametrize("to", [dt.date(2024, 1, 1)])
def test_a_clinic_without_history_gives_no_patients(clinic, to):
    clinic.patient(("2025-01-01", 100))
    assert len(histories(load_visit_log(clinic.db, to), to).ids) == 0
