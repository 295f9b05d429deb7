"""The calibration check: would the model have foreseen the last N months?

Fit BG/NBD on the history up to N months before the end, predict each patient's visits
in the N months after, and set them beside the visits that happened, grouped by how many
times the patient had come before the cut-off (the calibration-vs-holdout chart of the
BTYD literature). Below `min_repeat` repeat patients at the cut-off there is too little
history for a forecast, and the check says so instead of giving numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from clinicdesk.core.segmentation.params import months_before
from clinicdesk.core.value.bgnbd import expected_visits, fit_bgnbd
from clinicdesk.core.value.history import VisitLog, histories, visits_between

MIN_REPEAT = 50
MAX_PRIOR = 7  # the last row groups the patients with this many prior visits or more


@dataclass(frozen=True, slots=True)
class CalibrationRow:
    """Patients with `prior_visits` visits before the cut-off (the last row: or more),
    with their mean predicted and mean actual visits after it."""

    prior_visits: int
    patients: int
    predicted: float
    actual: float


@dataclass(frozen=True, slots=True)
class Calibration:
    """The check's outcome; the totals are None when there is too little history.

    Attributes:
        cutoff, end: the holdout is the days after `cutoff` up to `end` (included).
        repeat_patients: patients who had come back at least once by the cut-off.
        needed: the repeat patients a forecast needs.
        rows: by prior visits, only those with patients.
        predicted, actual: the total predicted and actual visits in the holdout.
    """

    cutoff: dt.date
    end: dt.date
    repeat_patients: int
    needed: int
    rows: tuple[CalibrationRow, ...]
    predicted: float | None
    actual: int | None

    @property
    def enough(self) -> bool:
        """Whether there was history enough for numbers."""
        return self.repeat_patients >= self.needed


def calibrate(
    log: VisitLog,
    end: dt.date,
    *,
    months: int,
    min_repeat: int = MIN_REPEAT,
    check: Callable[[], None] | None = None,
) -> Calibration:
    """Fit on the history up to `months` before `end`, compare with what came after
    (`check`: a task's cancel check, called during the fit and after it)."""
    cutoff = months_before(end, months)
    past = histories(log, cutoff)
    repeat = int(np.count_nonzero(past.x))
    if repeat < min_repeat:
        return Calibration(cutoff, end, repeat, min_repeat, (), None, None)
    model = fit_bgnbd(past.x, past.t_x, past.T, check)
    if check is not None:
        check()
    horizon = float((end - cutoff).days)
    predicted = expected_visits(model, horizon, past.x, past.t_x, past.T)
    actual = visits_between(log, past.ids, cutoff, end)
    rows = _rows(np.minimum(past.x + 1, MAX_PRIOR).astype(int), predicted, actual)
    return Calibration(
        cutoff, end, repeat, min_repeat, rows, float(predicted.sum()), int(actual.sum())
    )


def _rows(
    prior: np.ndarray, predicted: np.ndarray, actual: np.ndarray
) -> tuple[CalibrationRow, ...]:
    counts = np.bincount(prior, minlength=MAX_PRIOR + 1)
    size = np.maximum(counts, 1)  # rows without patients are left out below
    predicted_mean = np.bincount(prior, weights=predicted, minlength=MAX_PRIOR + 1) / size
    actual_mean = np.bincount(prior, weights=actual, minlength=MAX_PRIOR + 1) / size
    return tuple(
        CalibrationRow(k, int(counts[k]), float(predicted_mean[k]), float(actual_mean[k]))
        for k in range(1, MAX_PRIOR + 1)
        if counts[k]
    )
