"""Building the day's call list: who to phone, why, in what order.

Reasons (a patient appears once, with all of theirs; the first in `REASONS` leads):
- callback: the date agreed at the last contact has come;
- recall: a follow-up care date is due, or a maintenance item's usual interval passed;
- care: a birthday or personal date in the next few days;
- thanks: a patient they referred had a first visit recently;
- reactivation: overdue or lapsed on their own rhythm (former A/B first);
- cadence: no contact for longer than their tier's cadence.
Excluded: do-not-call, archived or merged, no phone, contacted by anyone within the
rules' days (today by default), a later call agreed (snoozed), and patients another
staff member claimed today unless all are asked for.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.calls.rules import REASONS, CallRules
from clinicdesk.core.segmentation.engine import SegmentationResult

ORDERS = ("value", "easiest", "owner")
Detail = tuple[str, dict[str, object]]  # a message key of clinicdesk.core.i18n and its values
REACTIVATION_MAX_DAYS = 3 * 365  # older than this is a campaign, not a daily call
MAINTENANCE_WINDOW = 60  # days a maintenance item stays "due"; after that, reactivation
_TIER_RANK = {"A": 0, "B": 1, "C": 2}


@dataclass
class CallEntry:
    """One patient on the list.

    Attributes:
        reasons: (reason, detail) pairs, the leading reason first.
        score: the "easiest first" score (higher: more likely to answer and accept).
        script_id: the script to read instead of the reason's (a campaign's own).
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
    script_id: int | None = None

    @property
    def reason(self) -> str:
        """The leading reason."""
        return self.reasons[0][0]

    def why(self, language: str) -> str:
        """The reasons' details on one line (they are in `language` already)."""
        return i18n.message("calls.reason_sep", language).join(d for _, d in self.reasons)


def build_call_list(
    db: Database,
    today: dt.date,
    rules: CallRules,
    result: SegmentationResult,
    *,
    staff_id: int | None = None,
    show_all: bool = False,
    order: str = "value",
    language: str = "zh_CN",
) -> list[CallEntry]:
    """Today's list for `staff_id` (None: everyone's), in the chosen order; the reasons'
    details in `language`."""
    reasons: dict[int, list[tuple[str, Detail]]] = defaultdict(list)
    for reason, found in (
        ("callback", _callbacks(db, today)),
        ("recall", _recalls(db, today, rules)),
        ("care", _care(db, today, rules)),
        ("thanks", _thanks(db, today, rules)),
        ("reactivation", _reactivation(result)),
        ("cadence", _cadence(db, today, rules, result)),
    ):
        for pid, detail in found:
            reasons[pid].append((reason, detail))
    entries = _entries(db, today, rules, reasons, result, language)
    entries = [
        e for e in entries if show_all or staff_id is None or e.claimed_by in (None, staff_id)
    ]
    return sort_entries(entries, order)


def sort_entries(entries: list[CallEntry], order: str) -> list[CallEntry]:
    """Order the list: by value (tier, then revenue), easiest first, or by owner."""

    def value(e: CallEntry) -> tuple[object, ...]:
        return (_TIER_RANK.get(e.tier or "", 3), not e.alarm, -e.revenue_fen, e.patient_id)

    if order == "easiest":
        return sorted(entries, key=lambda e: (-e.score, e.patient_id))
    if order == "owner":
        return sorted(entries, key=lambda e: (e.owner is None, e.owner or "", *value(e)))
    return sorted(entries, key=value)


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _callbacks(db: Database, today: dt.date) -> list[tuple[int, Detail]]:
    # The call-back agreed in each patient's latest contact (newest by date, as the
    # patient's history orders them; ids follow the order of entry, not of the calls).
    rows = db.execute(
        "SELECT c.patient_id, c.next_contact FROM contacts c"
        " WHERE c.next_contact BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM contacts d"
        " WHERE d.patient_id = c.patient_id AND (d.contacted_at > c.contacted_at"
        " OR (d.contacted_at = c.contacted_at AND d.id > c.id)))",
        [_iso(today - dt.timedelta(days=30)), _iso(today)],
    )
    return [(r[0], ("calls.detail.callback", {"date": r[1]})) for r in rows]


def _recalls(db: Database, today: dt.date, rules: CallRules) -> list[tuple[int, Detail]]:
    back = _iso(today - dt.timedelta(days=rules.recall_days_back))
    found: list[tuple[int, Detail]] = [
        (r[0], ("calls.detail.follow_up", {"title": r[1]}))
        for r in db.execute(
            "SELECT patient_id, title FROM care_dates WHERE kind = 'follow_up' AND done_at IS NULL"
            " AND date BETWEEN ? AND ?",
            [back, _iso(today)],
        )
    ]
    keys = list(rules.maintenance_days)
    if keys:
        marks = ", ".join("?" * len(keys))
        window = today - dt.timedelta(days=MAINTENANCE_WINDOW)
        # Only charges recent enough to fall due in the window need reading.
        earliest = window - dt.timedelta(days=max(rules.maintenance_days.values()))
        rows = db.execute(
            f"SELECT patient_id, item, category, max(date) FROM charges WHERE amount_fen > 0"
            f" AND date >= ? AND (item IN ({marks}) OR category IN ({marks}))"
            f" GROUP BY patient_id, item",
            [earliest.isoformat(), *keys, *keys],
        )
        ordinals: dict[str, int] = {}
        start, end = window.toordinal(), today.toordinal()
        for pid, item, category, last in rows:
            days = rules.maintenance_days.get(item, rules.maintenance_days.get(category or ""))
            if not days:
                continue
            day = ordinals.get(last) or ordinals.setdefault(
                last, dt.date.fromisoformat(last).toordinal()
            )
            if start <= day + days <= end:
                found.append((pid, ("calls.detail.maintenance", {"item": item, "date": last})))
    return found


def _care(db: Database, today: dt.date, rules: CallRules) -> list[tuple[int, Detail]]:
    days = [today + dt.timedelta(days=n) for n in range(rules.care_days_ahead + 1)]
    month_days = [d.strftime("%m-%d") for d in days]
    # 29 February falls on the 28th in other years (as lists.next_birthday has it).
    month_days += [
        "02-29" for d in days if (d.month, d.day) == (2, 28) and not calendar.isleap(d.year)
    ]
    marks = ", ".join("?" * len(month_days))
    found: list[tuple[int, Detail]] = [
        (r[0], ("calls.detail.birthday", {"date": r[1]}))
        for r in db.execute(
            f"SELECT id, substr(birth_date, 6) FROM patients WHERE birth_date IS NOT NULL"
            f" AND substr(birth_date, 6) IN ({marks})",
            month_days,
        )
    ]
    rows = db.execute(
        f"SELECT patient_id, title, date FROM care_dates WHERE kind <> 'follow_up' AND done_at IS"
        f" NULL AND ((yearly = 0 AND date BETWEEN ? AND ?) OR (yearly = 1 AND substr(date, 6)"
        f" IN ({marks})))",
        [_iso(days[0]), _iso(days[-1]), *month_days],
    )
    found += [(r[0], ("calls.detail.care", {"title": r[1], "date": r[2][5:]})) for r in rows]
    return found


def _thanks(db: Database, today: dt.date, rules: CallRules) -> list[tuple[int, Detail]]:
    rows = db.execute(
        "SELECT p.referred_by, p.name, p.first_visit FROM patients p WHERE p.referred_by IS NOT"
        " NULL AND p.first_visit BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM contacts c"
        " WHERE c.patient_id = p.referred_by AND c.purpose = 'thanks'"
        " AND c.contacted_at >= p.first_visit)",
        [_iso(today - dt.timedelta(days=rules.thanks_days)), _iso(today)],
    )
    return [(r[0], ("calls.detail.thanks", {"name": r[1], "date": r[2]})) for r in rows]


def _reactivation(result: SegmentationResult) -> list[tuple[int, Detail]]:
    return [
        (r.patient_id, ("calls.detail.reactivation", {"days": r.days_since}))
        for r in result.lapse
        if r.status in ("overdue", "lapsed") and r.days_since <= REACTIVATION_MAX_DAYS
    ]


def _cadence(
    db: Database, today: dt.date, rules: CallRules, result: SegmentationResult
) -> list[tuple[int, Detail]]:
    tiers = {r.patient_id: r.tier for r in result.tiers.rows}
    last_contact = dict(
        db.execute(
            "SELECT patient_id, max(contacted_at) FROM contacts GROUP BY patient_id"
        ).fetchall()
    )
    found: list[tuple[int, Detail]] = []
    for pid, tier in tiers.items():
        days = rules.cadence_days.get(tier)
        last = last_contact.get(pid)
        if days is None:
            continue
        if last is None:
            found.append((pid, ("calls.detail.never_contacted", {"tier": tier})))
        elif dt.date.fromisoformat(last[:10]) <= today - dt.timedelta(days=days):
            since = (today - dt.date.fromisoformat(last[:10])).days
            found.append((pid, ("calls.detail.cadence", {"tier": tier, "days": since})))
    return found


def _entries(
    db: Database,
    today: dt.date,
    rules: CallRules,
    reasons: dict[int, list[tuple[str, Detail]]],
    result: SegmentationResult,
    language: str,
) -> list[CallEntry]:
    if not reasons:
        return []
    import json

    ids = json.dumps(sorted(reasons))
    since = _iso(today - dt.timedelta(days=rules.contacted_within_days))
    rows = db.execute(
        """SELECT p.id, p.name, coalesce(p.mobile, p.mobile2), p.owner_id, s.name,
                  (SELECT max(contacted_at) FROM contacts c WHERE c.patient_id = p.id),
                  (SELECT next_contact FROM contacts c WHERE c.patient_id = p.id
                     ORDER BY contacted_at DESC, id DESC LIMIT 1),
                  (SELECT staff_id FROM call_claims k WHERE k.patient_id = p.id AND k.day = ?)
           FROM patients p LEFT JOIN staff s ON s.id = p.owner_id
           WHERE p.id IN (SELECT value FROM json_each(?)) AND p.do_not_call = 0
             AND p.archived = 0 AND p.merged_into IS NULL
             AND coalesce(p.mobile, p.mobile2) IS NOT NULL""",
        [_iso(today), ids],
    ).fetchall()
    tiers = {r.patient_id: r.tier for r in result.tiers.rows}
    lapse = {r.patient_id: r for r in result.lapse}
    spend = {r.patient_id: r.measure for r in result.tiers.rows}
    scores = _scores(db, today, ids)
    entries = []
    for pid, name, mobile, owner_id, owner, last_contact, next_contact, claimed in rows:
        if last_contact and last_contact[:10] >= since:
            continue  # somebody already called: no double calls
        own = sorted(reasons[pid], key=lambda r: REASONS.index(r[0]) if r[0] in REASONS else 0)
        if next_contact and next_contact > _iso(today):
            own = [r for r in own if r[0] not in ("reactivation", "cadence")]  # snoozed
            if not own:
                continue
        row = lapse.get(pid)
        entry = CallEntry(
            pid,
            name,
            mobile,
            tiers.get(pid),
            owner_id,
            owner,
            [(reason, i18n.message(key, language, **params)) for reason, (key, params) in own],
            scores.get(pid, 0.0),
            spend.get(pid, 0),
            row.last_visit if row else None,
            None,
            bool(row and row.alarm),
            claimed,
        )
        due = next((p for _, (key, p) in own if key == "calls.detail.maintenance"), None)
        if due and own[0][0] == "recall":  # the script speaks of the item that is due
            entry.last_item, entry.last_visit = str(due["item"]), str(due["date"])
        entries.append(entry)
    return entries


def _scores(db: Database, today: dt.date, ids: str) -> dict[int, float]:
    """The "easiest first" score: recent positive outcomes (+2 each in a year, at most 5
    counted), loyalty (+1 per 4 visit days, at most 5), recency (-1 per 180 days since
    the last visit, at most -4), recent refusals (-3 each in 180 days) and unanswered
    calls in a row (-1 each)."""
    year = _iso(today - dt.timedelta(days=365))
    half = _iso(today - dt.timedelta(days=180))
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


def campaign_list(
    db: Database,
    today: dt.date,
    rules: CallRules,
    result: SegmentationResult,
    name: str,
    target: dict[str, object],
    *,
    order: str = "value",
    language: str = "zh_CN",
    script_id: int | None = None,
) -> list[CallEntry]:
    """A campaign's list: patients matching every part of its target (``tiers``,
    ``lapse``, ``rfm``, ``tags``, ``last_item``), with the usual exclusions; its entries
    read the campaign's own script (`script_id`) when it has one."""
    ids: set[int] | None = None

    def narrow(found: set[int]) -> None:
        nonlocal ids
        ids = found if ids is None else ids & found

    if target.get("tiers"):
        narrow({r.patient_id for r in result.tiers.rows if r.tier in target["tiers"]})  # type: ignore[operator]
    if target.get("lapse"):
        narrow({r.patient_id for r in result.lapse if r.status in target["lapse"]})  # type: ignore[operator]
    if target.get("rfm"):
        narrow({r.patient_id for r in result.rfm if r.segment in target["rfm"]})  # type: ignore[operator]
    if target.get("tags"):
        import json

        narrow(
            {
                r[0]
                for r in db.execute(
                    "SELECT pt.patient_id FROM patient_tags pt JOIN tags t ON t.id = pt.tag_id"
                    " WHERE t.name IN (SELECT value FROM json_each(?))",
                    [json.dumps(target["tags"])],
                )
            }
        )
    if target.get("last_item"):
        narrow(
            {
                r[0]
                for r in db.execute(
                    "SELECT patient_id FROM charges c WHERE amount_fen > 0 AND item = ? AND date ="
                    " (SELECT max(date) FROM charges d WHERE d.patient_id = c.patient_id"
                    " AND d.amount_fen > 0)",
                    [target["last_item"]],
                )
            }
        )
    reasons: dict[int, list[tuple[str, Detail]]] = {
        pid: [("campaign", ("calls.detail.campaign", {"name": name}))] for pid in (ids or set())
    }
    entries = _entries(db, today, rules, reasons, result, language)
    for entry in entries:
        entry.script_id = script_id
    return sort_entries(entries, order)
