"""Lifetime value: each month's expected visits × expected spend per visit, discounted.

Month m of the horizon (1-based) is discounted by (1 + monthly rate)^m, the usual
monthly discounting of customer-lifetime-value models.
"""

from __future__ import annotations

import numpy as np

from clinicdesk.core.value.bgnbd import BgNbd, distinct_rows, expected_visits

DAYS_PER_MONTH = 365.25 / 12


def lifetime_value(
    model: BgNbd,
    spend: np.ndarray,
    x: np.ndarray,
    t_x: np.ndarray,
    T: np.ndarray,
    *,
    months: int,
    monthly_discount: float,
) -> np.ndarray:
    """Each patient's discounted value over `months` (NaN where `spend` is NaN)."""
    rows, _, back = distinct_rows(x, t_x, T)
    ux, ut, uT = rows.T
    cumulative = np.vstack(
        [expected_visits(model, m * DAYS_PER_MONTH, ux, ut, uT) for m in range(months + 1)]
    )
    discount = (1.0 + monthly_discount) ** -np.arange(1, months + 1)
    # Multiply-and-add rather than `@` (multi-threaded BLAS: slow on a busy machine).
    discounted_visits = (discount[:, None] * np.diff(cumulative, axis=0)).sum(axis=0)
    return np.asarray(spend * discounted_visits[back])
