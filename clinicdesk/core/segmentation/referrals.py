"""Referral influence (opinion leaders) and membership levels: pure functions.

Each patient has at most one referrer, so the referrals form a forest, except where bad
data closes a loop (A referred B, B referred A). Patients on such a loop are reported
(`in_loop`) and their own referrer link is ignored for the trees, so nothing hangs.

For every patient: the patients they referred directly and those patients' revenue in
the tier period; the whole tree below them (everyone referred directly or through
others) and its revenue. An *opinion leader* referred at least `min_direct` patients
directly, or brought tree revenue of at least `revenue_ratio` times their own (and more
than nothing).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from clinicdesk.core.segmentation.params import MembershipParams, ReferralParams


class ReferralRow(NamedTuple):
    """One referrer's influence; only patients who referred someone get a row."""

    patient_id: int
    direct: int
    direct_revenue_fen: int
    tree: int
    tree_revenue_fen: int
    own_revenue_fen: int
    leader: bool
    in_loop: bool


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


def influence(
    ids: np.ndarray, referred_by: np.ndarray, revenue: np.ndarray, params: ReferralParams
) -> tuple[ReferralRow, ...]:
    """Every referrer's direct and whole-tree referrals with their revenue, by patient id.

    Args:
        referred_by: each patient's referrer id, 0 for none.
    """
    own = dict(zip(ids.tolist(), revenue.tolist(), strict=True))
    linked = referred_by > 0
    parent = dict(zip(ids[linked].tolist(), referred_by[linked].tolist(), strict=True))
    loop = loop_members(parent)
    for member in loop:
        del parent[member]
    children: dict[int, list[int]] = {}
    for child, referrer in parent.items():
        children.setdefault(referrer, []).append(child)
    tree_count, tree_revenue = _subtree_sums(children, own)
    return tuple(
        _row(pid, children.get(pid, []), own, tree_count, tree_revenue, pid in loop, params)
        for pid in sorted(children.keys() | loop)
    )


def _subtree_sums(
    children: dict[int, list[int]], own: dict[int, int]
) -> tuple[dict[int, int], dict[int, int]]:
    """Descendant counts and revenues of every referrer, without recursion.

    Walks the forest from its roots, then adds each patient's subtree into its
    referrer's, deepest first.
    """
    parent = {c: p for p, kids in children.items() for c in kids}
    order = [r for r in children if r not in parent]
    for node in order:  # grows while iterating: a breadth-first walk
        order.extend(children.get(node, ()))
    count = dict.fromkeys(order, 0)
    money = dict.fromkeys(order, 0)
    for node in reversed(order):
        up = parent.get(node)
        if up is not None:
            count[up] += 1 + count[node]
            money[up] += own[node] + money[node]
    return count, money


def _row(
    pid: int,
    kids: list[int],
    own: dict[int, int],
    tree_count: dict[int, int],
    tree_revenue: dict[int, int],
    in_loop: bool,
    params: ReferralParams,
) -> ReferralRow:
    brought = tree_revenue.get(pid, 0)
    leader = len(kids) >= params.min_direct or (
        brought > 0 and brought >= params.revenue_ratio * own[pid]
    )
    return ReferralRow(pid, len(kids), sum(own[k] for k in kids), tree_count.get(pid, 0),
                       brought, own[pid], leader, in_loop)  # fmt: skip


def membership_level(spend_fen: int, params: MembershipParams) -> str | None:
    """The highest level whose threshold the all-time net spend reaches, or None."""
    level = None
    for name, threshold in params.levels:
        if spend_fen >= threshold:
            level = name
    return level


def membership_levels(
    ids: np.ndarray, spend_fen: np.ndarray, params: MembershipParams
) -> dict[int, str]:
    """Each patient's membership level by all-time net spend (patients with none left out)."""
    level = np.full(len(ids), -1)
    for index, (_name, threshold) in enumerate(params.levels):
        level[spend_fen >= threshold] = index  # the last level reached, as membership_level
    members = level >= 0
    names = [name for name, _ in params.levels]
    return dict(
        zip(ids[members].tolist(), (names[i] for i in level[members].tolist()), strict=True)
    )
