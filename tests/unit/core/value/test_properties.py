"""Invariants of the BG/NBD forecasts on any valid history and any parameters."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from clinicdesk.core.value.bgnbd import BgNbd, expected_visits, p_alive

# Wider than any fit seen (CDNOW, the demo clinics, simulations: r 0.2-0.6, α 4-60 per
# day, a 0.15-0.8, b 2.4-7.7); SciPy's hyp2f1 fails far outside, e.g. r = 70, a = 28.
models = st.builds(
    BgNbd,
    r=st.floats(0.01, 10.0),
    alpha=st.floats(1.0, 1000.0),
    a=st.floats(0.01, 10.0),
    b=st.floats(0.01, 100.0),
)


@st.composite
def histories(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One patient: x repeat visit days within t_x days, t_x within T (days)."""
    T = draw(st.integers(1, 3650))
    t_x = draw(st.integers(0, T))
    x = draw(st.integers(1, max(t_x, 1))) if t_x else 0
    return np.array([x], float), np.array([t_x], float), np.array([T], float)


@settings(max_examples=1000, deadline=None)
@given(models, histories())
def test_p_alive_is_a_probability(model, history):
    alive = p_alive(model, *history)[0]
    assert 0.0 <= alive <= 1.0


@settings(max_examples=1000, deadline=None)
@given(models, histories(), st.floats(1.0, 3650.0), st.floats(1.0, 3650.0))
def test_expected_visits_are_finite_and_grow_with_the_horizon(model, history, t1, t2):
    short, long = sorted((t1, t2))
    first = expected_visits(model, short, *history)[0]
    second = expected_visits(model, long, *history)[0]
    assert np.isfinite(second) and 0.0 <= first <= second * (1 + 1e-9) + 1e-12
