"""The shared fit: a maximum is found or a clear message is given."""

from __future__ import annotations

import numpy as np
import pytest

from clinicdesk.core.errors import KnownError
from clinicdesk.core.value.optimise import LOG_BOUND, fit_log_params


def test_a_cost_without_a_minimum_is_said_in_the_users_language():
    def misleading(v: np.ndarray) -> tuple[float, np.ndarray]:
        return float(v[0]), np.array([-1.0])  # the gradient points the wrong way

    with pytest.raises(KnownError) as raised:
        fit_log_params(misleading, np.zeros(1), "BG/NBD")
    assert raised.value.message("zh_CN") == "无法用本诊所的历史数据拟合 BG/NBD 模型。"


def test_a_maximum_at_a_bound_is_accepted():
    def falling(v: np.ndarray) -> tuple[float, np.ndarray]:
        return float(np.exp(-v[0]) + 5 * (v[1] - 1) ** 2), np.array(
            [-np.exp(-v[0]), 10 * (v[1] - 1)]
        )

    params, _ = fit_log_params(falling, np.zeros(2), "Gamma-Gamma")
    assert np.log(params) == pytest.approx([LOG_BOUND, 1.0], abs=1e-4)
