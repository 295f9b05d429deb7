"""The segmentation engine: facts in, tiers, RFM, lapse and referral influence out.

`segment` is pure and deterministic: the same facts and parameters give the same result.
It reports progress between stages and stops there when asked to (`Cancelled`), so the
GUI can run it in a worker thread and never wait long for a cancel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from clinicdesk.core.errors import Cancelled, CancelToken
from clinicdesk.core.segmentation import lapse, referrals, rfm, tiers
from clinicdesk.core.segmentation.facts import Facts, Visits
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
    if facts.categories_as_of != params.as_of:
        raise ValueError("the facts' categories were read for another period's end")
    step = _Stepper(progress, cancel)
    step("tiers")
    visits = facts.visits(params.as_of)
    period = _Period(facts, params)
    tier_result, now_ab = _tiers(facts, params, visits, period)
    step("rfm")
    rfm_rows = _rfm(facts, params, visits)
    step("lapse")
    former_ab = now_ab | _ab(facts.previous_codes)
    lapse_rows = lapse.detect(facts.ids, visits, facts.last_category, former_ab, params.as_of,
                              params.lapse)  # fmt: skip
    step("referrals")
    referral_rows = referrals.influence(facts.ids, facts.referred_by, period.revenue,
                                        params.referrals)  # fmt: skip
    step("membership")
    levels = referrals.membership_levels(facts.ids, facts.spend(), params.membership)
    step.done()
    alarmed = np.isin(facts.ids, [r.patient_id for r in lapse_rows if r.alarm])
    at_risk = int(np.maximum(period.revenue, period.prior_revenue)[alarmed].sum())
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


class _Period:
    """Each patient's revenue in the tier period and in the period of the same length
    before it."""

    def __init__(self, facts: Facts, params: EngineParams) -> None:
        p = params.tiers
        self.prior = p.prior_period()
        self.revenue = facts.spend(p.period_from, p.period_to)
        self.prior_revenue = facts.spend(*self.prior)


def visits_between(visits: Visits, start: dt.date, end: dt.date) -> np.ndarray:
    """Each patient's number of visit days in [start, end]."""
    inside = (visits.days >= start.toordinal()) & (visits.days <= end.toordinal())
    return np.bincount(visits.owner[inside], minlength=len(visits.starts) - 1)


def _ab(codes: np.ndarray) -> np.ndarray:
    return (codes == 0) | (codes == 1)


def _tiers(
    facts: Facts, params: EngineParams, visits: Visits, period: _Period
) -> tuple[TierResult, np.ndarray]:
    """The tier result, and per patient whether they are A or B now or in the prior period."""
    p = params.tiers
    period_visits = visits_between(visits, p.period_from, p.period_to)
    if p.measure == "revenue":
        measures, prior_measures = period.revenue, period.prior_revenue
    else:
        measures, prior_measures = period_visits, visits_between(visits, *period.prior)
    now = tiers.assign(facts.ids, measures, p.cutoffs)
    position = np.searchsorted(facts.ids, now.ids)
    previous = facts.previous_codes[position]
    rows = tiers.rows(now, previous)
    curve = tiers.pareto_curve(now.measure)
    prior = tiers.assign(facts.ids, prior_measures, p.cutoffs)
    ab = np.zeros(len(facts.ids), bool)
    ab[position[now.tier < 2]] = True
    ab[np.searchsorted(facts.ids, prior.ids[prior.tier < 2])] = True
    result = TierResult(
        rows=rows,
        summaries=tiers.summaries(now.tier, period.revenue[position], period_visits[position]),
        no_activity=len(facts.ids) - len(rows),
        total_measure=now.total,
        curve=curve,
        curve_plot=tiers.downsample(curve),
        top20_share=tiers.share_of_top(curve, 0.2),
        gini=tiers.gini(now.measure),
        movements=tiers.movements(now, previous, _gone(facts, now.ids)),
        prior_tiers=dict(
            zip(prior.ids.tolist(), np.array(tiers.TIERS)[prior.tier].tolist(), strict=True)
        ),  # fmt: skip
    )
    return result, ab


def _gone(facts: Facts, tiered: np.ndarray) -> np.ndarray:
    """The previous tier codes of the patients tiered at the last run but not now."""
    codes = {"A": 0, "B": 1, "C": 2}
    gone = set(facts.previous_tiers).difference(tiered.tolist())
    return np.array([codes[facts.previous_tiers[pid]] for pid in gone], np.int64)


def _rfm(facts: Facts, params: EngineParams, visits: Visits) -> tuple[rfm.RfmRow, ...]:
    count = visits_between(visits, params.rfm_from, params.as_of)
    active = count > 0
    last = visits.days[visits.starts[1:][active] - 1].astype(np.int64)
    money = facts.spend(params.rfm_from, params.as_of)[active]
    recency = params.as_of.toordinal() - last
    return rfm.score_patients(facts.ids[active], recency, count[active], money)
