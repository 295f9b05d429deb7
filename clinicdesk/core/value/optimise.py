"""The one maximum-likelihood fit both models use: L-BFGS-B over log-parameters."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from clinicdesk.core.errors import KnownError

# Bounds on log-parameters: far outside any clinic's (or CDNOW's) values, but they keep
# a degenerate history from running the optimiser to overflow.
LOG_BOUND = 12.0


def fit_log_params(
    cost: Callable[[np.ndarray], tuple[float, np.ndarray]],
    start: np.ndarray,
    model: str,
    check: Callable[[], None] | None = None,
) -> tuple[np.ndarray, float]:
    """The parameters minimising `cost` (the mean negative log-likelihood per patient
    and its gradient, in log-parameters), and that minimum. `check` is called before
    each evaluation of `cost` (a task's cancel check: it raises to stop the fit).

    On a flat ridge (no patient ever seen to stop: a → 0, b → ∞; spend as alike across
    patients as within them: q, γ → ∞) the line search may give up, or a parameter stop
    at its bound, where the gradient left within the bounds is nil: that is the maximum.

    Raises:
        KnownError: no maximum was found (`model` names the model in the message).
    """
    from scipy.optimize import minimize

    bounds = [(-LOG_BOUND, LOG_BOUND)] * len(start)
    if check is not None:
        cost = _checked(cost, check)
    found = minimize(cost, start, jac=True, method="L-BFGS-B", bounds=bounds,
                     options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 2000})  # fmt: skip
    if not (found.success or _projected_gradient(found.x, found.jac) < 1e-6):
        raise KnownError("clv.no_fit", model=model)
    return np.exp(found.x), float(found.fun)


def _checked(
    cost: Callable[[np.ndarray], tuple[float, np.ndarray]], check: Callable[[], None]
) -> Callable[[np.ndarray], tuple[float, np.ndarray]]:
    def checked(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        check()
        return cost(log_params)

    return checked


def _projected_gradient(at: np.ndarray, gradient: np.ndarray) -> float:
    """The largest gradient component that does not push against a bound."""
    inward = gradient.copy()
    inward[(at >= LOG_BOUND) & (gradient < 0)] = 0.0
    inward[(at <= -LOG_BOUND) & (gradient > 0)] = 0.0
    return float(np.max(np.abs(inward)))
