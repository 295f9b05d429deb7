"""Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and CLV"): spend per visit.

A patient's visits cost Z ~ Gamma(p, rate ν) each, with ν ~ Gamma(q, rate γ) across
patients. The data are each repeat patient's number of repeat visits x and mean spend
per repeat visit z̄ (> 0); spend and visits are assumed independent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from clinicdesk.core.value.optimise import fit_log_params


@dataclass(frozen=True, slots=True)
class GammaGamma:
    """Fitted Gamma-Gamma parameters (γ in the spend's unit) and the log-likelihood."""

    p: float
    q: float
    gamma: float
    log_likelihood: float = float("nan")

    @property
    def population_mean(self) -> float | None:
        """The mean spend per visit across patients, pγ/(q − 1); None when q ≤ 1."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else None


def expected_spend(model: GammaGamma, x: np.ndarray, mean_spend: np.ndarray) -> np.ndarray:
    """Each repeat patient's expected spend per visit, given x visits averaging z̄."""
    p, q, gamma = model.p, model.q, model.gamma
    return np.asarray(p * (gamma + x * mean_spend) / (p * x + q - 1))


def fit_gamma_gamma(
    x: np.ndarray, mean_spend: np.ndarray, check: Callable[[], None] | None = None
) -> GammaGamma:
    """The maximum-likelihood Gamma-Gamma parameters (x > 0 and z̄ > 0 for every row;
    `check`: see `fit_log_params`).

    Raises:
        KnownError: no maximum was found.
    """
    # Terms in x alone are computed once per distinct x (a few hundred values).
    from scipy.special import digamma, gammaln

    levels, at = np.unique(x, return_inverse=True)
    at = at.ravel()
    log_z, xz = np.log(mean_spend), x * mean_spend
    x_log_x_z = x * (np.log(x) + log_z)

    def cost(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        p, q, gamma = np.exp(log_params)
        pl = p * levels
        log_rest = np.log(gamma + xz)
        ll = (gammaln(pl + q) - gammaln(pl))[at] - gammaln(q) + q * np.log(gamma)
        ll += p * x_log_x_z - log_z - (p * x + q) * log_rest
        both = digamma(pl + q)
        d_p = (levels * (both - digamma(pl)))[at] + x_log_x_z - x * log_rest
        d_q = both[at] - digamma(q) + np.log(gamma) - log_rest
        d_gamma = q / gamma - (p * x + q) / (gamma + xz)
        grad = np.array([d_p.mean(), d_q.mean(), d_gamma.mean()]) * np.array([p, q, gamma])
        return float(-ll.mean()), -grad

    start = np.log([1.0, 1.0, float(np.mean(mean_spend))])
    (p, q, gamma), cost_at = fit_log_params(cost, start, "Gamma-Gamma", check)
    return GammaGamma(float(p), float(q), float(gamma), -cost_at * len(x))
