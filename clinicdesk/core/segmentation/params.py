"""The engine's parameters: what the manager chooses, with the clinic's defaults.

Core code takes its settings as these frozen values, never from QSettings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from clinicdesk.core.errors import InvalidValue

Measure = Literal["revenue", "visits"]
MEASURES: tuple[Measure, ...] = ("revenue", "visits")
# Cut-offs on the cumulative share of the measure: A below the first, B below the second.
PRESETS: dict[str, tuple[float, float]] = {"70/20/10": (0.70, 0.90), "75/20/5": (0.75, 0.95)}


def months_before(day: dt.date, months: int) -> dt.date:
    """The day `months` calendar months before `day` (clamped to the month's end)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True, slots=True)
class TierParams:
    """How to tier: the period (both ends inclusive), the measure and the two cut-offs."""

    period_from: dt.date
    period_to: dt.date
    measure: Measure = "revenue"
    cutoffs: tuple[float, float] = PRESETS["70/20/10"]

    def __post_init__(self) -> None:
        if self.period_from > self.period_to:
            raise InvalidValue("tiers.bad_period", start=self.period_from, end=self.period_to)
        if self.measure not in MEASURES:
            raise InvalidValue(
                "value.bad_choice", field="measure", value=self.measure, choices="revenue, visits"
            )
        a, b = self.cutoffs
        if not 0 < a < b <= 1:
            raise InvalidValue("tiers.bad_cutoffs", value=f"{a:g},{b:g}")

    @classmethod
    def last_twelve_months(cls, today: dt.date, **kwargs: object) -> TierParams:
        """The default period: the twelve months up to and including `today`."""
        start = months_before(today, 12) + dt.timedelta(days=1)
        return cls(start, today, **kwargs)  # type: ignore[arg-type]

    def prior_period(self) -> tuple[dt.date, dt.date]:
        """The period of the same length just before this one (for "former A/B")."""
        length = self.period_to - self.period_from
        end = self.period_from - dt.timedelta(days=1)
        return end - length, end


@dataclass(frozen=True, slots=True)
class RfmParams:
    """RFM: scored over patients active in the `lookback_months` up to the period's end."""

    lookback_months: int = 24


@dataclass(frozen=True, slots=True)
class LapseParams:
    """When a patient is due, overdue or lapsed, as a ratio of their usual interval.

    Attributes:
        due_ratio, overdue_ratio, lapsed_ratio: days since the last visit divided by the
            usual interval at which the status starts.
        min_visits: visit days needed before a patient's own rhythm is trusted.
        category_intervals: usual interval (days) per item category, overriding what is
            computed from the clinic's data.
        fallback_interval: the usual interval when neither exists.
    """

    due_ratio: float = 1.0
    overdue_ratio: float = 1.5
    lapsed_ratio: float = 3.0
    min_visits: int = 3
    category_intervals: Mapping[str, int] = field(default_factory=dict)
    fallback_interval: int = 180


@dataclass(frozen=True, slots=True)
class ReferralParams:
    """Who is an opinion leader: referred revenue at least `revenue_ratio` times their own
    (and above zero), or at least `min_direct` patients referred directly."""

    min_direct: int = 3
    revenue_ratio: float = 1.0


@dataclass(frozen=True, slots=True)
class MembershipParams:
    """Membership levels by all-time net spend in fen, lowest first."""

    levels: tuple[tuple[str, int], ...] = (
        ("silver", 10_000_00),
        ("gold", 50_000_00),
        ("diamond", 200_000_00),
    )


@dataclass(frozen=True, slots=True)
class EngineParams:
    """Everything one engine run needs; `as_of` is the tier period's last day."""

    tiers: TierParams
    rfm: RfmParams = RfmParams()
    lapse: LapseParams = LapseParams()
    referrals: ReferralParams = ReferralParams()
    membership: MembershipParams = MembershipParams()

    @property
    def as_of(self) -> dt.date:
        """The day the engine looks from: recency, lapse and RFM are measured to it."""
        return self.tiers.period_to

    @property
    def rfm_from(self) -> dt.date:
        """The first day of the RFM window (`rfm.lookback_months` up to `as_of`): the
        facts' money and the engine's visit counts must cover the same days."""
        return months_before(self.as_of, self.rfm.lookback_months) + dt.timedelta(days=1)


def parse_cutoffs(text: str) -> tuple[float, float]:
    """``"70,90"`` (percent) or a preset name (``"75/20/5"``) as two fractions."""
    if text in PRESETS:
        return PRESETS[text]
    try:
        a, b = (float(part) / 100 for part in text.split(","))
    except ValueError:
        raise InvalidValue("tiers.bad_cutoffs", value=text) from None
    if not 0 < a < b <= 1:
        raise InvalidValue("tiers.bad_cutoffs", value=text)
    return a, b
