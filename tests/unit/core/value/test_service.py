"""The value model end to end: spend estimates, who gets none, settings, the check."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from clinicdesk.core.db.clinic import set_setting
from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.value.params import ValueParams, clinic_value_params
from clinicdesk.core.value.service import TooLittleHistory, run_value, value_model
from tests.conftest import DEMO_TODAY
from tests.unit.core.value.conftest import make_log, small_clinic

END = dt.date(2025, 12, 31)
REFUNDED_ONCE, REFUNDED_LATER = 900, 901


@pytest.fixture(scope="module")
def result():
    charges = small_clinic(60)
    charges[REFUNDED_ONCE] = [("2024-06-01", 500), ("2024-06-20", -500)]
    charges[REFUNDED_LATER] = [("2024-06-01", 500), ("2024-08-01", 300), ("2024-09-01", -300)]
    return value_model(make_log(charges), ValueParams(END))


def _at(result, pid):
    return int(np.flatnonzero(result.patients.ids == pid)[0])


def test_a_patient_seen_once_gets_the_populations_mean_spend(result):
    once = _at(result, 61)  # the first of the one-off patients
    mean = result.gamma_gamma.population_mean * 100
    assert result.patients.spend_fen[once] == pytest.approx(mean)


def test_a_patient_whose_net_revenue_is_nothing_gets_no_spend_estimate(result):
    i = _at(result, REFUNDED_ONCE)
    assert np.isnan(result.patients.spend_fen[i]) and np.isnan(result.patients.clv_fen[i])


def test_a_repeat_patient_refunded_after_the_first_visit_gets_no_spend_estimate(result):
    assert np.isnan(result.patients.spend_fen[_at(result, REFUNDED_LATER)])


def test_a_patient_without_spend_estimate_still_gets_p_alive_and_visits(result):
    i = _at(result, REFUNDED_LATER)
    assert 0 < result.patients.p_alive[i] < 1 and result.patients.visits[i] > 0


def test_expected_revenue_is_expected_visits_times_spend(result):
    p = result.patients
    assert p.revenue_fen[:60] == pytest.approx(p.visits[:60] * p.spend_fen[:60])


def test_the_top_patients_are_by_lifetime_value_highest_first(result):
    top = result.patients.top(5)
    values = result.patients.clv_fen[top]
    assert len(top) == 5 and list(values) == sorted(values, reverse=True)
    assert values[0] == np.nanmax(result.patients.clv_fen)


def test_below_fifty_repeat_patients_there_is_no_forecast():
    with pytest.raises(TooLittleHistory) as raised:
        value_model(make_log(small_clinic(49)), ValueParams(END))
    assert "只有 49 位顾客再次到院" in raised.value.message("zh_CN")


def test_the_clinic_file_is_read_up_to_the_analysis_date(demo_db):
    result = run_value(demo_db, ValueParams(DEMO_TODAY))
    assert result.check.enough and len(result.patients.ids) > 1500
    assert 0 < result.bgnbd.r and result.gamma_gamma is not None


def test_the_clinics_setting_gives_the_defaults_and_options_override_it(db):
    set_setting(db, "lifetime_value", {"horizon_months": 24, "monthly_discount": 0.02})
    params = clinic_value_params(db, END, horizon_months=12, check_months=None)
    assert (params.horizon_months, params.monthly_discount, params.check_months) == (12, 0.02, 6)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"horizon_months": 0}, "终身价值期限（月）：“0”应在 1 到 240 之间。"),
        ({"monthly_discount": 0.9}, "月折现率：“0.9”应在 0.0 到 0.5 之间。"),
        ({"check_months": "6"}, "校验期（月）：“6”应在 1 到 60 之间。"),
    ],
)
def test_a_bad_setting_is_named_with_its_range(change, message):
    with pytest.raises(InvalidValue) as raised:
        ValueParams(END, **change)
    assert raised.value.message("zh_CN") == message


def test_a_patients_values_are_looked_up_by_id(result):
    value = result.patients.of(1)
    i = _at(result, 1)
    assert value.p_alive == result.patients.p_alive[i] and value.visits > 0
    assert value.clv_fen == round(result.patients.clv_fen[i]) and value.repeat_visits > 0


def test_a_patient_without_history_has_no_values(result):
    assert result.patients.of(5000) is None and result.patients.of(0) is None


def test_a_patient_without_spend_estimate_has_no_money_but_a_chance_and_visits(result):
    value = result.patients.of(REFUNDED_LATER)
    assert (value.spend_fen, value.revenue_fen, value.clv_fen) == (None, None, None)
    assert 0 < value.p_alive < 1 and value.visits > 0


def test_a_patient_seen_once_is_told_by_no_repeat_visits(result):
    assert result.patients.of(61).repeat_visits == 0


def test_the_last_visit_is_the_last_day_with_a_visit(result):
    assert result.patients.of(REFUNDED_LATER).last_visit == dt.date(2024, 8, 1)
    assert result.patients.of(1).last_visit == dt.date(2025, 11, 10)


class _Stop(Exception):
    pass


def _stopping_at(call: int):
    """A cancel check that stops the run at its `call`-th call; `calls` counts them."""
    calls = []

    def check() -> None:
        calls.append(1)
        if len(calls) == call:
            raise _Stop

    return check, calls


def test_a_run_asked_to_stop_stops_at_its_next_check_during_the_fits_and_between_stages():
    log, params = make_log(small_clinic(60)), ValueParams(END)
    check, calls = _stopping_at(0)  # never stops: counts the checks of a whole run
    assert value_model(log, params, check).patients.ids.tolist() == (
        value_model(log, params).patients.ids.tolist()
    )
    whole = len(calls)
    assert whole > 20  # the fits' every step, not only the stages between them
    for call in range(1, whole + 1):
        check, calls = _stopping_at(call)
        with pytest.raises(_Stop):
            value_model(log, params, check)
        assert len(calls) == call  # nothing more ran after the check that said stop


def test_reading_the_clinic_file_is_followed_by_a_check(demo_db, monkeypatch):
    import clinicdesk.core.value.service as service

    def fitted(*_args):
        raise AssertionError("the fit ran after the check said stop")

    monkeypatch.setattr(service, "fit_bgnbd", fitted)
    check, calls = _stopping_at(1)
    with pytest.raises(_Stop):
        run_value(demo_db, clinic_value_params(demo_db, DEMO_TODAY), check=check)
    assert calls == [1]
