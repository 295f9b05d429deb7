"""BG/NBD: the likelihood, P(alive), expected visits, and recovering known parameters."""

from __future__ import annotations

import math

import numpy as np
import pytest

from clinicdesk.core.value.bgnbd import (
    BgNbd,
    distinct_rows,
    expected_visits,
    fit_bgnbd,
    log_likelihood,
    p_alive,
)
from tests.unit.core.value.simulate import simulate

# Fader, Hardie & Lee (2005), CDNOW, in weeks.
PUBLISHED = BgNbd(r=0.243, alpha=4.414, a=0.793, b=2.426)
TRUTH = (0.5, 60.0, 0.8, 2.5)  # days: about one visit every 120 days on average


def _one(values: float) -> np.ndarray:
    return np.array([values], dtype=float)


def test_the_likelihood_of_one_patient_is_the_papers_formula():
    r, alpha, a, b = 0.5, 10.0, 0.8, 2.5
    x, t_x, T = 3, 20.0, 30.0
    beta = math.gamma
    common = beta(r + x) * alpha**r / beta(r)
    stays = math.exp(math.lgamma(a) + math.lgamma(b + x) - math.lgamma(a + b + x))
    stays /= math.exp(math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b))
    left = stays * a / (b + x - 1)
    expected = math.log(common * (stays / (alpha + T) ** (r + x) + left / (alpha + t_x) ** (r + x)))
    got = log_likelihood(BgNbd(r, alpha, a, b), _one(x), _one(t_x), _one(T))
    assert got[0] == pytest.approx(expected, rel=1e-12)


def test_a_patient_who_never_came_back_is_certainly_alive():
    assert p_alive(PUBLISHED, _one(0), _one(0), _one(38.86))[0] == 1.0


def test_p_alive_falls_the_longer_a_regular_stays_away():
    T = np.array([31.0, 40.0, 60.0])
    alive = p_alive(PUBLISHED, np.full(3, 4.0), np.full(3, 30.0), T)
    assert alive[0] > alive[1] > alive[2]


def test_the_papers_conditional_expectation_is_reproduced():
    got = expected_visits(PUBLISHED, 39.0, _one(2), _one(30.43), _one(38.86))
    assert round(float(got[0]), 3) == 1.226


def test_nothing_is_expected_over_no_time():
    assert expected_visits(PUBLISHED, 0.0, _one(2), _one(30.43), _one(38.86))[0] == 0.0


def test_a_fit_recovers_the_parameters_of_simulated_patients():
    data = simulate(20_000, seed=18, bgnbd=TRUTH, gamma_gamma=(6.0, 4.0, 15.0))
    fitted = fit_bgnbd(data.x, data.t_x, data.T)
    # r and α are well determined at this size; a and b (dropout) less so.
    assert (fitted.r, fitted.alpha) == pytest.approx(TRUTH[:2], rel=0.05)
    assert (fitted.a, fitted.b) == pytest.approx(TRUTH[2:], rel=0.15)


def test_the_fit_reports_the_log_likelihood_it_reached():
    data = simulate(2_000, seed=3, bgnbd=TRUTH, gamma_gamma=(6.0, 4.0, 15.0))
    fitted = fit_bgnbd(data.x, data.t_x, data.T)
    assert fitted.log_likelihood == pytest.approx(
        log_likelihood(fitted, data.x, data.t_x, data.T).sum()
    )


def test_the_fit_is_the_maximum_nearby_points_are_less_likely():
    data = simulate(2_000, seed=4, bgnbd=TRUTH, gamma_gamma=(6.0, 4.0, 15.0))
    best = fit_bgnbd(data.x, data.t_x, data.T)
    for factor in (0.95, 1.05):
        moved = BgNbd(best.r * factor, best.alpha, best.a / factor, best.b)
        assert log_likelihood(moved, data.x, data.t_x, data.T).sum() < best.log_likelihood


def test_distinct_rows_count_each_row_and_map_every_row_back():
    x, t = np.array([2.0, 0.0, 2.0, 2.0]), np.array([5.0, 0.0, 5.0, 7.0])
    rows, counts, back = distinct_rows(x, t)
    assert rows.tolist() == [[0, 0], [2, 5], [2, 7]] and counts.tolist() == [1, 2, 1]
    assert (rows[back] == np.column_stack([x, t])).all()


def test_a_daily_regular_gone_for_years_is_gone_without_overflow():
    # (α + T) / (α + t_x) to the power r + x overflows a float: the odds stay in logs.
    x, t_x, T = _one(500), _one(600), _one(3650)
    assert p_alive(PUBLISHED, x, t_x, T)[0] == pytest.approx(0.0, abs=1e-300)
    assert expected_visits(PUBLISHED, 365.0, x, t_x, T)[0] == pytest.approx(0.0, abs=1e-300)


def test_a_very_frequent_regulars_three_years_stay_finite():
    # The paper's 2F1(r + x, b + x; ...) overflows for thousands of visits; its Euler
    # transform does not.
    got = expected_visits(PUBLISHED, 3 * 365.25, _one(2000), _one(2500), _one(2500))[0]
    assert 0 < got < 3 * 365.25


def test_a_of_exactly_one_gives_the_limit():
    near = BgNbd(0.5, 60.0, 1.0 + 1e-4, 2.5)
    exact = BgNbd(0.5, 60.0, 1.0, 2.5)
    args = (365.0, _one(3), _one(200), _one(300))
    assert expected_visits(exact, *args)[0] == pytest.approx(
        expected_visits(near, *args)[0], rel=1e-3
    )


def test_where_scipys_hyp2f1_has_a_hole_the_value_is_still_found():
    # r = a and x = 0 make c − a − b = 1 in the Euler form: SciPy returns NaN near z = 1.
    model = BgNbd(r=0.015, alpha=1.0, a=0.015, b=13.0)
    got = expected_visits(model, 875.0, _one(0), _one(0), _one(1))[0]
    # mpmath: (a + b − 1)/(a − 1) (1 − u^(a−1) 2F1(...)) with 2F1 = 0.0037971564253
    u = 2.0 / 877.0
    assert got == pytest.approx(12.015 / -0.985 * (1 - u**-0.985 * 0.0037971564253), rel=1e-6)


def test_far_outside_what_scipy_can_compute_the_forecast_is_unknown_not_infinite():
    model = BgNbd(r=69.5, alpha=1.0, a=28.0, b=4.0)  # no fit lands here
    got = expected_visits(model, 1373.0, _one(141), _one(141), _one(141))[0]
    assert np.isnan(got)
