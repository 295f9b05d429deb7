"""The segmentation engine: facts in, tiers, RFM, lapse and referral influence out.

`segment` is pure and deterministic: the same facts and parameters give the same result.
It reports progress between stages and stops there when asked to (`Cancelled`), so the
GUI can run it in a worker thread and never wait long for a cancel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from clinicdesk.core.errors import Cancelled, CancelToken
from clinicdesk.core.segmentation import lapse, referrals, rfm, tiers
from clinicdesk.core.segmentation.columns import ByPatient, Coded, Table
from clinicdesk.core.segmentation.facts import Facts
from clinicdesk.core.segmentation.params import EngineParams

Progress = Callable[[float, str], None]
STAGES = ("facts", "tiers", "rfm", "lapse", "referrals", "membership")


@dataclass(frozen=True, slots=True)
class TierResult:
    """The ABC tiers of one run.

    The per-patient results are `Table` columns (`columns`): read-only sequences of rows
    that build a row only when one is asked for.

    Attributes:
        rows: tiered patients by rank.
        no_activity: patients (not archived) whose measure in the period is <= 0.
        total_measure: the sum of the measure over tiered patients (fen or visit days).
        curve: the exact Pareto curve; curve_plot: at most 1,000 of its points.
        top20_share: the measure's share of the top 20% of tiered patients.
        prior_tiers: each patient's tier over the period of the same length before.
    """

    rows: Table[tiers.TierRow]
    summaries: dict[str, tiers.TierSummary]
    no_activity: int
    total_measure: int
    curve: Sequence[tuple[float, float]]
    curve_plot: Sequence[tuple[float, float]]
    top20_share: float
    gini: float
    movements: dict[str, int]
    prior_tiers: ByPatient[str]


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
    rfm: Table[rfm.RfmRow]
    lapse: Table[lapse.LapseRow]
    referrals: Table[referrals.ReferralRow]
    membership: ByPatient[str]
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
    period = _Period(facts, params)
    tier_result, now_ab = _tiers(facts, params, period)
    step("rfm")
    rfm_rows = _rfm(facts, params, period.last_visit)
    step("lapse")
    rhythm = lapse.Rhythm(period.last_visit, facts.history.visit_count(None, params.as_of),
                          facts.own_intervals(params.as_of, params.lapse.min_visits),
                          facts.category_codes, facts.category_names)  # fmt: skip
    former_ab = now_ab | _ab(facts.previous_codes)
    lapse_rows = lapse.detect(facts.ids, rhythm, former_ab, params.as_of, params.lapse)
    step("referrals")
    referral_rows = referrals.influence(facts.history.forest, period.revenue, params.referrals)
    step("membership")
    levels = referrals.membership_levels(facts.ids, facts.spend(), params.membership)
    step.done()
    alarmed = np.zeros(len(facts.ids), bool)
    alarmed[np.searchsorted(facts.ids, lapse_rows.ids(alarm=True))] = True
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
    """Each patient's revenue and visit days in the tier period and in the period of the
    same length before it, and their last visit day up to its end."""

    def __init__(self, facts: Facts, params: EngineParams) -> None:
        p, h = params.tiers, facts.history
        self.prior = p.prior_period()
        self.revenue = facts.spend(p.period_from, p.period_to)
        self.prior_revenue = facts.spend(*self.prior)
        self.visits = h.visit_count(p.period_from, p.period_to)
        self.prior_visits = h.visit_count(*self.prior)
        self.last_visit = h.last_visit(p.period_to)


def _ab(codes: np.ndarray) -> np.ndarray:
    return (codes == 0) | (codes == 1)


def _tiers(facts: Facts, params: EngineParams, period: _Period) -> tuple[TierResult, np.ndarray]:
    """The tier result, and per patient whether they are A or B now or in the prior period."""
    p = params.tiers
    if p.measure == "revenue":
        measures, prior_measures = period.revenue, period.prior_revenue
    else:
        measures, prior_measures = period.visits, period.prior_visits
    now = tiers.assign(facts.ids, measures, p.cutoffs)
    position = now.position
    previous = facts.previous_codes[position]
    curve = tiers.pareto_curve(now.measure)
    prior = tiers.assign(facts.ids, prior_measures, p.cutoffs)
    ab = np.zeros(len(facts.ids), bool)
    ab[position[now.tier < 2]] = True
    ab[prior.position[prior.tier < 2]] = True
    result = TierResult(
        rows=tiers.rows(now, previous),
        summaries=tiers.summaries(now.tier, period.revenue[position], period.visits[position]),
        no_activity=len(facts.ids) - len(now.ids),
        total_measure=now.total,
        curve=curve,
        curve_plot=tiers.downsample(curve),
        top20_share=tiers.share_of_top(curve, 0.2),
        gini=tiers.gini(now.measure),
        movements=tiers.movements(now, previous, _gone(facts, now.ids)),
        prior_tiers=ByPatient(prior.ids, Coded(prior.tier, tiers.TIERS)),
    )
    return result, ab


def _gone(facts: Facts, tiered: np.ndarray) -> np.ndarray:
    """The previous tier codes of the patients tiered at the last run but not now."""
    pids, codes = facts.previous_tiers.arrays()
    return codes[~np.isin(pids, tiered)].astype(np.int64)


def _rfm(facts: Facts, params: EngineParams, last_visit: np.ndarray) -> Table[rfm.RfmRow]:
    count = facts.history.visit_count(params.rfm_from, params.as_of)
    active = count > 0
    money = facts.spend(params.rfm_from, params.as_of)[active]
    recency = params.as_of.toordinal() - last_visit[active].astype(np.int64)
    return rfm.score_patients(facts.ids[active], recency, count[active], money)
