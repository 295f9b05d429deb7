"""What the window and the call list take from a value run: tiers, value at risk, lists."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from clinicdesk.core.value.lists import predicted_value_tiers, slipping, value_at_risk
from clinicdesk.core.value.params import ValueParams
from clinicdesk.core.value.service import value_model
from tests.unit.core.value.conftest import make_log, small_clinic

END = dt.date(2025, 12, 31)
GONE = 900  # a big spender who stopped coming a year and a half ago


@pytest.fixture(scope="module")
def result():
    charges = small_clinic(60)
    charges[GONE] = [(f"2024-0{m}-15", 5000) for m in range(1, 7)]
    return value_model(make_log(charges), ValueParams(END))


def test_value_at_risk_is_lifetime_value_times_the_chance_of_being_gone(result):
    p = result.patients
    risk = value_at_risk(result)
    finite = np.isfinite(p.clv_fen)
    assert risk[finite] == pytest.approx(p.clv_fen[finite] * (1 - p.p_alive[finite]))


def test_predicted_value_tiers_are_abc_on_lifetime_value(result):
    tiers = predicted_value_tiers(result, (0.7, 0.9))
    values = result.patients.clv_fen[np.searchsorted(result.patients.ids, tiers.ids)]
    assert list(tiers.measure) == [round(v) for v in values]
    assert list(tiers.measure) == sorted(tiers.measure, reverse=True) and tiers.tier[0] == 0


def test_the_slipping_list_holds_valuable_patients_unlikely_to_come_back(result):
    ids = slipping(result, (0.7, 0.9))
    p = result.patients
    alive = p.p_alive[np.searchsorted(p.ids, ids)]
    assert GONE in ids and (alive < 0.5).all()


def test_the_slipping_list_is_by_value_at_risk_highest_first(result):
    ids = slipping(result, (0.7, 0.9))
    risk = value_at_risk(result)[np.searchsorted(result.patients.ids, ids)]
    assert list(risk) == sorted(risk, reverse=True)
