"""The value model's outcome for the CLI: a summary for a person, and JSON.

Model parameters keep full precision (time in days, Gamma-Gamma money in yuan); money
per patient is yuan with two decimals, probabilities fractions 0..1.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.value.calibration import Calibration
from clinicdesk.core.value.overview import names_of
from clinicdesk.core.value.service import ValueResult
from clinicdesk.core.values import format_fen

TOP = 10


def top_names(db: Database, result: ValueResult, count: int = TOP) -> dict[int, str]:
    """The names of the `count` patients of highest lifetime value."""
    ids = [int(i) for i in result.patients.ids[result.patients.top(count)]]
    return names_of(db, ids)


def value_json(result: ValueResult, names: dict[int, str]) -> dict[str, Any]:
    """The run as one JSON-ready object."""
    p, bg, gg = result.params, result.bgnbd, result.gamma_gamma
    return {
        "to": p.to.isoformat(),
        "patients": len(result.patients.ids),
        "repeat_patients": result.repeat_patients,
        "horizon_months": p.horizon_months,
        "monthly_discount": p.monthly_discount,
        "forecast_months": p.forecast_months,
        "bgnbd": {
            "r": bg.r,
            "alpha": bg.alpha,
            "a": bg.a,
            "b": bg.b,
            "unit": "day",
            "log_likelihood": bg.log_likelihood,
        },  # fmt: skip
        "gamma_gamma": None
        if gg is None
        else {
            "p": gg.p,
            "q": gg.q,
            "gamma": gg.gamma,
            "currency": "yuan",
            "log_likelihood": gg.log_likelihood,
            "patients": result.spend_patients,
            "mean_spend": gg.population_mean,
        },  # fmt: skip
        "check": _check_json(result.check),
        "top": [_patient_json(result, i, names) for i in result.patients.top(TOP)],
    }


def value_text(result: ValueResult, language: str, names: dict[int, str]) -> str:
    """The run's summary for a person, in `language`."""

    def say(key: str, **kw: object) -> str:
        return i18n.message(key, language, **kw)

    p, bg, gg = result.params, result.bgnbd, result.gamma_gamma
    lines = [
        say(
            "clv.heading", to=p.to, patients=len(result.patients.ids), repeat=result.repeat_patients
        ),
        say("clv.bgnbd", r=bg.r, alpha=bg.alpha, a=bg.a, b=bg.b, ll=bg.log_likelihood),
        _spend_line(result, say),
        check_sentence(result.check, language),
    ]
    if gg is not None:
        lines += ["", say("clv.top", count=TOP, months=p.horizon_months,
                          discount=f"{p.monthly_discount:.1%}")]  # fmt: skip
        lines += _top_lines(result, names, say)
    return "\n".join(lines)


def _spend_line(result: ValueResult, say: Any) -> str:
    gg = result.gamma_gamma
    if gg is None:
        return str(say("clv.no_spend", needed=result.check.needed))
    mean = "-" if gg.population_mean is None else format_fen(round(gg.population_mean * 100))
    return str(say("clv.gamma_gamma", p=gg.p, q=gg.q, gamma=gg.gamma, ll=gg.log_likelihood,
                   mean=mean))  # fmt: skip


def check_sentence(check: Calibration, language: str) -> str:
    """The calibration check's totals as a sentence, or why there are none (the CLI's
    line and the tier overview's)."""
    if not check.enough:
        return i18n.message("clv.check_too_little", language, cutoff=check.cutoff,
                            repeat=check.repeat_patients, needed=check.needed)  # fmt: skip
    return i18n.message("clv.check", language, cutoff=check.cutoff, to=check.end,
                        predicted=check.predicted, actual=check.actual)  # fmt: skip


def _top_lines(result: ValueResult, names: dict[int, str], say: Any) -> list[str]:
    lines = ["  ".join(say("clv.columns", forecast=result.params.forecast_months).split("|"))]
    for i in result.patients.top(TOP):
        row = _patient_json(result, int(i), names)
        lines.append("  ".join([
            str(row["patient_id"]), row["name"], f"{row['p_alive']:.0%}", f"{row['visits']:.1f}",
            format_fen(round(row["revenue"] * 100)), format_fen(round(row["lifetime_value"] * 100)),
        ]))  # fmt: skip
    return lines


def _check_json(check: Calibration) -> dict[str, Any]:
    return {
        "cutoff": check.cutoff.isoformat(),
        "to": check.end.isoformat(),
        "repeat_patients": check.repeat_patients,
        "needed": check.needed,
        "enough": check.enough,
        "predicted": None if check.predicted is None else round(check.predicted, 2),
        "actual": check.actual,
        "rows": [
            {
                "prior_visits": r.prior_visits,
                "patients": r.patients,
                "predicted": round(r.predicted, 4),
                "actual": round(r.actual, 4),
            }
            for r in check.rows
        ],  # fmt: skip
    }


def _patient_json(result: ValueResult, i: int, names: dict[int, str]) -> dict[str, Any]:
    p = result.patients
    pid = int(p.ids[i])
    return {
        "patient_id": pid,
        "name": names.get(pid, ""),
        "p_alive": round(float(p.p_alive[i]), 4),
        "visits": round(float(p.visits[i]), 3),
        "revenue": _yuan(p.revenue_fen[i]),
        "lifetime_value": _yuan(p.clv_fen[i]),
    }


def _yuan(fen: float) -> float | None:
    return None if np.isnan(fen) else round(float(fen) / 100, 2)
