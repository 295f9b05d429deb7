"""The call list's rules, with the clinic's defaults; a clinic setting can change each."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlite_utils import Database

from clinicdesk.core.db.clinic import get_setting
from clinicdesk.core.model import known_fields

REASONS = ("callback", "recall", "care", "thanks", "reactivation", "cadence")


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
    """

    contacted_within_days: int = 0
    cadence_days: Mapping[str, int] = field(default_factory=lambda: {"A": 30, "B": 90, "C": 180})
    care_days_ahead: int = 3
    recall_days_back: int = 14
    maintenance_days: Mapping[str, int] = field(default_factory=_default_maintenance)
    thanks_days: int = 14
    retry_days: Mapping[str, int] = field(default_factory=lambda: {"A": 3, "B": 7, "C": 14})
    declined_snooze_days: int = 180

    @classmethod
    def from_clinic(cls, db: Database) -> CallRules:
        """The rules with the clinic's ``call_rules`` setting applied (unknown keys ignored)."""
        return cls(**known_fields(cls, get_setting(db, "call_rules", {}) or {}))

    def next_contact_days(self, outcome: str, tier: str | None) -> int | None:
        """Days until the next call for an outcome (None: no follow-up call planned)."""
        if outcome == "no_answer":
            return self.retry_days.get(tier or "C", self.retry_days.get("C", 14))
        if outcome == "declined":
            return self.declined_snooze_days
        if outcome in ("reached", "booked"):
            return self.cadence_days.get(tier or "C")
        return None
