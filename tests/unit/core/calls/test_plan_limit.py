"""A list cut to its first entries (``clinicdesk calls --limit``) is the whole list's
head, with the whole list's counts."""

from __future__ import annotations

import datetime as dt

import pytest

from clinicdesk.core.calls import CallRules, plan_calls
from clinicdesk.core.calls.entry import ORDERS
from clinicdesk.core.calls.store import claim
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.clinic import add_staff
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation

TODAY = dt.date(2026, 11, 25)  # the demo's day
RULES = CallRules()


@pytest.fixture(scope="module")
def result(demo_path):
    db = open_clinic(demo_path)
    yield run_segmentation(db, EngineParams(TierParams.last_twelve_months(TODAY)))
    db.close()


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("limit", [1, 30, 100_000])
def test_a_limit_gives_the_head_of_the_whole_list(demo_db, result, order, limit):
    whole = plan_calls(demo_db, TODAY, RULES, result, order=order)
    cut = plan_calls(demo_db, TODAY, RULES, result, order=order, limit=limit)
    assert cut.entries == whole.entries[:limit]


def test_a_limit_past_the_must_calls_takes_the_head_of_the_priority_part(demo_db, result):
    whole = plan_calls(demo_db, TODAY, RULES, result)
    limit = whole.must_call + 3
    cut = plan_calls(demo_db, TODAY, RULES, result, limit=limit)
    assert [e.must_call for e in cut.entries].count(False) == 3
    assert cut.entries == whole.entries[:limit]


def test_a_limit_keeps_the_whole_lists_counts(demo_db, result):
    whole = plan_calls(demo_db, TODAY, RULES, result)
    cut = plan_calls(demo_db, TODAY, RULES, result, limit=2)
    assert (cut.must_call, cut.by_priority, cut.backlog, cut.forecast) == (
        whole.must_call,
        whole.by_priority,
        whole.backlog,
        whole.forecast,
    )


def test_a_limit_counts_after_others_claims_are_left_out(demo_copy, result):
    db = open_clinic(demo_copy)
    me, other = add_staff(db, "测试甲"), add_staff(db, "测试乙")
    first = plan_calls(db, TODAY, RULES, result).entries[0].patient_id
    claim(db, first, other, TODAY)
    whole = plan_calls(db, TODAY, RULES, result, staff_id=me)
    cut = plan_calls(db, TODAY, RULES, result, staff_id=me, limit=5)
    db.close()
    assert first not in {e.patient_id for e in cut.entries}
    assert cut.entries == whole.entries[:5]


class _Stop(Exception):
    pass


def test_a_build_asked_to_stop_stops_at_its_next_check(demo_db, result):
    # A build a newer one replaced (or a closed window's) stops between its reads.
    calls = []
    whole = plan_calls(demo_db, TODAY, RULES, result, check=lambda: calls.append(1))
    assert whole.entries == plan_calls(demo_db, TODAY, RULES, result).entries
    checks = len(calls)
    assert checks >= 5
    for call in range(1, checks + 1):
        seen = []

        def check(call=call, seen=seen) -> None:
            seen.append(1)
            if len(seen) == call:
                raise _Stop

        with pytest.raises(_Stop):
            plan_calls(demo_db, TODAY, RULES, result, check=check)


def test_a_build_s_reads_are_asked_between_their_steps_too(demo_db, result, monkeypatch):
    # The workload's reads (the contacts: 0.5-0.8 s at 100,000 patients) run under
    # `stopping`: a cancel stops the statement under way (tests/unit/core/db/test_stopping).
    import clinicdesk.core.calls.plan as plan_module
    from clinicdesk.core.db.stopping import stopping

    between: list[int] = []
    plan_calls(demo_db, TODAY, RULES, result, check=lambda: between.append(1))
    monkeypatch.setattr(plan_module, "stopping", lambda conn, check: stopping(conn, check, 1_000))
    within: list[int] = []
    plan_calls(demo_db, TODAY, RULES, result, check=lambda: within.append(1))
    assert len(within) > len(between) + 10
