"""BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way").

Each patient visits as a Poisson process of rate λ ~ Gamma(r, rate α) and, after each
repeat visit, stops coming with probability p ~ Beta(a, b). The data per patient are
x (repeat visit days), t_x (time of the last visit since the first) and T (time from the
first visit to the analysis date), in one time unit (ClinicDesk uses days).

The fit maximises the vectorised log-likelihood with its analytic gradient over the
logarithms of the parameters (so they stay positive), on the distinct (x, t_x, T) rows
weighted by how many patients share them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np

from clinicdesk.core.value.optimise import fit_log_params

# How far a parameter is moved off a point where a formula is 0/0 or SciPy has a hole.
_NUDGE = 1e-6


@dataclass(frozen=True, slots=True)
class BgNbd:
    """Fitted BG/NBD parameters (α in the data's time unit) and the log-likelihood."""

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float = float("nan")


def log_likelihood(model: BgNbd, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
    """Each patient's log-likelihood under `model`."""
    params = np.array([model.r, model.alpha, model.a, model.b])
    return _terms(params, _Rows.of(x, t_x, T))[0]


def p_alive(model: BgNbd, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
    """The probability that each patient still comes (1 for those never back yet)."""
    from scipy.special import expit

    return np.asarray(expit(-_log_dropout_odds(model, x, t_x, T)))


def expected_visits(
    model: BgNbd, t: float, x: np.ndarray, t_x: np.ndarray, T: np.ndarray
) -> np.ndarray:
    """Each patient's expected visits in the next `t` (the conditional expectation)."""
    from scipy.special import expit

    r, alpha, a, b = model.r, model.alpha, model.a, model.b
    if abs(a - 1) < _NUDGE:  # a removable singularity: the limit, to within 1e-6
        a = 1 + _NUDGE
    ahead = alpha + T + t
    weighted = _weighted_gauss(r, a, b, x, (alpha + T) / ahead, t / ahead)
    future = (a + b + x - 1) / (a - 1) * (1 - weighted)
    return np.asarray(future * expit(-_log_dropout_odds(model, x, t_x, T)))


def _weighted_gauss(
    r: float, a: float, b: float, x: np.ndarray, u: np.ndarray, z: np.ndarray
) -> np.ndarray:
    """The paper's u^(r+x) 2F1(r+x, b+x; a+b+x−1; z), with u = 1 − z = (α+T)/(α+T+t).

    First by Euler's transformation, u^(a−1) 2F1(a+b−1−r, a−1; a+b+x−1; z): the same
    value with parameters that stay small however many visits, so nothing overflows
    (checked against mpmath to 2e-13 up to x = 2,500). SciPy's hyp2f1 has holes (NaN)
    where c − a − b is an integer near z = 1; there the paper's own form, and where that
    fails too, the Euler form with a moved by one part in a million. Far outside the
    parameters a clinic's fit gives, SciPy may fail on all three: the value is then NaN
    (unknown), never ±inf.
    """
    from scipy.special import hyp2f1

    forms = (
        partial(_euler_form, r, a, b),
        lambda x, u, z: u ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z),
        partial(_euler_form, r, a * (1 + _NUDGE), b),
    )
    value = np.full(np.shape(x), np.nan)
    todo = np.ones(np.shape(x), dtype=bool)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for form in forms:
            value[todo] = form(x[todo], u[todo], z[todo])
            todo &= ~np.isfinite(value)
            if not todo.any():
                break
    value[todo] = np.nan
    return value


def _euler_form(
    r: float, a: float, b: float, x: np.ndarray, u: np.ndarray, z: np.ndarray
) -> np.ndarray:
    from scipy.special import hyp2f1

    return np.asarray(u ** (a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z))


def fit_bgnbd(
    x: np.ndarray, t_x: np.ndarray, T: np.ndarray, check: Callable[[], None] | None = None
) -> BgNbd:
    """The maximum-likelihood BG/NBD parameters for these patients (`check`: see
    `fit_log_params`).

    Raises:
        KnownError: no maximum was found (a history the model cannot describe).
    """
    distinct, weights, _ = distinct_rows(x, t_x, T)
    rows = _Rows.of(*distinct.T)
    total = weights.sum()

    # Sums by multiply-and-add, not `@`: a matrix product goes to multi-threaded BLAS,
    # whose threads cost 5x the whole fit on a busy 2-core machine (measured).
    def cost(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        params = np.exp(log_params)
        ll, grad = _terms(params, rows, gradient=True)
        return -float((weights * ll).sum()) / total, -(grad * weights).sum(axis=1) * params / total

    start = np.log([1.0, max(float(np.mean(T)), 1.0), 1.0, 1.0])
    (r, alpha, a, b), cost_at = fit_log_params(cost, start, "BG/NBD", check)
    return BgNbd(float(r), float(alpha), float(a), float(b), -cost_at * float(total))


def distinct_rows(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct rows of `columns` side by side (sorted), how many times each occurs,
    and for each input row the index of its distinct row. (np.unique(axis=0) does the
    same 3-4x slower.)"""
    order = np.lexsort(columns[::-1])
    table = np.column_stack(columns)[order]
    new = np.ones(len(table), dtype=bool)
    new[1:] = np.any(table[1:] != table[:-1], axis=1)
    inverse = np.empty(len(table), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    starts = np.flatnonzero(new)
    return table[starts], np.diff(np.append(starts, len(table))), inverse


def _log_dropout_odds(model: BgNbd, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
    """The log-odds that a patient has stopped coming (−∞ when x = 0). In logs: the odds
    of a daily regular gone for years overflow a float."""
    repeat = x > 0
    log_odds = np.full(np.shape(x), -np.inf)
    xr = x[repeat]
    log_ratio = np.log(model.alpha + T[repeat]) - np.log(model.alpha + t_x[repeat])
    log_odds[repeat] = np.log(model.a / (model.b + xr - 1)) + (model.r + xr) * log_ratio
    return log_odds


@dataclass(frozen=True, slots=True)
class _Rows:
    """Patients' (x, t_x, T) with the distinct values of x: the special functions of x
    are computed once per value (a few hundred) rather than once per patient."""

    x: np.ndarray
    t_x: np.ndarray
    T: np.ndarray
    levels: np.ndarray
    at: np.ndarray

    @classmethod
    def of(cls, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> _Rows:
        levels, at = np.unique(x, return_inverse=True)
        return cls(x, t_x, T, levels, at.ravel())


def _terms(
    params: np.ndarray, rows: _Rows, gradient: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Per-row log-likelihood and, if asked, its gradient (4 × rows) in r, α, a, b.

    log L = A1 + A2 + log(e^A3 + [x > 0] e^A4), the paper's equation (6) in logs.
    """
    from scipy.special import betaln, digamma, gammaln

    r, alpha, a, b = params
    x, t_x, T, lx, at = rows.x, rows.t_x, rows.T, rows.levels, rows.at
    repeat = x > 0
    a1 = (gammaln(r + lx) - gammaln(r))[at] + r * np.log(alpha)
    a2 = (betaln(a, b + lx) - betaln(a, b))[at]
    log_T, log_tx = np.log(alpha + T), np.log(alpha + t_x)
    a3 = -(r + x) * log_T
    safe = np.where(repeat, b + x - 1, 1.0)
    a4 = np.where(repeat, np.log(a) - np.log(safe) - (r + x) * log_tx, -np.inf)
    mix = np.logaddexp(a3, a4)
    ll = a1 + a2 + mix
    if not gradient:
        return ll, np.empty(0)
    w = np.exp(a4 - mix)  # the share of the "stopped after the last visit" branch
    d_r = (digamma(r + lx) - digamma(r))[at] + np.log(alpha) - (1 - w) * log_T - w * log_tx
    d_alpha = r / alpha - (r + x) * ((1 - w) / (alpha + T) + w / (alpha + t_x))
    both = digamma(a + b + lx)
    d_a = (digamma(a + b) - both)[at] + w / a
    d_b = (digamma(b + lx) - both - digamma(b) + digamma(a + b))[at] - w / safe
    return ll, np.vstack([d_r, d_alpha, d_a, d_b])
