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
"""

from __future__ import annotations

from typing import NamedTuple, TypeVar

import numpy as np

from clinicdesk.core import i18n

TIER_WEIGHT = {"A": 4, "B": 2, "C": 1}
NO_TIER_WEIGHT = 1
AT_RISK_WEIGHT = 2
STATUS_DAYS = {"due": 3, "overdue": 7}
BASE_DAYS = 7
WAIT_CAP_DAYS = 90


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


def priority(tier: str | None, at_risk: bool, status: str | None, waited_days: int) -> Priority:
    """The priority of a patient of `tier` with lapse `status` who has waited so long."""
    value = TIER_WEIGHT.get(tier or "", NO_TIER_WEIGHT) + (AT_RISK_WEIGHT if at_risk else 0)
    return Priority(value, STATUS_DAYS.get(status or "", 0), int(waiting_of(waited_days)))


def explain(p: Priority, language: str) -> str:
    """The priority as a sentence: how it was reached."""
    return i18n.message(
        "calls.priority",
        language,
        score=p.score,
        value=p.value,
        base=BASE_DAYS,
        urgency=p.urgency,
        waiting=p.waiting,
    )
