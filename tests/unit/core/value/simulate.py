"""Patients drawn from the BG/NBD and Gamma-Gamma models, for parameter-recovery tests.

Times are days. A patient's visit rate is Gamma(r, rate α); after each repeat visit the
patient stops coming with probability p ~ Beta(a, b) (never right after the first
visit: the model's own assumption). Spend per visit is Gamma(p, rate ν), ν ~ Gamma(q, γ).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Simulated:
    """Per patient: repeat visits x, last visit t_x and age T (days), mean repeat spend."""

    x: np.ndarray
    t_x: np.ndarray
    T: np.ndarray
    mean_spend: np.ndarray


def simulate(
    n: int,
    seed: int,
    bgnbd: tuple[float, float, float, float],
    gamma_gamma: tuple[float, float, float],
    ages: tuple[float, float] = (180.0, 1095.0),
) -> Simulated:
    """`n` patients with ages uniform in `ages` days, drawn with `seed`."""
    rng = np.random.default_rng(seed)
    r, alpha, a, b = bgnbd
    rate = rng.gamma(r, 1 / alpha, n)
    drop = rng.beta(a, b, n)
    T = rng.uniform(*ages, n)
    x, t_x = _visits(rng, rate, drop, T)
    return Simulated(x, t_x, T, _mean_spend(rng, x, gamma_gamma))


def _visits(
    rng: np.random.Generator, rate: np.ndarray, drop: np.ndarray, T: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    n = len(rate)
    x = np.zeros(n)
    t_x = np.zeros(n)
    t = np.zeros(n)
    active = np.ones(n, dtype=bool)
    while active.any():
        t[active] += rng.exponential(1 / rate[active])
        active &= t <= T
        x[active] += 1
        t_x[active] = t[active]
        active &= rng.random(n) >= drop
    return x, t_x


def _mean_spend(
    rng: np.random.Generator, x: np.ndarray, params: tuple[float, float, float]
) -> np.ndarray:
    p, q, gamma = params
    nu = rng.gamma(q, 1 / gamma, len(x))
    # The mean of x Gamma(p, ν) draws is Gamma(p x, x ν).
    spend = np.zeros(len(x))
    repeat = x > 0
    spend[repeat] = rng.gamma(p * x[repeat], 1 / (x[repeat] * nu[repeat]))
    return spend
