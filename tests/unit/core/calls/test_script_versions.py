"""Scripts that learn: every version kept, two side by side, results per version."""

from __future__ import annotations

import datetime as dt

import pytest

from clinicdesk.core.calls import (
    Booking,
    CallRules,
    build_call_list,
    campaign_list,
    create_campaign,
    filled_scripts,
    log_outcome,
)
from clinicdesk.core.calls.script_store import (
    list_scripts,
    save_script,
    script_for,
    script_id_for,
    use_versions,
    version_results,
    versions_of,
)
from clinicdesk.core.db.clinic import add_staff, set_setting
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation

TODAY = dt.date(2026, 11, 25)
RULES = CallRules()


def _patient(db, name: str, owner: int | None = None) -> int:
    pid = add_patient(db, name=name, mobile=f"138{abs(hash(name)) % 10**8:08d}", owner_id=owner)
    add_charge(db, pid, date="2026-05-20", item="洁牙", amount_fen=29800)
    return pid


def _entries(db):
    result = run_segmentation(db, EngineParams(TierParams.last_twelve_months(TODAY)))
    return build_call_list(db, TODAY, RULES, result)


@pytest.fixture
def recall(db) -> int:
    return script_id_for(db, "recall", None, "zh_CN")


def test_editing_a_script_keeps_the_old_version(db, recall):
    before = script_for(db, "recall", None, "zh_CN")
    new_id = save_script(db, recall, "{称呼}您好，新的说法", "您好")
    versions = versions_of(db, recall)
    assert [(v.version, v.body, v.active) for v in versions] == [
        (1, before.body, False), (2, "{称呼}您好，新的说法", True)]  # fmt: skip
    assert script_for(db, "recall", None, "zh_CN").version_id == new_id


def test_two_versions_side_by_side_alternate_by_patient(db, recall):
    first = versions_of(db, recall)[0].id
    second = save_script(db, recall, "第二种说法", "您好", side_by_side=True)
    got = {pid: script_for(db, "recall", None, "zh_CN", pid).version_id for pid in range(1, 7)}
    assert got == {1: second, 2: first, 3: second, 4: first, 5: second, 6: first}
    assert script_for(db, "recall", None, "zh_CN", 3).version_id == second  # always the same


def test_an_older_wording_can_be_put_back_in_use(db, recall):
    first = versions_of(db, recall)[0].id
    save_script(db, recall, "试过不好的说法", "您好")
    use_versions(db, recall, [first])
    assert script_for(db, "recall", None, "zh_CN").version_id == first


@pytest.mark.parametrize("how_many", [0, 3])
def test_one_or_two_versions_are_in_use_never_more_or_none(db, recall, how_many):
    for n in range(3):
        save_script(db, recall, f"说法{n}", "您好")
    ids = [v.id for v in versions_of(db, recall)][:how_many]
    with pytest.raises(InvalidValue):
        use_versions(db, recall, ids)


def test_the_listing_shows_the_newest_text(db, recall):
    save_script(db, recall, "最新的说法", "您好")
    assert next(s for s in list_scripts(db) if s.id == recall).body == "最新的说法"


def test_scripts_sign_with_the_callers_name_not_the_owners(db):
    set_setting(db, "clinic_name", "悦颜诊所")
    owner, caller = add_staff(db, "张敏"), add_staff(db, "李娜")
    _patient(db, "王小明", owner)
    entry = _entries(db)[0]
    text = filled_scripts(db, [entry], "zh_CN", today=TODAY, caller="李娜")[0].text
    assert "我是悦颜诊所的李娜" in text and "张敏" not in text
    assert caller


def test_two_versions_on_one_campaign_give_each_versions_conversion_from_the_log(db):
    campaign_script = script_id_for(db, "campaign", None, "zh_CN")
    one = versions_of(db, campaign_script)[0].id
    two = save_script(db, campaign_script, "{称呼}您好，第二种说法", "您好", side_by_side=True)
    pids = [_patient(db, f"顾客{n}") for n in range(8)]
    campaign = create_campaign(db, "洁牙活动", {"tiers": ["A", "B", "C"]}, campaign_script)
    result = run_segmentation(db, EngineParams(TierParams.last_twelve_months(TODAY)))
    entries = campaign_list(db, TODAY, RULES, result, "洁牙活动", {"tiers": ["A", "B", "C"]},
                            script_id=campaign_script)  # fmt: skip
    assert sorted(e.patient_id for e in entries) == pids
    scripts = filled_scripts(db, entries, "zh_CN", today=TODAY)
    outcomes = "booked no_answer reached booked booked declined reached booked".split()
    for entry, script, outcome in zip(entries, scripts, outcomes, strict=True):
        booking = Booking(f"{TODAY + dt.timedelta(days=3)} 10:00", "洁牙")
        log_outcome(db, entry, outcome, RULES, today=TODAY, caller_id=None, campaign_id=campaign,
                    script_version_id=script.version_id,
                    booking=booking if outcome == "booked" else None)  # fmt: skip
    figures = {r.version_id: (r.calls, r.reached, r.booked, r.conversion)
               for r in version_results(db, campaign_script, campaign)}  # fmt: skip
    log = {
        v: db.execute(
            "SELECT count(*), sum(outcome IN ('reached', 'booked')), sum(outcome = 'booked')"
            " FROM contacts WHERE campaign_id = ? AND script_version_id = ?", [campaign, v]
        ).fetchone()
        for v in (one, two)
    }  # fmt: skip
    assert {v: f[:3] for v, f in figures.items()} == log
    assert {v: f[3] for v, f in figures.items()} == {v: c[2] / c[0] for v, c in log.items()}
    assert sum(f[0] for f in figures.values()) == 8 and len(figures) == 2


def test_filling_many_scripts_takes_as_many_queries_as_filling_one(db):
    for n in range(12):
        _patient(db, f"顾客{n}")
    entries = _entries(db)
    filled_scripts(db, entries, "zh_CN", today=TODAY)  # the shipped scripts are written once

    def queries(batch) -> int:
        seen: list[str] = []
        db.conn.set_trace_callback(seen.append)
        try:
            filled_scripts(db, batch, "zh_CN", today=TODAY)
        finally:
            db.conn.set_trace_callback(None)
        return len(seen)

    assert len(entries) == 12
    assert queries(entries) == queries(entries[:1])
