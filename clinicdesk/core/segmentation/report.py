"""An engine result as a summary: a JSON-ready dict, or text in the user's language.

Used by ``clinicdesk tiers`` and by exports; money in the JSON is yuan with two
decimals, shares are fractions 0..1.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from clinicdesk.core import i18n
from clinicdesk.core.segmentation.engine import SegmentationResult
from clinicdesk.core.segmentation.lapse import STATUSES
from clinicdesk.core.segmentation.rfm import SEGMENTS
from clinicdesk.core.segmentation.tiers import TIERS
from clinicdesk.core.values import format_fen


def yuan(fen: int) -> float:
    """Fen as yuan, a number with two decimals (for JSON)."""
    return round(fen / 100, 2)


def summary_json(result: SegmentationResult, saved_run: int | None = None) -> dict[str, Any]:
    """The run's summary as the issue's JSON object, with a few more keys."""
    t, p = result.tiers, result.params.tiers
    money = p.measure == "revenue"
    return {
        "period": {"from": p.period_from.isoformat(), "to": p.period_to.isoformat()},
        "measure": p.measure,
        "cutoffs": list(p.cutoffs),
        "patients_tiered": len(t.rows),
        "no_activity": t.no_activity,
        "total": yuan(t.total_measure) if money else t.total_measure,
        "top20_share": round(t.top20_share, 4),
        "gini": round(t.gini, 4),
        "tiers": {
            s.tier: {
                "patients": s.patients,
                "patient_share": round(s.patient_share, 4),
                "revenue": yuan(s.revenue_fen),
                "revenue_share": round(s.revenue_share, 4),
                "visits": s.visits,
                "average_revenue": yuan(s.average_revenue_fen),
            }
            for s in t.summaries.values()
        },
        "movements": t.movements,
        "lapse": result.lapse.counts("status"),
        "alarm_patients": int(result.lapse.column("alarm").sum()),
        "revenue_at_risk": yuan(result.revenue_at_risk_fen),
        "opinion_leaders": int(result.referrals.column("leader").sum()),
        "rfm": result.rfm.counts("segment"),
        "membership": dict(Counter(result.membership.values())),
        "saved_run": saved_run,
    }


def summary_text(result: SegmentationResult, language: str, saved_run: int | None = None) -> str:
    """The run's summary for a person, in `language`."""

    def say(key: str, **kw: object) -> str:
        return i18n.message(key, language, **kw)

    t, p = result.tiers, result.params.tiers
    measure = say(f"tiers.measure.{p.measure}")
    cutoffs = "/".join(f"{c * 100:g}" for c in _widths(p.cutoffs))
    lines = [
        say(
            "tiers.heading", start=p.period_from, end=p.period_to, measure=measure, cutoffs=cutoffs
        ),
        say("tiers.headline", share=f"{t.top20_share:.1%}", measure=measure, gini=t.gini),
        "",
        *_table(result, say("tiers.columns").split("|")),
        "",
        say("tiers.no_activity", count=t.no_activity),
    ]
    if result.previous_run_id is not None:
        moves = say("list.sep").join(moved(result, language))
        lines.append(say("tiers.movements", moves=moves or say("tiers.no_moves")))
    lines += _lapse_lines(result, say) + _other_lines(result, say)
    if saved_run is not None:
        lines.append(say("tiers.saved", run=saved_run))
    return "\n".join(lines)


def movement_name(key: str, language: str) -> str:
    """A movement key ("A→B", "new→A", "B→none") as a person reads it."""
    return "→".join(
        i18n.message(f"tiers.move.{end}", language) if end in ("new", "none") else end
        for end in key.split("→")
    )


def moved(result: SegmentationResult, language: str) -> list[str]:
    """The tier changes since the last saved run with their counts ("A→B 29"), for the
    summary; patients who kept their tier are left out."""
    return [
        f"{movement_name(key, language)} {count:,}"
        for key, count in result.tiers.movements.items()
        if key[0] != key[-1]
    ]


def _widths(cutoffs: tuple[float, float]) -> tuple[float, float, float]:
    a, b = cutoffs
    return round(a, 4), round(b - a, 4), round(1 - b, 4)


def _table(result: SegmentationResult, header: list[str]) -> list[str]:
    rows = [header]
    for tier in TIERS:
        s = result.tiers.summaries[tier]
        rows.append(
            [
                tier,
                f"{s.patients:,}",
                f"{s.patient_share:.1%}",
                format_fen(s.revenue_fen),
                f"{s.revenue_share:.1%}",
                f"{s.visits:,}",
                format_fen(s.average_revenue_fen),
            ]
        )
    widths = [max(_width(r[i]) for r in rows) for i in range(len(header))]
    return [
        "  ".join(
            _pad(cell, w, i) for i, (cell, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in rows
    ]


def _width(text: str) -> int:
    # A Chinese character takes two columns in a terminal.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(cell: str, width: int, column: int) -> str:
    space = " " * (width - _width(cell))
    return cell + space if column == 0 else space + cell


def _lapse_lines(result: SegmentationResult, say: Any) -> list[str]:
    counts = result.lapse.counts("status")
    text = say("list.sep").join(f"{say('lapse.' + s)} {counts.get(s, 0):,}" for s in STATUSES)
    alarmed = int(result.lapse.column("alarm").sum())
    return [
        say("tiers.lapse", counts=text),
        say("tiers.alarm", count=alarmed, money=format_fen(result.revenue_at_risk_fen)),
    ]


def _other_lines(result: SegmentationResult, say: Any) -> list[str]:
    referrals = result.referrals
    leaders = referrals.column("leader")
    brought = int(referrals.column("direct_revenue_fen")[leaders].sum())  # one referrer each
    segments = result.rfm.counts("segment")
    text = say("list.sep").join(
        f"{say('rfm.' + s)} {segments[s]:,}" for s in SEGMENTS if segments.get(s)
    )
    return [
        say("tiers.leaders", count=int(leaders.sum()), money=format_fen(brought)),
        say("tiers.rfm", counts=text or "-"),
    ]
