"""A straightforward pure-Python engine: the oracle the NumPy stages are checked against.

This is the engine as it was before it moved to NumPy (issue 15), one patient at a time
with lists, dicts and sorted(); it reads the same `Facts` but derives every per-patient
figure (spend per window, visit days) itself, from the charges.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import operator
import statistics
from collections import Counter, defaultdict
from fractions import Fraction

from clinicdesk.core.segmentation.engine import SegmentationResult, TierResult
from clinicdesk.core.segmentation.lapse import MIN_CATEGORY_SAMPLE, LapseRow
from clinicdesk.core.segmentation.referrals import ReferralRow, membership_level
from clinicdesk.core.segmentation.rfm import _GRID, RfmRow
from clinicdesk.core.segmentation.tiers import TierRow, TierSummary, downsample, share_of_top

_ORDER = {"A": 0, "B": 1, "C": 2}


def segment(facts, params) -> SegmentationResult:
    """Every stage on `facts`, the slow and obvious way."""
    p = params.tiers
    ids = facts.ids.tolist()
    charges = _charges(facts)
    spend = {name: [sum(a for d, a in cs if lo <= d <= hi) for cs in charges]
             for name, (lo, hi) in _windows(params).items()}  # fmt: skip
    days = [tuple(sorted({d for d, a in cs if a >= 0 and d <= p.period_to.toordinal()}))
            for cs in charges]  # fmt: skip
    tier_result = _tiers(ids, spend, days, facts.previous_tiers, params)
    former = _former_ab(tier_result, facts.previous_tiers)
    lapse_rows = _lapse(ids, days, facts.last_category, former, params)
    alarmed = {r.patient_id for r in lapse_rows if r.alarm}
    at_risk = sum(max(a, b) for pid, a, b in zip(ids, spend["period"], spend["prior"], strict=True)
                  if pid in alarmed)  # fmt: skip
    referred = [r or None for r in facts.referred_by.tolist()]
    levels = {pid: level for pid, s in zip(ids, spend["all"], strict=True)
              if (level := membership_level(s, params.membership))}  # fmt: skip
    return SegmentationResult(
        params, tier_result, _rfm(ids, days, spend["rfm"], params), lapse_rows,
        _influence(ids, referred, spend["period"], params.referrals), levels,
        facts.previous_run_id, at_risk,
    )  # fmt: skip


def _charges(facts) -> list[list[tuple[int, int]]]:
    starts = facts.starts.tolist()
    day, amount = facts.day.tolist(), facts.amount.tolist()
    return [
        list(zip(day[a:b], amount[a:b], strict=True))
        for a, b in zip(starts, starts[1:], strict=False)
    ]


def _windows(params) -> dict[str, tuple[int, int]]:
    p = params.tiers
    prior = p.prior_period()
    big = dt.date.max.toordinal()
    return {
        "all": (0, big),
        "period": (p.period_from.toordinal(), p.period_to.toordinal()),
        "prior": (prior[0].toordinal(), prior[1].toordinal()),
        "rfm": (params.rfm_from.toordinal(), p.period_to.toordinal()),
    }


def _between(days, start: dt.date, end: dt.date) -> int:
    return bisect.bisect_right(days, end.toordinal()) - bisect.bisect_left(days, start.toordinal())


# Tiers


def _assign(ids, measures, cutoffs):
    ranked = sorted((-m, pid) for pid, m in zip(ids, measures, strict=True) if m > 0)
    total = -sum(m for m, _ in ranked)
    (a_num, a_den), (b_num, b_den) = (Fraction(str(c)).as_integer_ratio() for c in cutoffs)
    out, running = [], 0
    for rank, (negative, pid) in enumerate(ranked, start=1):
        if running * a_den < a_num * total:
            tier = "A"
        elif running * b_den < b_num * total:
            tier = "B"
        else:
            tier = "C"
        out.append((pid, -negative, rank, running, tier))
        running += -negative
    return out


def _movement(previous, current):
    if previous is None:
        return "new"
    if previous == current:
        return "same"
    return "up" if _ORDER[current] < _ORDER[previous] else "down"


def _tiers(ids, spend, days, previous, params) -> TierResult:
    p = params.tiers
    prior_from, prior_to = p.prior_period()
    if p.measure == "revenue":
        measures, prior_measures = spend["period"], spend["prior"]
    else:
        measures = [_between(d, p.period_from, p.period_to) for d in days]
        prior_measures = [_between(d, prior_from, prior_to) for d in days]
    assigned = _assign(ids, measures, p.cutoffs)
    total = sum(a[1] for a in assigned)
    rows = tuple(
        TierRow(pid, m, rank, before / total, (before + m) / total, tier, previous.get(pid),
                _movement(previous.get(pid), tier))
        for pid, m, rank, before, tier in assigned
    )  # fmt: skip
    revenue = dict(zip(ids, spend["period"], strict=True))
    visit_map = dict(zip(ids, days, strict=True))
    visits = {r.patient_id: _between(visit_map[r.patient_id], p.period_from, p.period_to)
              for r in rows}  # fmt: skip
    curve = _pareto([r.measure for r in rows])
    return TierResult(
        rows=rows,
        summaries=_summaries(rows, revenue, visits),
        no_activity=len(ids) - len(rows),
        total_measure=total,
        curve=curve,
        curve_plot=downsample(curve),
        top20_share=share_of_top(curve, 0.2),
        gini=_gini([r.measure for r in rows]),
        movements=_movements(rows, previous),
        prior_tiers={a[0]: a[4] for a in _assign(ids, prior_measures, p.cutoffs)},
    )


def _summaries(tiered, revenue, visits):
    n = len(tiered)
    total_revenue = sum(revenue[r.patient_id] for r in tiered)
    out = {}
    for tier in "ABC":
        members = [r.patient_id for r in tiered if r.tier == tier]
        money = sum(revenue[p] for p in members)
        out[tier] = TierSummary(
            tier, len(members), len(members) / n if n else 0.0, money,
            money / total_revenue if total_revenue else 0.0, sum(visits[p] for p in members),
            round(money / len(members)) if members else 0,
        )  # fmt: skip
    return out


def _movements(tiered, previous):
    counts: Counter[str] = Counter()
    now = {r.patient_id for r in tiered}
    for r in tiered:
        counts[f"{r.previous_tier or 'new'}→{r.tier}"] += 1
    for pid, tier in previous.items():
        if pid not in now:
            counts[f"{tier}→none"] += 1
    return dict(sorted(counts.items()))


def _pareto(measures_desc):
    n, total = len(measures_desc), sum(measures_desc)
    if not n or not total:
        return ()
    points, running = [(0.0, 0.0)], 0
    for i, m in enumerate(measures_desc, start=1):
        running += m
        points.append((i / n, running / total))
    return tuple(points)


def _gini(measures):
    values = sorted(m for m in measures if m > 0)
    n, total = len(values), sum(values)
    if n < 2 or not total:
        return 0.0
    weighted = sum(i * v for i, v in enumerate(values, start=1))
    return (2 * weighted) / (n * total) - (n + 1) / n


def _former_ab(result, previous):
    ab = {"A", "B"}
    now = {r.patient_id for r in result.rows if r.tier in ab}
    before = {pid for pid, t in result.prior_tiers.items() if t in ab}
    return now | before | {pid for pid, t in previous.items() if t in ab}


# RFM


def _scores(values):
    ordered = sorted(values)
    n = len(values)
    return [math.ceil(5 * (bisect.bisect_left(ordered, v) + 1) / n) for v in values]


def _rfm(ids, days, money, params):
    today = params.as_of.toordinal()
    active = [(pid, today - d[-1], _between(d, params.rfm_from, params.as_of), m)
              for pid, d, m in zip(ids, days, money, strict=True)
              if _between(d, params.rfm_from, params.as_of)]  # fmt: skip
    if not active:
        return ()
    pids, recency, frequency, monetary = (list(c) for c in zip(*active, strict=True))
    r_s, f_s, m_s = _scores([-d for d in recency]), _scores(frequency), _scores(monetary)
    return tuple(
        RfmRow(*row, r, f, m, _GRID[r][(f + m + 1) // 2 - 1])
        for *row, r, f, m in zip(pids, recency, frequency, monetary, r_s, f_s, m_s, strict=True)
    )


# Lapse


def _own(days, min_visits):
    if len(days) < max(min_visits, 2):
        return None
    gaps = sorted(map(operator.sub, days[1:], days[:-1]))
    middle = len(gaps) // 2
    return float(gaps[middle]) if len(gaps) % 2 else (gaps[middle - 1] + gaps[middle]) / 2


def _status(ratio, params):
    if ratio < params.due_ratio:
        return "on_rhythm"
    if ratio < params.overdue_ratio:
        return "due"
    return "overdue" if ratio < params.lapsed_ratio else "lapsed"


def _lapse(ids, visit_days, categories, former_ab, params):
    lp = params.lapse
    own = [_own(d, lp.min_visits) for d in visit_days]
    by_category = defaultdict(list)
    everyone = [i for i in own if i is not None]
    for interval, category in zip(own, categories, strict=True):
        if interval is not None and category is not None:
            by_category[category].append(interval)
    clinic = float(statistics.median(everyone)) if everyone else None
    per_category = {c: float(statistics.median(v)) for c, v in by_category.items()
                    if len(v) >= MIN_CATEGORY_SAMPLE}  # fmt: skip
    per_category.update({c: float(d) for c, d in lp.category_intervals.items()})
    today, out = params.as_of.toordinal(), []
    for pid, days, mine, category in zip(ids, visit_days, own, categories, strict=True):
        if not days:
            continue
        if mine is not None:
            usual, basis = mine, "own"
        elif category is not None and category in per_category:
            usual, basis = per_category[category], "category"
        elif clinic is not None:
            usual, basis = clinic, "clinic"
        else:
            usual, basis = float(lp.fallback_interval), "default"
        since = today - days[-1]
        ratio = since / usual if usual > 0 else float("inf")
        status = _status(ratio, lp)
        was = pid in former_ab
        out.append(LapseRow(pid, _iso(days[-1]), len(days), usual, basis, since, ratio,
                            _iso(days[-1] + round(usual)), status, was,
                            was and status in ("overdue", "lapsed")))  # fmt: skip
    return tuple(out)


def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


# Referrals


def loop_members(parent: dict[int, int]) -> set[int]:
    """The patients on a referral loop, following each referrer chain once (linear time)."""
    state: dict[int, int] = {}  # 1 = on the current path, 2 = done
    on_loop: set[int] = set()
    for start in parent:
        path, node = [], start
        while node in parent and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = parent[node]
        if state.get(node) == 1:  # came back onto this very path: a loop
            on_loop.update(path[path.index(node) :])
        for visited in path:
            state[visited] = 2
    return on_loop


def _influence(ids, referred_by, revenue, params):
    own = dict(zip(ids, revenue, strict=True))
    parent = {p: r for p, r in zip(ids, referred_by, strict=True) if r is not None}
    loop = loop_members(parent)
    for member in loop:
        del parent[member]
    children: dict[int, list[int]] = {}
    for child, referrer in parent.items():
        children.setdefault(referrer, []).append(child)

    def tree(pid):  # recursion is fine on small clinics
        kids = children.get(pid, [])
        sums = [tree(k) for k in kids]
        return len(kids) + sum(c for c, _ in sums), sum(
            own[k] + m for k, (_, m) in zip(kids, sums, strict=True)
        )

    rows = []
    for pid in sorted(children.keys() | loop):
        kids = children.get(pid, [])
        count, brought = tree(pid)
        leader = len(kids) >= params.min_direct or (
            brought > 0 and brought >= params.revenue_ratio * own[pid]
        )
        rows.append(ReferralRow(pid, len(kids), sum(own[k] for k in kids), count, brought,
                                own[pid], leader, pid in loop))  # fmt: skip
    return tuple(rows)
