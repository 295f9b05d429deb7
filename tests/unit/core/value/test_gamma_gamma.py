"""Gamma-Gamma: expected spend per visit, and recovering known parameters."""

from __future__ import annotations

import numpy as np
import pytest

from clinicdesk.core.value.gamma_gamma import GammaGamma, expected_spend, fit_gamma_gamma
from tests.unit.core.value.simulate import simulate

TRUTH = (6.0, 4.0, 15.0)


def test_expected_spend_lies_between_the_patients_mean_and_the_populations():
    model = GammaGamma(p=6.25, q=3.74, gamma=15.44)
    spend = expected_spend(model, np.array([1.0, 10.0]), np.array([100.0, 100.0]))
    assert model.population_mean < spend[0] < spend[1] < 100.0


def test_the_population_mean_is_p_gamma_over_q_minus_one():
    assert GammaGamma(p=6.0, q=4.0, gamma=15.0).population_mean == pytest.approx(30.0)


def test_without_a_finite_mean_the_population_mean_is_none():
    assert GammaGamma(p=6.0, q=0.9, gamma=15.0).population_mean is None


def test_a_fit_recovers_the_parameters_of_simulated_spend():
    data = simulate(20_000, seed=18, bgnbd=(0.5, 60.0, 0.8, 2.5), gamma_gamma=TRUTH)
    repeat = data.x > 0
    fitted = fit_gamma_gamma(data.x[repeat], data.mean_spend[repeat])
    assert (fitted.p, fitted.q) == pytest.approx(TRUTH[:2], rel=0.1)
    assert fitted.gamma == pytest.approx(TRUTH[2], rel=0.15)
