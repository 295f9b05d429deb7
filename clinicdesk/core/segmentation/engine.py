"""The segmentation engine: facts in, tiers, RFM, lapse and referral influence out.

`segment` is pure and deterministic: the same facts and parameters give the same result.
It reports progress between stages and stops there when asked to (`Cancelled`), so the
GUI can run it in a worker thread and never wait long for a cancel.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from clinicdesk.core.errors import Cancelled, CancelToken
from clinicdesk.core.segmentation import lapse, referrals, rfm, tiers
from clinicdesk.core.segmentation.facts import Facts
from clinicdesk.core.segmentation.params import EngineParams

Progress = Callable[[float, str], None]
STAGES = ("facts", "tiers", "rfm", "lapse", "referrals", "membership")


@dataclass(frozen=True, slots=True)
class TierResult:
    """The ABC tiers of one run.

    Attributes:
        rows: tiered patients by rank.
        no_activity: patients (not archived) whose measure in the period is <= 0.
        total_measure: the sum of the measure over tiered patients (fen or visit days).
        curve: the exact Pareto curve; curve_plot: at most 1,000 of its points.
        top20_share: the measure's share of the top 20% of tiered patients.
        prior_tiers: each patient's tier over the period of the same length before.
    """

    rows: tuple[tiers.TierRow, ...]
    summaries: dict[str, tiers.TierSummary]
    no_activity: int
    total_measure: int
    curve: tuple[tuple[float, float], ...]
    curve_plot: tuple[tuple[float, float], ...]
    top20_share: float
    gini: float
    movements: dict[str, int]
    prior_tiers: dict[int, str]


@dataclass(frozen=True, slots=True)
class SegmentationResult:
    """Everything one engine run computed, ready for the UI, the call list and saving.

    Attributes:
        membership: each patient's level by all-time spend (patients with none left out).
        revenue_at_risk_fen: what the alarmed patients (former A/B, now overdue or lapsed)
            spent in a year when active: for each, the larger of their revenue in the tier
            period and in the period before it.
    """

    params: EngineParams
    tiers: TierResult
    rfm: tuple[rfm.RfmRow, ...]
    lapse: tuple[lapse.LapseRow, ...]
    referrals: tuple[referrals.ReferralRow, ...]
    membership: dict[int, str]
    previous_run_id: int | None
    revenue_at_risk_fen: int


def segment(
    facts: Facts,
    params: EngineParams,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> SegmentationResult:
    """Run every stage on `facts`; raises `Cancelled` between stages when asked to."""
    step = _Stepper(progress, cancel)
    step("tiers")
    tier_result = _tiers(facts, params)
    step("rfm")
    rfm_rows = _rfm(facts, params)
    step("lapse")
    former_ab = _former_ab(tier_result, facts)
    lapse_rows = lapse.detect(facts.ids, facts.visit_days, facts.last_category, former_ab,
                              params.as_of, params.lapse)  # fmt: skip
    step("referrals")
    referral_rows = referrals.influence(facts.ids, facts.referred_by, facts.revenue_period,
                                        params.referrals)  # fmt: skip
    step("membership")
    levels = {pid: level for pid, spend in zip(facts.ids, facts.revenue_all, strict=True)
              if (level := referrals.membership_level(spend, params.membership))}  # fmt: skip
    step.done()
    yearly = zip(facts.ids, facts.revenue_period, facts.revenue_prior, strict=True)
    alarmed = {r.patient_id for r in lapse_rows if r.alarm}
    at_risk = sum(max(a, b) for pid, a, b in yearly if pid in alarmed)
    return SegmentationResult(params, tier_result, rfm_rows, lapse_rows, referral_rows, levels,
                              facts.previous_run_id, at_risk)  # fmt: skip


class _Stepper:
    def __init__(self, progress: Progress | None, cancel: CancelToken | None) -> None:
        self.progress, self.cancel, self.index = progress, cancel, 0

    def __call__(self, stage: str) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled()
        self.index = STAGES.index(stage)
        if self.progress:
            self.progress(self.index / len(STAGES), stage)

    def done(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled()
        if self.progress:
            self.progress(1.0, "done")


def visits_between(days: tuple[int, ...], start: dt.date, end: dt.date) -> int:
    """How many of the sorted visit `days` fall in [start, end]."""
    return bisect.bisect_right(days, end.toordinal()) - bisect.bisect_left(days, start.toordinal())


def _tiers(facts: Facts, params: EngineParams) -> TierResult:
    p = params.tiers
    prior_from, prior_to = p.prior_period()
    if p.measure == "revenue":
        measures, prior_measures = list(facts.revenue_period), list(facts.revenue_prior)
    else:
        measures = [visits_between(d, p.period_from, p.period_to) for d in facts.visit_days]
        prior_measures = [visits_between(d, prior_from, prior_to) for d in facts.visit_days]
    rows = tiers.rows(tiers.assign(facts.ids, measures, p.cutoffs), facts.previous_tiers)
    revenue = dict(zip(facts.ids, facts.revenue_period, strict=True))
    days = dict(zip(facts.ids, facts.visit_days, strict=True))
    visits = {r.patient_id: visits_between(days[r.patient_id], p.period_from, p.period_to)
              for r in rows}  # fmt: skip
    curve = tiers.pareto_curve([r.measure for r in rows])
    prior = {a[0]: a[4] for a in tiers.assign(facts.ids, prior_measures, p.cutoffs)}
    return TierResult(
        rows=rows,
        summaries=tiers.summaries(rows, revenue, visits),
        no_activity=len(facts.ids) - len(rows),
        total_measure=sum(r.measure for r in rows),
        curve=curve,
        curve_plot=tiers.downsample(curve),
        top20_share=tiers.share_of_top(curve, 0.2),
        gini=tiers.gini([r.measure for r in rows]),
        movements=tiers.movements(rows, facts.previous_tiers),
        prior_tiers=prior,
    )


def _rfm(facts: Facts, params: EngineParams) -> tuple[rfm.RfmRow, ...]:
    start = params.rfm_from
    today = params.as_of.toordinal()
    ids, recency, frequency, monetary = [], [], [], []
    for pid, days, money in zip(facts.ids, facts.visit_days, facts.revenue_rfm, strict=True):
        count = visits_between(days, start, params.as_of)
        if count:
            ids.append(pid)
            recency.append(today - days[-1])
            frequency.append(count)
            monetary.append(money)
    return rfm.score_patients(ids, recency, frequency, monetary)


def _former_ab(result: TierResult, facts: Facts) -> set[int]:
    ab = {"A", "B"}
    now = {r.patient_id for r in result.rows if r.tier in ab}
    before = {pid for pid, t in result.prior_tiers.items() if t in ab}
    saved = {pid for pid, t in facts.previous_tiers.items() if t in ab}
    return now | before | saved
