"""The value model against a clinic file: who will come back, and what each is worth.

`value_model(log, params)` is the pure part (NumPy, deterministic); `run_value` reads the
clinic file first. Spend per visit comes from Gamma-Gamma on repeat patients whose net
revenue after their first visit is positive. A patient seen once gets the population's
mean spend per visit (pγ/(q − 1)); a patient whose net revenue is ≤ 0 (for a repeat
patient: after the first visit) gets no spend estimate, hence no revenue or lifetime
value, only P(alive) and expected visits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sqlite_utils import Database

from clinicdesk.core.errors import KnownError
from clinicdesk.core.segmentation.cache import FactsCache
from clinicdesk.core.value.bgnbd import BgNbd, expected_visits, fit_bgnbd, p_alive
from clinicdesk.core.value.calibration import MIN_REPEAT, Calibration, calibrate
from clinicdesk.core.value.clv import DAYS_PER_MONTH, lifetime_value
from clinicdesk.core.value.gamma_gamma import GammaGamma, expected_spend, fit_gamma_gamma
from clinicdesk.core.value.history import Histories, VisitLog, histories, load_visit_log
from clinicdesk.core.value.params import ValueParams


class TooLittleHistory(KnownError):
    """Fewer repeat patients than a forecast needs; nothing was computed."""

    def __init__(self, repeat: int, needed: int = MIN_REPEAT) -> None:
        super().__init__("clv.too_little_history", repeat=repeat, needed=needed)


@dataclass(frozen=True, slots=True)
class PatientValue:
    """One patient's forecast; the money is None where there is no spend estimate (net
    revenue ≤ 0). `repeat_visits` 0 means the spend is the population's mean."""

    p_alive: float
    visits: float
    spend_fen: int | None
    revenue_fen: int | None
    clv_fen: int | None
    repeat_visits: int
    last_visit: dt.date


@dataclass(frozen=True, slots=True)
class PatientValues:
    """Per patient (parallel arrays, ids ascending); NaN where there is no spend estimate.

    Attributes:
        ids: patients with a first visit before the analysis date.
        p_alive: the probability that the patient still comes.
        visits: expected visits over the forecast months.
        spend_fen: expected spend per visit.
        revenue_fen: expected revenue over the forecast months (visits × spend).
        clv_fen: lifetime value over the horizon, discounted.
        repeat_visits: visit days after the first, up to the analysis date.
        last_visit: the date ordinal of the last visit day.
    """

    ids: np.ndarray
    p_alive: np.ndarray
    visits: np.ndarray
    spend_fen: np.ndarray
    revenue_fen: np.ndarray
    clv_fen: np.ndarray
    repeat_visits: np.ndarray
    last_visit: np.ndarray

    def of(self, patient_id: int) -> PatientValue | None:
        """One patient's values (one binary search), or None if they have none: archived,
        or no visit before the analysis date."""
        i = int(np.searchsorted(self.ids, patient_id))
        if i == len(self.ids) or self.ids[i] != patient_id:
            return None
        return PatientValue(
            p_alive=float(self.p_alive[i]),
            visits=float(self.visits[i]),
            spend_fen=_fen(self.spend_fen[i]),
            revenue_fen=_fen(self.revenue_fen[i]),
            clv_fen=_fen(self.clv_fen[i]),
            repeat_visits=int(self.repeat_visits[i]),
            last_visit=dt.date.fromordinal(int(self.last_visit[i])),
        )

    def top(self, count: int) -> np.ndarray:
        """The indices of the `count` patients of highest lifetime value, highest first."""
        valued = np.flatnonzero(np.isfinite(self.clv_fen))
        order = np.lexsort((self.ids[valued], -self.clv_fen[valued]))
        return valued[order[:count]]


@dataclass(frozen=True, slots=True)
class ValueResult:
    """One run: the fitted models (time in days, money in yuan), per-patient values, and
    the calibration check. `gamma_gamma` (fitted on `spend_patients` repeat patients) is
    None when fewer than 50 repeat patients spent."""

    params: ValueParams
    bgnbd: BgNbd
    gamma_gamma: GammaGamma | None
    repeat_patients: int
    spend_patients: int
    patients: PatientValues
    check: Calibration


def run_value(
    db: Database,
    params: ValueParams,
    cache: FactsCache | None = None,
    check: Callable[[], None] = lambda: None,
) -> ValueResult:
    """Read the clinic file's visit log (the engine's facts, from `cache` when the file's
    data has not changed since they were read) and run the value model as of `params.to`
    (`check`: see `value_model`)."""
    log = load_visit_log(db, params.to, cache)
    check()
    return value_model(log, params, check)


def value_model(
    log: VisitLog, params: ValueParams, check: Callable[[], None] = lambda: None
) -> ValueResult:
    """Fit BG/NBD and Gamma-Gamma on the log as of `params.to`; value every patient.

    `check` is a task's cancel check, called during the fits and between the stages (a
    second or more of work at 100,000 patients: a closed window's run ends at once).

    Raises:
        TooLittleHistory: fewer than 50 patients had come back.
    """
    data = histories(log, params.to)
    repeat = int(np.count_nonzero(data.x))
    if repeat < MIN_REPEAT:
        raise TooLittleHistory(repeat)
    check()
    model = fit_bgnbd(data.x, data.t_x, data.T, check)
    spend_model, spend_fen, spenders = _spend(data, check)
    check()
    visits = expected_visits(
        model, params.forecast_months * DAYS_PER_MONTH, data.x, data.t_x, data.T
    )
    check()
    clv = lifetime_value(
        model, spend_fen, data.x, data.t_x, data.T,
        months=params.horizon_months, monthly_discount=params.monthly_discount,
    )  # fmt: skip
    check()
    patients = PatientValues(
        ids=data.ids,
        p_alive=p_alive(model, data.x, data.t_x, data.T),
        visits=visits,
        spend_fen=spend_fen,
        revenue_fen=visits * spend_fen,
        clv_fen=clv,
        repeat_visits=data.x.astype(np.int64),
        last_visit=(params.to.toordinal() - (data.T - data.t_x)).astype(np.int64),
    )
    check()
    against = calibrate(log, params.to, months=params.check_months, check=check)
    return ValueResult(params, model, spend_model, repeat, spenders, patients, against)


def _fen(value: float) -> int | None:
    return None if np.isnan(value) else round(float(value))


def _spend(data: Histories, check: Callable[[], None]) -> tuple[GammaGamma | None, np.ndarray, int]:
    """The Gamma-Gamma model (on yuan), each patient's expected spend per visit (fen),
    and how many patients the model was fitted on."""
    spend = np.full(len(data.ids), np.nan)
    repeat = (data.x > 0) & (data.repeat_fen > 0)
    spenders = int(np.count_nonzero(repeat))
    if spenders < MIN_REPEAT:
        return None, spend, spenders
    mean_yuan = data.repeat_fen[repeat] / 100 / data.x[repeat]
    model = fit_gamma_gamma(data.x[repeat], mean_yuan, check)
    spend[repeat] = expected_spend(model, data.x[repeat], mean_yuan) * 100
    once = (data.x == 0) & (data.net_fen > 0)
    if model.population_mean is not None:
        spend[once] = model.population_mean * 100
    return model, spend, spenders
