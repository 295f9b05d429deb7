"""One patient on a call list, the orders a list can take, and making entries.

Entries are made only for the patients a list shows (today's calls, a campaign's
targets): a few batched queries for their names, phones, owners, claims and the
"easiest first" score, never one query per patient.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.calls.priority import Priority
from clinicdesk.core.calls.reasons import Why
from clinicdesk.core.calls.rules import MUST_CALL, REASONS

if TYPE_CHECKING:
    from clinicdesk.core.segmentation.engine import SegmentationResult

ORDERS = ("priority", "value", "easiest", "owner")
_TIER_RANK = {"A": 0, "B": 1, "C": 2}


@dataclass
class CallEntry:
    """One patient on the list.

    Attributes:
        reasons: (reason, detail) pairs, the leading reason first.
        score: the "easiest first" score (higher: more likely to answer and accept).
        must_call: a reason of today's that must be called today (see `rules.MUST_CALL`).
        priority: what ranked the patient for the day's capacity.
        tries: unanswered calls in a row for these reasons; last_try: the last call's day.
        appointment_id: the appointment a confirmation or missed-appointment call is about.
        script_id: the script to read instead of the reason's (a campaign's own).
        at_risk_fen: the value at risk the priority's value was taken from (None: the
            tier's value).
    """

    patient_id: int
    name: str
    mobile: str
    tier: str | None = None
    owner_id: int | None = None
    owner: str | None = None
    reasons: list[tuple[str, str]] = field(default_factory=list)
    score: float = 0.0
    revenue_fen: int = 0
    last_visit: str | None = None
    last_item: str | None = None
    alarm: bool = False
    claimed_by: int | None = None
    must_call: bool = False
    priority: Priority = Priority(0, 0, 0)
    tries: int = 0
    last_try: str | None = None
    appointment_id: int | None = None
    script_id: int | None = None
    at_risk_fen: int | None = None

    @property
    def reason(self) -> str:
        """The leading reason."""
        return self.reasons[0][0]

    def why(self, language: str) -> str:
        """The reasons' details on one line (they are in `language` already)."""
        return i18n.message("calls.reason_sep", language).join(d for _, d in self.reasons)


def sort_entries(entries: list[CallEntry], order: str) -> list[CallEntry]:
    """Order a list: by priority, by value (tier, then revenue), easiest first, or by owner."""

    def value(e: CallEntry) -> tuple[object, ...]:
        return _value(e.tier, e.alarm, e.revenue_fen, e.patient_id)

    if order == "priority":
        return sorted(entries, key=lambda e: (-e.priority.score, -_risk(e), *value(e)))
    if order == "easiest":
        return sorted(entries, key=lambda e: (-e.score, e.patient_id))
    if order == "owner":
        return sorted(entries, key=lambda e: (e.owner is None, e.owner or "", *value(e)))
    return sorted(entries, key=value)


# The orders `leading` can apply before the entries are made (the others need the file).
ORDERS_BEFORE_ENTRIES = ("priority", "value")


def leading(chosen: list[Chosen], context: Context, order: str, limit: int) -> list[Chosen]:
    """The `limit` chosen patients whose entries lead `order` (one of
    `ORDERS_BEFORE_ENTRIES`: sorted on what the entries take from `context`, as
    `sort_entries` sorts them)."""

    def value(c: Chosen) -> tuple[object, ...]:
        p = c.patient_id
        return _value(context.tiers.get(p), context.alarm.get(p, False), context.spend.get(p, 0), p)

    if order == "priority":
        return sorted(chosen, key=lambda c: (-c.priority.score, -_risk(c), *value(c)))[:limit]
    return sorted(chosen, key=value)[:limit]


def _value(tier: str | None, alarm: bool, revenue_fen: int, patient_id: int) -> tuple[object, ...]:
    """The key of the value order: tier, former A/B now lapsing first, revenue."""
    return (_TIER_RANK.get(tier or "", 3), not alarm, -revenue_fen, patient_id)


def _risk(e: CallEntry | Chosen) -> int:
    """The value at risk an entry's priority was taken from (0: none)."""
    return e.at_risk_fen or 0


@dataclass(frozen=True, slots=True)
class Chosen:
    """A patient picked for a list, before their entry is made."""

    patient_id: int
    reasons: tuple[Why, ...]
    priority: Priority
    tries: int = 0
    last_try: int | None = None
    at_risk_fen: int | None = None

    @property
    def must_call(self) -> bool:
        """Whether a reason of theirs must be called today (see `rules.MUST_CALL`)."""
        return any(r.reason in MUST_CALL for r in self.reasons)


@dataclass(frozen=True)
class Context:
    """What entries are made with: the day, the engine's result by patient, the language
    of the details."""

    today: dt.date
    tiers: Mapping[int, str]
    spend: Mapping[int, int]
    last_visit: Mapping[int, str]
    alarm: Mapping[int, bool]
    language: str

    @classmethod
    def of(
        cls,
        today: dt.date,
        result: SegmentationResult,
        language: str,
        tiers: Mapping[int, str] | None = None,
    ) -> Context:
        """The context of an engine run: its columns looked up by patient (no row built);
        `tiers` are the tiers in force (fixed by hand over computed; default: computed)."""
        rows, lapse = result.tiers.rows, result.lapse
        tiers = rows.mapping("tier") if tiers is None else tiers
        return cls(today, tiers, rows.mapping("measure"), lapse.mapping("last_visit"),
                   lapse.mapping("alarm"), language)  # fmt: skip


def make_entries(db: Database, chosen: Sequence[Chosen], context: Context) -> list[CallEntry]:
    """The entries of the chosen patients, in their order."""
    ids = json.dumps([c.patient_id for c in chosen])
    people = {
        r[0]: r[1:]
        for r in db.execute(
            "SELECT p.id, p.name, coalesce(p.mobile, p.mobile2), p.owner_id, s.name"
            " FROM patients p LEFT JOIN staff s ON s.id = p.owner_id"
            " WHERE p.id IN (SELECT value FROM json_each(?))",
            [ids],
        )
    }
    claims = dict(
        db.execute(
            "SELECT patient_id, staff_id FROM call_claims WHERE day = ?",
            [context.today.isoformat()],
        ).fetchall()
    )
    scores = easiest_scores(db, context.today, ids)
    unknown = [
        c.patient_id
        for c in chosen
        if any(r.reason == "cadence" and r.params["last"] is None for r in c.reasons)
    ]
    last_calls = _last_reached(db, unknown)
    return [_entry(c, people[c.patient_id], claims, scores, last_calls, context) for c in chosen]


def _entry(
    c: Chosen,
    person: tuple[str, str, int | None, str | None],
    claims: dict[int, int],
    scores: dict[int, float],
    last_calls: dict[int, str],
    context: Context,
) -> CallEntry:
    name, mobile, owner_id, owner = person
    pid = c.patient_id
    own = sorted(c.reasons, key=lambda r: REASONS.index(r.reason) if r.reason in REASONS else 0)
    last_visit, alarm = context.last_visit.get(pid), context.alarm.get(pid, False)
    entry = CallEntry(
        pid,
        name,
        mobile,
        context.tiers.get(pid),
        owner_id,
        owner,
        [(r.reason, _detail(r, last_calls.get(pid), context)) for r in own],
        scores.get(pid, 0.0),
        context.spend.get(pid, 0),
        last_visit,
        None,
        alarm,
        claims.get(pid),
        c.must_call,
        c.priority,
        c.tries,
        dt.date.fromordinal(c.last_try).isoformat() if c.last_try else None,
        next((r.appointment_id for r in own if r.appointment_id is not None), None),
        at_risk_fen=c.at_risk_fen,
    )
    if own[0].item is not None:  # the script speaks of the item that is due
        entry.last_item, entry.last_visit = own[0].item
    return entry


def _detail(why: Why, last_call: str | None, context: Context) -> str:
    """A reason's detail in the entry's language; a cadence reason says how long since
    the patient was last reached (read here for those reached before the call states'
    window)."""
    key, params = why.key, why.params
    if why.reason == "cadence":
        last = params["last"]
        if last is None and last_call is not None:
            last = dt.date.fromisoformat(last_call[:10]).toordinal()
        if isinstance(last, int):
            params = {"tier": params["tier"], "days": context.today.toordinal() - last}
        else:
            key, params = "calls.detail.never_contacted", {"tier": params["tier"]}
    return i18n.message(key, context.language, **params)


def _last_reached(db: Database, patient_ids: list[int]) -> dict[int, str]:
    """Each patient's last call that was not unanswered (one grouped query)."""
    if not patient_ids:
        return {}
    rows = db.execute(
        "SELECT patient_id, max(contacted_at) FROM contacts WHERE outcome <> 'no_answer'"
        " AND patient_id IN (SELECT value FROM json_each(?)) GROUP BY patient_id",
        [json.dumps(patient_ids)],
    )
    return dict(rows.fetchall())


def easiest_scores(db: Database, today: dt.date, ids: str) -> dict[int, float]:
    """The "easiest first" score of the patients in `ids` (a JSON list): recent positive
    outcomes (+2 each in a year, at most 5 counted), loyalty (+1 per 4 visit days, at most
    5), recency (-1 per 180 days since the last visit, at most -4), recent refusals (-3
    each in 180 days) and unanswered calls in a row (-1 each)."""
    year = (today - dt.timedelta(days=365)).isoformat()
    half = (today - dt.timedelta(days=180)).isoformat()
    rows = db.execute(
        """SELECT p.value,
             (SELECT count(*) FROM contacts c WHERE c.patient_id = p.value
                AND c.outcome IN ('reached', 'booked') AND c.contacted_at >= :year),
             (SELECT count(*) FROM contacts c WHERE c.patient_id = p.value
                AND c.outcome IN ('declined', 'do_not_call') AND c.contacted_at >= :half),
             (SELECT count(DISTINCT date) FROM charges h WHERE h.patient_id = p.value
                AND h.amount_fen >= 0),
             (SELECT max(date) FROM charges h WHERE h.patient_id = p.value AND h.amount_fen >= 0),
             (SELECT group_concat(outcome) FROM (SELECT outcome FROM contacts c
                WHERE c.patient_id = p.value ORDER BY contacted_at DESC LIMIT 3))
           FROM json_each(:ids) p""",
        {"year": year, "half": half, "ids": ids},
    )
    out = {}
    for pid, positive, refused, visits, last, recent in rows:
        since = (today - dt.date.fromisoformat(last)).days if last else 720
        streak = 0
        for outcome in (recent or "").split(","):
            if outcome != "no_answer":
                break
            streak += 1
        out[pid] = (
            2 * min(positive, 5) + min(visits / 4, 5) - min(since / 180, 4) - 3 * refused - streak
        )
    return out
