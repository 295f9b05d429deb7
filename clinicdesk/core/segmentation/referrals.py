"""Referral influence (opinion leaders) and membership levels: pure functions.

Each patient has at most one referrer, so the referrals form a forest, except where bad
data closes a loop (A referred B, B referred A). Patients on such a loop are reported
(`in_loop`) and their own referrer link is ignored for the trees, so nothing hangs.

For every patient: the patients they referred directly and those patients' revenue in
the tier period; the whole tree below them (everyone referred directly or through
others) and its revenue. An *opinion leader* referred at least `min_direct` patients
directly, or brought tree revenue of at least `revenue_ratio` times their own (and more
than nothing).

The forest does not depend on the period, so `Forest` lays it out once (with the facts):
every tree in depth-first order, so that a patient's descendants are one run of
positions and a tree's revenue is a difference of running sums.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from clinicdesk.core.segmentation.columns import ByPatient, Coded, Table
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


class Forest:
    """The referral forest of patients ``ids`` (positions, not ids, inside).

    Attributes:
        parent: each patient's referrer's position, -1 for none (or on a loop).
        in_loop: whether the patient is on a referral loop.
        direct: how many patients each one referred directly.
        size: how many descendants each one has.
    """

    __slots__ = ("ids", "parent", "in_loop", "direct", "size", "_members", "_pos", "_order")

    def __init__(self, ids: np.ndarray, referred_by: np.ndarray) -> None:
        n = len(ids)
        self.ids = ids
        parent = np.full(n, -1, np.int64)
        if n:
            at = np.minimum(np.searchsorted(ids, referred_by), n - 1)
            linked = (referred_by > 0) & (ids[at] == referred_by)
            parent[linked] = at[linked]
        self.in_loop = _on_loops(parent)
        parent[self.in_loop] = -1
        self.parent = parent
        self.direct = np.bincount(parent[parent >= 0], minlength=n)
        # Only patients in a tree of two or more are laid out (renumbered from 0).
        self._members = np.flatnonzero((parent >= 0) | (self.direct > 0))
        number = np.full(n + 1, -1, np.int64)
        number[self._members] = np.arange(len(self._members))
        self._pos, size = _layout(number[parent[self._members]])
        self.size = np.zeros(n, np.int64)
        self.size[self._members] = size
        self._order = self._members[np.argsort(self._pos)]

    def tree_revenue(self, revenue: np.ndarray) -> np.ndarray:
        """The revenue of every patient's descendants."""
        running = np.zeros(len(self._order) + 1, np.int64)
        np.cumsum(revenue[self._order], out=running[1:])
        start, size = self._pos + 1, self.size[self._members]
        out = np.zeros(len(revenue), np.int64)
        out[self._members] = running[start + size] - running[start]
        return out

    def direct_revenue(self, revenue: np.ndarray) -> np.ndarray:
        """The revenue of the patients each one referred directly."""
        out = np.zeros(len(revenue), np.int64)
        linked = self.parent >= 0
        np.add.at(out, self.parent[linked], revenue[linked])
        return out


def _jumps(n: int) -> int:
    """How many pointer doublings cover a chain of `n` links."""
    return max(int(n).bit_length(), 1)


def _on_loops(parent: np.ndarray) -> np.ndarray:
    """Which patients are on a loop. Following the referrer links n times from anyone
    ends on a loop, or past a patient with no referrer; the ends are every patient on a
    loop (n steps turn a loop onto itself). Doubling makes it log n passes."""
    n = len(parent)
    ahead = np.append(np.where(parent >= 0, parent, n), n)  # n: "no referrer"
    for _ in range(_jumps(n)):
        ahead = ahead[ahead]
    on_loop = np.zeros(n + 1, bool)
    on_loop[ahead] = True
    return on_loop[:n]


def _layout(parent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A depth-first order of the forest and each patient's number of descendants.

    The walk around every tree (down to each patient, back up from it), with the trees
    one after another, is a linked list of 2n steps; ranking it by pointer jumping
    gives each step's place, whatever the trees' depth: a patient's descendants are
    walked between the steps down to it and back up from it.
    """
    n = len(parent)
    up = np.where(parent >= 0, parent, n)  # the trees' roots hang from a virtual n
    order = np.argsort(up, kind="stable")  # the patients grouped by referrer
    grouped = up[order]
    first = np.r_[True, grouped[1:] != grouped[:-1]] if n else np.zeros(0, bool)
    sibling = np.full(n, -1, np.int64)
    sibling[order[:-1]] = np.where(first[1:], -1, order[1:])
    child = np.full(n + 1, -1, np.int64)
    child[grouped[first]] = order[first]
    # Steps: v is "down to v", n + v "back up from v", 2n the end.
    after = np.empty(2 * n + 1, np.int64)
    after[:n] = np.where(child[:n] >= 0, child[:n], n + np.arange(n))
    after[n:-1] = np.where(sibling >= 0, sibling, np.where(parent >= 0, n + parent, 2 * n))
    after[-1] = 2 * n
    left = np.ones(2 * n + 1, np.int64)  # steps from here to the end
    left[-1] = 0
    for _ in range(_jumps(2 * n)):
        left += left[after]
        after = after[after]
    place = 2 * n - left  # each step's place in the walk
    walk = np.empty(2 * n, np.int64)
    walk[place[:-1]] = np.arange(2 * n)
    downs_so_far = np.cumsum(walk < n)
    pos = downs_so_far[place[:n]] - 1 if n else np.zeros(0, np.int64)
    return pos, (place[n:-1] - place[:n] - 1) // 2


def influence(forest: Forest, revenue: np.ndarray, params: ReferralParams) -> Table[ReferralRow]:
    """Every referrer's direct and whole-tree referrals with their revenue, by patient id."""
    rows = (forest.direct > 0) | forest.in_loop
    tree = forest.tree_revenue(revenue)[rows]
    own, direct = revenue[rows], forest.direct[rows]
    leader = (direct >= params.min_direct) | ((tree > 0) & (tree >= params.revenue_ratio * own))
    return Table(
        ReferralRow,
        patient_id=forest.ids[rows],
        direct=direct,
        direct_revenue_fen=forest.direct_revenue(revenue)[rows],
        tree=forest.size[rows],
        tree_revenue_fen=tree,
        own_revenue_fen=own,
        leader=leader,
        in_loop=forest.in_loop[rows],
    )


def membership_level(spend_fen: int, params: MembershipParams) -> str | None:
    """The highest level whose threshold the all-time net spend reaches, or None."""
    level = None
    for name, threshold in params.levels:
        if spend_fen >= threshold:
            level = name
    return level


def membership_levels(
    ids: np.ndarray, spend_fen: np.ndarray, params: MembershipParams
) -> ByPatient[str]:
    """Each patient's membership level by all-time net spend (patients with none left out)."""
    level = np.full(len(ids), -1)
    for index, (_name, threshold) in enumerate(params.levels):
        level[spend_fen >= threshold] = index  # the last level reached, as membership_level
    members = level >= 0
    return ByPatient(ids[members], Coded(level[members], [name for name, _ in params.levels]))
