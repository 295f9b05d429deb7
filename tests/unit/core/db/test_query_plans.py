"""The query plans the engine and the call list rely on, pinned (EXPLAIN QUERY PLAN).

The planner once chose ``idx_charges_date`` over the covering index for the engine's
aggregation: 2.8 s instead of 0.84 s at 100,000 patients, with no test noticing. A plan
that changes here is a decision: check its speed (``benchmarks/``), then update the
expectation.
"""

from __future__ import annotations

import shutil

import pytest

from clinicdesk.core.calls import build_call_list
from clinicdesk.core.calls.rules import CallRules
from clinicdesk.core.db import open_clinic
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation
from clinicdesk.core.segmentation.reading import (
    CATEGORY_ROWS_SQL,
    CATEGORY_SQL,
    CHARGES_SQL,
    PATIENTS_SQL,
    SPAN,
)
from tests.conftest import DEMO_TODAY

CATEGORY = (
    "SEARCH c USING COVERING INDEX idx_charges_patient_facts"
    " (patient_id=? AND date=? AND amount_fen>?)"
)
ENGINE = {
    "charges of a range of patients": (
        CHARGES_SQL.format(span=SPAN),
        ["SEARCH charges USING COVERING INDEX idx_charges_patient_facts"
         " (patient_id>? AND patient_id<?)"],
    ),
    "patients of a range": (
        PATIENTS_SQL,
        ["CO-ROUTINE (subquery-1)",
         "SEARCH patients USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)",
         "SCAN (subquery-1)"],
    ),
    "categories of given visits": (
        CATEGORY_SQL,
        ["SCAN v VIRTUAL TABLE INDEX 1:", "CORRELATED SCALAR SUBQUERY 1", CATEGORY],
    ),
    "categories of given visits, a row each": (
        CATEGORY_ROWS_SQL,
        ["SCAN v VIRTUAL TABLE INDEX 1:", "CORRELATED SCALAR SUBQUERY 1", CATEGORY,
         "USE TEMP B-TREE FOR ORDER BY"],
    ),
}  # fmt: skip
# The call list's steps on the big tables (charges, contacts, care dates, appointments,
# claims), each distinct plan once in the order first run, as the app runs them (it never
# runs ANALYZE). The contacts are read once along their covering index (the window of
# recent calls); charges only through idx_charges_recall (one loose index scan for the
# items, one per item for its categories, one range per item and category) and, for the
# patients' own intervals and the listed patients, by patient.
CALLS = [
    ["SCAN contacts USING COVERING INDEX idx_contacts_patient_state"],
    ["SEARCH contacts USING COVERING INDEX idx_contacts_patient_state"
     " (patient_id=? AND contacted_at>?)"],
    ["SEARCH c USING INDEX idx_contacts_callbacks (next_contact>? AND next_contact<?)",
     "SEARCH d USING COVERING INDEX idx_contacts_patient_state"
     " (patient_id=? AND contacted_at>?)"],
    ["SEARCH appointments USING INDEX idx_appointments_starts (starts_at>? AND starts_at<?)"],
    ["SEARCH care_dates USING INDEX idx_care_dates_kind_date (kind=? AND date>? AND date<?)"],
    ["SEARCH care_dates USING INDEX idx_care_dates_date (date>? AND date<?)",
     "SEARCH care_dates USING INDEX idx_care_dates_yearly (<expr>=?)"],
    ["SEARCH c USING INDEX idx_charges_patient_facts (patient_id=?)"],
    ["SEARCH charges USING INDEX idx_charges_recall",
     "SEARCH charges USING INDEX idx_charges_recall (item>?)"],
    ["SEARCH charges USING INDEX idx_charges_recall (item=? AND category=?)",
     "SEARCH charges USING INDEX idx_charges_recall (item=? AND category>?)",
     "SEARCH charges USING INDEX idx_charges_recall (item=? AND category>?)"],
    ["SEARCH charges USING INDEX idx_charges_recall (item=? AND category=? AND date>?)"],
    ["SEARCH appointments USING INDEX idx_appointments_starts (starts_at>?)"],
    ["SEARCH call_claims USING COVERING INDEX idx_call_claims_day (day=?)"],
    ["SEARCH call_claims USING INDEX idx_call_claims_day (day=?)"],
    ["SEARCH c USING COVERING INDEX idx_contacts_patient_state (patient_id=? AND contacted_at>?)",
     "SEARCH c USING COVERING INDEX idx_contacts_patient_state (patient_id=? AND contacted_at>?)",
     "SEARCH h USING COVERING INDEX idx_charges_patient_facts (patient_id=?)",
     "SEARCH h USING COVERING INDEX idx_charges_patient_facts (patient_id=?)",
     "SEARCH c USING COVERING INDEX idx_contacts_patient_state (patient_id=?)"],
    ["SEARCH contacts USING COVERING INDEX idx_contacts_patient_state (patient_id=?)"],
]  # fmt: skip
BIG = (" charges", " contacts", " care_dates", " appointments", " call_claims", " c ", " d ",
       " h ")  # fmt: skip


@pytest.fixture(params=[False, True], ids=["no statistics", "after ANALYZE"])
def demo(request, demo_path, tmp_path):
    db = _copy(demo_path, tmp_path)
    if request.param:
        db.execute("ANALYZE")
    yield db
    db.close()


@pytest.fixture
def plain_demo(demo_path, tmp_path):
    db = _copy(demo_path, tmp_path)
    yield db
    db.close()


def _copy(demo_path, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copy(demo_path, path)
    return open_clinic(path)


def _plan(db, sql: str, params=()) -> list[str]:
    return [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql, params)]


@pytest.mark.parametrize("query", list(ENGINE))
def test_the_engine_reads_through_the_covering_index(demo, query):
    sql, plan = ENGINE[query]
    params = {"to": DEMO_TODAY.isoformat(), "lo": 1, "hi": 500, "visits": "[4294967296000]"}
    assert _plan(demo, sql, params) == plan


def test_the_call_list_queries_keep_their_indexes(plain_demo):
    db = plain_demo
    result = run_segmentation(db, EngineParams(TierParams.last_twelve_months(DEMO_TODAY)))
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    build_call_list(db, DEMO_TODAY, CallRules.from_clinic(db), result)
    db.conn.set_trace_callback(None)
    plans = [_plan(db, sql) for sql in statements if sql.lstrip().startswith(("SELECT", "WITH"))]
    on_big = [[s for s in p if s.startswith(("SCAN", "SEARCH")) and any(t in s + " " for t in BIG)]
              for p in plans]  # fmt: skip
    distinct = [p for n, p in enumerate(on_big) if p and p not in on_big[:n]]
    assert distinct == CALLS
