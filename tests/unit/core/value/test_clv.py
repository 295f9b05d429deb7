"""Lifetime value: expected visits month by month, times spend per visit, discounted."""

from __future__ import annotations

import numpy as np
import pytest

from clinicdesk.core.value.bgnbd import BgNbd, expected_visits
from clinicdesk.core.value.clv import DAYS_PER_MONTH, lifetime_value

MODEL = BgNbd(r=0.5, alpha=60.0, a=0.8, b=2.5)
X, T_X, T = (
    np.array([0.0, 3.0, 3.0]),
    np.array([0.0, 300.0, 100.0]),
    np.array([200.0, 365.0, 365.0]),
)


def test_without_discount_it_is_spend_times_the_visits_expected_over_the_horizon():
    spend = np.array([500.0, 800.0, 800.0])
    got = lifetime_value(MODEL, spend, X, T_X, T, months=36, monthly_discount=0.0)
    visits = expected_visits(MODEL, 36 * DAYS_PER_MONTH, X, T_X, T)
    assert got == pytest.approx(spend * visits, rel=1e-9)


def test_discounting_lowers_the_value():
    spend = np.full(3, 500.0)
    plain = lifetime_value(MODEL, spend, X, T_X, T, months=36, monthly_discount=0.0)
    discounted = lifetime_value(MODEL, spend, X, T_X, T, months=36, monthly_discount=0.01)
    assert np.all(discounted < plain)


def test_one_month_is_discounted_once():
    spend = np.full(3, 500.0)
    got = lifetime_value(MODEL, spend, X, T_X, T, months=1, monthly_discount=0.01)
    visits = expected_visits(MODEL, DAYS_PER_MONTH, X, T_X, T)
    assert got == pytest.approx(spend * visits / 1.01, rel=1e-9)


def test_a_patient_without_a_spend_estimate_has_no_value():
    spend = np.array([np.nan, 500.0, 500.0])
    got = lifetime_value(MODEL, spend, X, T_X, T, months=12, monthly_discount=0.01)
    assert np.isnan(got[0]) and np.isfinite(got[1:]).all()


def test_the_regular_who_came_lately_is_worth_more_than_the_one_who_stopped():
    spend = np.full(3, 500.0)
    got = lifetime_value(MODEL, spend, X, T_X, T, months=36, monthly_discount=0.01)
    assert got[1] > got[2]
