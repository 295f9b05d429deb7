"""Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and CLV"): spend per visit.

A patient's visits cost Z ~ Gamma(p, rate ν) each, with ν ~ Gamma(q, rate γ) across
patients. The data are each repeat patient's number of repeat visits x and mean spend
per repeat visit z̄ (> 0); spend and visits are assumed independent.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize
from scipy.special import digamma, gammaln

from clinicdesk.core.errors import KnownError


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


def fit_gamma_gamma(x: np.ndarray, mean_spend: np.ndarray) -> GammaGamma:
    """The maximum-likelihood Gamma-Gamma parameters (x > 0 and z̄ > 0 for every row).

    Raises:
        KnownError: the optimiser found no maximum.
    """
    log_z, log_x = np.log(mean_spend), np.log(x)
    xz = x * mean_spend

    def cost(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        p, q, gamma = np.exp(log_params)
        px = p * x
        log_rest = np.log(gamma + xz)
        ll = gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(gamma)
        ll += (px - 1) * log_z + px * log_x - (px + q) * log_rest
        both = digamma(px + q)
        d_p = x * (both - digamma(px) + log_z + log_x - log_rest)
        d_q = both - digamma(q) + np.log(gamma) - log_rest
        d_gamma = q / gamma - (px + q) / (gamma + xz)
        grad = np.array([d_p.mean(), d_q.mean(), d_gamma.mean()]) * np.array([p, q, gamma])
        return float(-ll.mean()), -grad

    start = np.log([1.0, 1.0, float(np.mean(mean_spend))])
    found = minimize(cost, start, jac=True, method="L-BFGS-B", bounds=[(-12.0, 12.0)] * 3,
                     options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 2000})  # fmt: skip
    if not found.success:
        raise KnownError("value.no_fit", model="Gamma-Gamma")
    p, q, gamma = np.exp(found.x)
    return GammaGamma(float(p), float(q), float(gamma), float(-found.fun * len(x)))
