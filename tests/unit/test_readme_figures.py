"""The README's figures of the demo clinic are the demo's (they cannot drift)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation
from tests.conftest import DEMO_TODAY

DEMO_SECTION = (
    (Path(__file__).parents[2] / "README.md")
    .read_text(encoding="utf-8")
    .split("### The demo clinic")[1]
    .split("\n## ")[0]
)


def _said(pattern: str) -> float:
    found = re.search(pattern, " ".join(DEMO_SECTION.split()))
    assert found, f"the README's demo section no longer says {pattern!r}"
    return float(found.group(1)) / 100


def _top20(db, start: dt.date) -> float:
    result = run_segmentation(db, EngineParams(TierParams(start, DEMO_TODAY)))
    return result.tiers.top20_share


def test_the_top_20_share_of_the_default_view(demo_db):
    said = _said(r"top 20% of patients bring (\d+)% of the revenue of the last twelve months")
    start = TierParams.last_twelve_months(DEMO_TODAY).period_from  # the default view
    assert _top20(demo_db, start) == pytest.approx(said, abs=0.005)


def test_the_top_20_share_of_all_history(demo_db):
    said = _said(r"and (\d+)% of the revenue of all three years")
    first = demo_db.execute("SELECT min(date) FROM charges").fetchone()[0]
    assert _top20(demo_db, dt.date.fromisoformat(first)) == pytest.approx(said, abs=0.005)


def test_the_share_the_engine_names_opinion_leaders(demo_db):
    said = _said(r"names (\d+)% in the default view")
    result = run_segmentation(demo_db, EngineParams(TierParams.last_twelve_months(DEMO_TODAY)))
    patients = demo_db.execute("SELECT count(*) FROM patients").fetchone()[0]
    leaders = sum(r.leader for r in result.referrals)
    assert leaders / patients == pytest.approx(said, abs=0.005)
