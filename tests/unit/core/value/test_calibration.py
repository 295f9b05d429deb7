"""The calibration check: fit on the history up to N months ago, predict the last N."""

from __future__ import annotations

import datetime as dt

import pytest

from clinicdesk.core.value.calibration import MAX_PRIOR, calibrate
from clinicdesk.core.value.history import VisitLog
from tests.unit.core.value.conftest import make_log, small_clinic

END = dt.date(2025, 12, 31)
CUTOFF = dt.date(2025, 6, 30)


def _clinic(regulars: int) -> VisitLog:
    return make_log(small_clinic(regulars))


def test_below_fifty_repeat_patients_there_is_too_little_history():
    check = calibrate(_clinic(49), END, months=6)
    assert not check.enough and check.rows == () and check.predicted is None


def test_the_actual_total_counts_the_visits_after_the_cutoff():
    check = calibrate(_clinic(60), END, months=6)
    assert check.cutoff == CUTOFF and check.actual == 60 * 3


def test_the_predicted_total_is_the_sum_of_the_rows():
    check = calibrate(_clinic(60), END, months=6)
    assert check.predicted == pytest.approx(sum(r.patients * r.predicted for r in check.rows))


def test_rows_are_by_visits_before_the_cutoff_the_last_taking_the_rest():
    check = calibrate(_clinic(60), END, months=6)
    assert [r.prior_visits for r in check.rows] == [1, 6, MAX_PRIOR]
    assert [r.patients for r in check.rows] == [60, 15, 45]


def test_one_off_patients_are_predicted_few_visits_and_had_none():
    row = calibrate(_clinic(60), END, months=6).rows[0]
    assert row.actual == 0 and 0 <= row.predicted < 0.5


def test_patients_first_seen_after_the_cutoff_are_not_in_the_check():
    charges = small_clinic(60) | {1000: [("2025-08-01", 100), ("2025-10-01", 100)]}
    assert calibrate(make_log(charges), END, months=6).actual == 60 * 3
