"""The priority that fills the day's capacity: value, urgency and waiting time.

``priority = value × (BASE_DAYS + urgency + waiting)``, in whole numbers:

- value: the tier's weight (A 4, B 2, C 1; a patient with no tier 1), plus 2 for a
  former A/B patient now overdue or lapsed (the engine's revenue at risk);
- urgency: days added for the lapse status (overdue 7: the best moment to win them back;
  due 3);
- waiting: days since the reason became due, or since the patient came back on the list
  after a retry or a snooze, counted up to `WAIT_CAP_DAYS`.

Nobody is starved: waiting adds at least one point a day (the lowest value, 1), so after
`WAIT_CAP_DAYS` days anyone outranks every patient who has waited two days or less,
whatever their tier (`1 × (7 + 90) = 97` against at most `6 × (7 + 7 + 2) = 96`); a C
patient outranks a fresh B of the same status after eight days (`1 × (7 + 8) > 2 × 7`).
The cap keeps a backlog of patients due for years from pushing every fresh A off the
list on day one.

With the value model's value at risk (lifetime value × (1 − P(alive)), issue 18), a
patient with a reactivation reason open today takes their value from it instead: by
the share of the clinic's other patients with a value at risk who stand to lose less,
on the same scale (`risk_value`: the lowest 1, the highest `RISK_VALUE_MAX` = 6), so the
bounds above hold; equal priorities go to the larger value at risk first. Without a
value at risk (no value run, or no spend estimate) the value is the tier's.
"""

from __future__ import annotations

from typing import NamedTuple, TypeVar

import numpy as np

from clinicdesk.core import i18n
from clinicdesk.core.values import format_fen

TIER_WEIGHT = {"A": 4, "B": 2, "C": 1}
NO_TIER_WEIGHT = 1
AT_RISK_WEIGHT = 2
STATUS_DAYS = {"due": 3, "overdue": 7}
BASE_DAYS = 7
WAIT_CAP_DAYS = 90
RISK_VALUE_MAX = TIER_WEIGHT["A"] + AT_RISK_WEIGHT


class ValueAtRisk(NamedTuple):
    """Each valued patient's value at risk: `ids` ascending, `fen` (NaN: none)."""

    ids: np.ndarray
    fen: np.ndarray


class Priority(NamedTuple):
    """The parts of an entry's priority, for its tooltip."""

    value: int
    urgency: int
    waiting: int

    @property
    def score(self) -> int:
        """The priority: higher is called first."""
        return int(score(self.value, self.urgency, self.waiting))


Number = TypeVar("Number", int, np.ndarray)


def score(value: Number, urgency: Number, waiting: Number) -> Number:
    """The priority from its parts (numbers, or NumPy arrays of them)."""
    return value * (BASE_DAYS + urgency + waiting)


def waiting_of(days: Number) -> Number:
    """The waiting counted: the days waited, up to `WAIT_CAP_DAYS`."""
    return np.clip(days, 0, WAIT_CAP_DAYS)


def risk_value(fen: np.ndarray, valued: np.ndarray) -> np.ndarray:
    """Value points for values at risk `fen`: 1 plus (`RISK_VALUE_MAX` − 1) times the
    share of the other `valued` values at risk (sorted ascending) below each, rounded:
    the clinic's lowest 1, its highest `RISK_VALUE_MAX`."""
    below = np.searchsorted(valued, fen, side="left") / max(len(valued) - 1, 1)
    points = 1 + np.round((RISK_VALUE_MAX - 1) * np.minimum(below, 1.0))
    return points.astype(np.int64)


def priority(tier: str | None, at_risk: bool, status: str | None, waited_days: int) -> Priority:
    """The priority of a patient of `tier` with lapse `status` who has waited so long."""
    value = TIER_WEIGHT.get(tier or "", NO_TIER_WEIGHT) + (AT_RISK_WEIGHT if at_risk else 0)
    return Priority(value, STATUS_DAYS.get(status or "", 0), int(waiting_of(waited_days)))


def explain(p: Priority, language: str, at_risk_fen: int | None = None) -> str:
    """The priority as a sentence: how it was reached (with `at_risk_fen`, the value at
    risk its value was taken from)."""
    said = i18n.message(
        "calls.priority",
        language,
        score=p.score,
        value=p.value,
        base=BASE_DAYS,
        urgency=p.urgency,
        waiting=p.waiting,
    )
    if at_risk_fen is None:
        return said
    risk = i18n.message("calls.priority_at_risk", language, money=format_fen(at_risk_fen))
    return f"{said}{risk}"
