"""The call list's rules, with the clinic's defaults; a clinic setting can change each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlite_utils import Database

from clinicdesk.core.db.clinic import get_setting
from clinicdesk.core.model import known_fields

# The reasons to call, the leading one first when a patient has several. The first six
# must be called today (they are today's events); the last three fill the day's capacity
# by priority.
REASONS = (
    "callback", "confirm", "no_show", "follow_up", "care", "thanks",
    "recall", "reactivation", "cadence",
)  # fmt: skip
MUST_CALL = frozenset(REASONS[:6])
AS_CAPACITY_ALLOWS = frozenset(REASONS[6:])


def _default_maintenance() -> dict[str, int]:
    # Item or category -> the usual days before it is due again.
    return {
        "洁牙": 180,
        "口腔检查": 180,
        "水光针": 30,
        "光子嫩肤": 45,
        "面部清洁护理": 30,
        "肉毒素除皱": 150,
        "玻尿酸填充": 270,
        "热玛吉": 365,
        "超声刀紧致": 365,
        "体检": 365,
    }


@dataclass(frozen=True)
class CallRules:
    """Who goes on the list, and when.

    Attributes:
        contacted_within_days: a contact by anyone this many days back (0: today) keeps a
            patient off every list: no double calls.
        cadence_days: the longest a patient of each tier goes without a contact.
        care_days_ahead: birthdays and personal dates this many days ahead.
        recall_days_back: how long a due follow-up stays on the list if nobody calls.
        maintenance_days: item or category -> days until it is due again.
        thanks_days: a referred patient's first visit this recent earns a thank-you call.
        retry_days: days until the next try after no answer, per tier.
        declined_snooze_days: days a patient who declined stays off the list.
        calls_per_caller: the calls one caller makes in a day (the day's capacity is this
            times the callers working).
        max_unanswered: unanswered calls in a row after which a patient leaves the list
            until their next reason.
        working_days: the weekdays calls are made (0 Monday ... 6 Sunday).
    """

    contacted_within_days: int = 0
    cadence_days: Mapping[str, int] = field(default_factory=lambda: {"A": 30, "B": 90, "C": 180})
    care_days_ahead: int = 3
    recall_days_back: int = 14
    maintenance_days: Mapping[str, int] = field(default_factory=_default_maintenance)
    thanks_days: int = 14
    retry_days: Mapping[str, int] = field(default_factory=lambda: {"A": 3, "B": 7, "C": 14})
    declined_snooze_days: int = 180
    calls_per_caller: int = 40
    max_unanswered: int = 3
    working_days: tuple[int, ...] = (0, 1, 2, 3, 4, 5)

    @classmethod
    def from_clinic(cls, db: Database) -> CallRules:
        """The rules with the clinic's ``call_rules`` setting applied (unknown keys ignored)."""
        return cls(**known_fields(cls, get_setting(db, "call_rules", {}) or {}))

    def cadence(self, tier: str | None) -> int:
        """The tier's cadence in days (C's for a patient with no tier)."""
        return self.cadence_days.get(tier or "C", self.cadence_days.get("C", 180))

    def is_working_day(self, day: dt.date) -> bool:
        """Whether calls are made on `day` (every day when no valid weekday is set)."""
        valid = [d for d in self.working_days if d in range(7)]
        return not valid or day.weekday() in valid

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day after `day`."""
        day += dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def working_days_after(self, day: dt.date, count: int) -> list[dt.date]:
        """The next `count` working days after `day`."""
        days = [self.next_working_day(day)]
        while len(days) < count:
            days.append(self.next_working_day(days[-1]))
        return days[:count]

    def next_contact_days(self, outcome: str, tier: str | None) -> int | None:
        """Days until the next call for an outcome (None: no follow-up call planned)."""
        if outcome == "no_answer":
            return self.retry_days.get(tier or "C", self.retry_days.get("C", 14))
        if outcome == "declined":
            return self.declined_snooze_days
        if outcome in ("reached", "booked"):
            return self.cadence_days.get(tier or "C")
        return None
