"""The call list: each reason, each exclusion, the orders, scripts, outcomes, campaigns."""

from __future__ import annotations

import datetime as dt

import pytest

from clinicdesk.core.calls import (
    Booking,
    CallRules,
    build_call_list,
    campaign_list,
    campaign_results,
    claim,
    create_campaign,
    filled_script,
    log_outcome,
    progress_today,
)
from clinicdesk.core.calls.scripts import Script, address_as, render, unknown_placeholders
from clinicdesk.core.db.clinic import add_staff, set_setting
from clinicdesk.core.db.patients import add_patient, set_tags, update_patient
from clinicdesk.core.db.records import add_care_date, add_charge, log_contact
from clinicdesk.core.db.tier_override import set_tier_override
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation
from tests.plans import plans

TODAY = dt.date(2026, 11, 25)
RULES = CallRules()


def _iso(day: dt.date) -> str:
    return day.isoformat()


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def engine(db):
    return run_segmentation(db, EngineParams(TierParams.last_twelve_months(TODAY)))


def listed(db, **kwargs) -> dict[str, list[str]]:
    entries = build_call_list(db, TODAY, RULES, engine(db), **kwargs)
    return {e.name: [r for r, _ in e.reasons] for e in entries}


@pytest.fixture
def clinic(db):
    set_setting(db, "clinic_name", "悦颜诊所")
    return db


def patient(db, name, *charges, **fields):
    fields.setdefault("mobile", f"138{abs(hash(name)) % 10**8:08d}")
    pid = add_patient(db, name=name, **fields)
    for when, item, yuan in charges:
        add_charge(db, pid, date=when, item=item, amount_fen=yuan * 100, category="口腔")
    return pid


# Each reason


def test_a_due_post_procedure_follow_up_must_be_called(clinic):
    pid = patient(clinic, "王小明", (day(-7), "种植牙", 12800))
    add_care_date(clinic, pid, kind="follow_up", date=day(0), title="种植牙术后第7天回访")
    log_contact(clinic, pid, outcome="reached", contacted_at=day(-3) + "T10:00:00")
    entry = next(e for e in build_call_list(clinic, TODAY, RULES, engine(clinic)))
    assert (entry.reason, entry.must_call) == ("follow_up", True)


def test_a_maintenance_item_past_its_interval_is_a_recall(clinic):
    patient(clinic, "李娜", (day(-185), "洁牙", 298))
    entries = build_call_list(clinic, TODAY, RULES, engine(clinic))
    entry = next(e for e in entries if e.name == "李娜")
    assert entry.reasons[0][0] == "recall" and "洁牙" in entry.reasons[0][1]
    assert "洁牙" in filled_script(clinic, entry, "zh_CN", today=TODAY)


def test_a_birthday_in_the_next_days_is_a_care_call(clinic):
    patient(clinic, "赵敏", (day(-10), "补牙", 500), birth_date="1990-11-27")
    assert "care" in listed(clinic)["赵敏"]


@pytest.mark.parametrize(("today", "care"), [("2027-02-25", True), ("2028-02-25", False)])
def test_a_29_february_birthday_is_called_on_28_february_in_other_years(clinic, today, care):
    # As the patient file shows it (lists.next_birthday); a leap year waits for the 29th,
    # which is beyond the 3 days ahead here.
    day = dt.date.fromisoformat(today)
    patient(
        clinic, "闰日", (_iso(day - dt.timedelta(days=10)), "补牙", 500), birth_date="1992-02-29"
    )
    result = run_segmentation(clinic, EngineParams(TierParams.last_twelve_months(day)))
    entries = build_call_list(clinic, day, RULES, result)
    reasons = {r for e in entries if e.name == "闰日" for r, _ in e.reasons}
    assert ("care" in reasons) is care


def test_a_personal_date_is_a_care_call(clinic):
    pid = patient(clinic, "钱芳", (day(-10), "补牙", 500))
    add_care_date(clinic, pid, kind="personal", date=day(2), title="经期关怀")
    assert "care" in listed(clinic)["钱芳"]


def test_a_referral_who_just_came_earns_a_thank_you(clinic):
    leader = patient(clinic, "孙老师", (day(-20), "洁牙", 298))
    patient(clinic, "周同学", (day(-3), "洁牙", 298), referred_by=leader, first_visit=day(-3))
    assert "thanks" in listed(clinic)["孙老师"]


def test_a_lapsed_regular_is_reactivated(clinic):
    patient(clinic, "吴先生", *[(day(-400 + 30 * n), "洁牙", 300) for n in range(6)])
    assert "reactivation" in listed(clinic)["吴先生"]


def test_no_contact_for_longer_than_the_tiers_cadence(clinic):
    pid = patient(clinic, "郑女士", (day(-10), "热玛吉", 16800))
    log_contact(clinic, pid, outcome="reached", contacted_at=day(-40) + "T10:00:00")
    assert listed(clinic)["郑女士"] == ["cadence"]  # tier A, cadence 30 days


def _leader_fixed_as_a(db) -> int:
    """A C patient (beside a big spender) contacted 40 days ago, her tier fixed as A."""
    patient(db, "大客户", (day(-30), "种植牙", 18800))
    leader = patient(db, "陈总", (day(-100), "洁牙", 298))
    log_contact(db, leader, outcome="reached", contacted_at=day(-40) + "T10:00:00")
    set_tier_override(db, leader, "A", reason="意见领袖", until=day(180), today=TODAY)
    return leader


def test_the_cadence_follows_a_tier_fixed_by_hand(clinic):
    _leader_fixed_as_a(clinic)
    assert listed(clinic)["陈总"] == ["cadence"]  # A's 30 days, not C's 180


def test_the_entry_carries_the_fixed_tier(clinic):
    leader = _leader_fixed_as_a(clinic)
    entries = build_call_list(clinic, TODAY, RULES, engine(clinic))
    assert [e.tier for e in entries if e.patient_id == leader] == ["A"]


def test_a_campaign_for_tier_a_takes_a_patient_fixed_as_a(clinic):
    leader = _leader_fixed_as_a(clinic)
    entries = campaign_list(clinic, TODAY, RULES, engine(clinic), "A 级关怀", {"tiers": ["A"]})
    assert leader in [e.patient_id for e in entries]


def test_an_agreed_call_back_date_brings_the_patient_back(clinic):
    pid = patient(clinic, "冯女士", (day(-10), "热玛吉", 16800))
    log_contact(clinic, pid, outcome="reached", contacted_at=day(-3) + "T10:00:00",
                next_contact=day(0), callback=True)  # fmt: skip
    assert listed(clinic)["冯女士"][0] == "callback"


def test_a_retry_date_after_no_answer_is_not_a_call_back(clinic):
    pid = patient(clinic, "冯女士", (day(-10), "热玛吉", 16800))
    log_contact(clinic, pid, outcome="no_answer", contacted_at=day(-3) + "T10:00:00",
                next_contact=day(0))  # fmt: skip
    entry = build_call_list(clinic, TODAY, RULES, engine(clinic))[0]
    assert (entry.reason, entry.must_call, entry.tries) == ("cadence", False, 1)


def test_only_the_latest_contact_by_date_sets_the_call_back(clinic):
    # Logged out of order (an older call entered after a newer one): the newest call,
    # which agreed no call-back, is what counts, not the row entered last.
    pid = patient(clinic, "冯女士", (day(-10), "热玛吉", 16800))
    log_contact(clinic, pid, outcome="reached", contacted_at=day(-40) + "T10:00:00")
    log_contact(clinic, pid, outcome="reached", contacted_at=day(-50) + "T10:00:00",
                next_contact=day(0), callback=True)  # fmt: skip
    assert "callback" not in listed(clinic).get("冯女士", [])


def test_a_patient_appears_once_with_all_reasons(clinic):
    pid = patient(clinic, "陈姐", (day(-185), "洁牙", 298), birth_date="1980-11-26")
    add_care_date(clinic, pid, kind="personal", date=day(1), title="结婚纪念日")
    entries = [e for e in build_call_list(clinic, TODAY, RULES, engine(clinic)) if e.name == "陈姐"]
    assert len(entries) == 1
    assert [r for r, _ in entries[0].reasons] == ["care", "care", "recall", "cadence"]
    details = [d for _, d in entries[0].reasons]
    assert entries[0].why("zh_CN") == "；".join(details)  # a detail may hold a "，"
    assert entries[0].why("en") == "; ".join(details)


# Exclusions


@pytest.mark.parametrize("flag", ["do_not_call", "archived"])
def test_do_not_call_and_archived_are_never_listed(clinic, flag):
    pid = patient(clinic, "王小明", (day(-185), "洁牙", 298))
    update_patient(clinic, pid, **{flag: True})
    assert "王小明" not in listed(clinic)


def test_no_phone_no_call(clinic):
    patient(clinic, "无电话", (day(-185), "洁牙", 298), mobile=None)
    assert "无电话" not in listed(clinic)


def test_a_contact_today_removes_the_patient_from_every_list(clinic):
    pid = patient(clinic, "王小明", (day(-185), "洁牙", 298), birth_date="1990-11-26")
    log_contact(clinic, pid, outcome="reached", contacted_at=day(0) + "T09:00:00")
    assert "王小明" not in listed(clinic)


def test_contacted_within_n_days_is_a_rule(clinic):
    pid = patient(clinic, "王小明", (day(-185), "洁牙", 298))
    log_contact(clinic, pid, outcome="reached", contacted_at=day(-2) + "T09:00:00",
                next_contact=day(0), callback=True)  # fmt: skip
    assert "王小明" in listed(clinic)
    rules = CallRules(contacted_within_days=3)
    entries = build_call_list(clinic, TODAY, rules, engine(clinic))
    assert "王小明" not in {e.name for e in entries}


def test_claimed_by_another_is_hidden_unless_all_are_asked_for(clinic):
    me, other = add_staff(clinic, "张敏"), add_staff(clinic, "李娜")
    pid = patient(clinic, "王小明", (day(-185), "洁牙", 298))
    claim(clinic, pid, other, TODAY)
    assert "王小明" not in listed(clinic, staff_id=me)
    assert "王小明" in listed(clinic, staff_id=other)
    assert "王小明" in listed(clinic, staff_id=me, show_all=True)


def test_a_declined_patient_is_snoozed_from_reactivation(clinic):
    pid = patient(clinic, "吴先生", *[(day(-400 + 30 * n), "洁牙", 300) for n in range(6)])
    entry = next(
        e for e in build_call_list(clinic, TODAY, RULES, engine(clinic)) if e.patient_id == pid
    )
    day_before = TODAY - dt.timedelta(days=1)
    log_outcome(clinic, entry, "declined", RULES, today=day_before, caller_id=None)
    assert "吴先生" not in listed(clinic)


# Order


def test_value_order_puts_tier_a_first_and_easiest_starts_with_successes(clinic):
    big = patient(clinic, "大客户", (day(-185), "洁牙", 298), (day(-30), "种植牙", 18800))
    easy = patient(clinic, "好说话", (day(-185), "洁牙", 298))
    for n in range(3):  # long enough ago for their cadence (C) to have come round
        log_contact(clinic, easy, outcome="booked", contacted_at=day(-200 - n) + "T10:00:00")
    log_contact(clinic, big, outcome="declined", contacted_at=day(-200) + "T10:00:00")
    by_value = build_call_list(clinic, TODAY, RULES, engine(clinic), order="value")
    easiest = build_call_list(clinic, TODAY, RULES, engine(clinic), order="easiest")
    assert by_value[0].patient_id == big
    assert easiest[0].patient_id == easy


# Scripts


def test_placeholders_are_filled_and_fallbacks_used():
    script = Script("{称呼}您好，上次{上次项目|护理}后感觉如何？{优惠|}", "您好！")
    text = render(script, {"address": "王姐", "last_item": None, "offer": None})
    assert text == "王姐您好，上次护理后感觉如何？"


def test_a_missing_value_without_fallback_gives_the_templates_fallback_text():
    script = Script("{称呼}您好，您{间隔天数}天没来了", "您好，好久不见！")
    assert render(script, {"address": "王姐", "days_since": None}) == "您好，好久不见！"


@pytest.mark.parametrize(
    "body", ["{__class__}", "{称呼.__init__}", "{0}", "{称呼!r}", "{unknown}", "{称呼}{__dict__}"]
)
def test_no_template_can_reach_python_or_show_a_raw_placeholder(body):
    # Nothing is evaluated: an unknown name is a missing value, so the fallback is read.
    assert render(Script(body, "您好"), {"address": "王姐"}) == "您好"


def test_typos_in_templates_are_pointed_out():
    assert unknown_placeholders("{称呼}您好 {上次项木}") == ["上次项木"]


@pytest.mark.parametrize(
    ("name", "sex", "age", "override", "expected"),
    [
        ("王小明", "F", 35, None, "王姐"),
        ("王小明", "F", 22, None, "王女士"),
        ("李大为", "M", 40, None, "李先生"),
        ("欧阳娜娜", "F", 30, None, "欧阳姐"),
        ("单雄信", None, 40, None, "单雄信"),
        ("曾明", "F", 40, "曾老师", "曾老师"),
    ],
)
def test_how_to_address_the_patient(name, sex, age, override, expected):
    assert address_as(name, sex, age, override) == expected


# Working the list


def test_logging_an_outcome_updates_the_log_and_the_list(clinic):
    me = add_staff(clinic, "张敏")
    pid = patient(clinic, "王小明", (day(-185), "洁牙", 298))
    entry = next(
        e for e in build_call_list(clinic, TODAY, RULES, engine(clinic)) if e.patient_id == pid
    )
    log_outcome(clinic, entry, "no_answer", RULES, caller_id=me, today=TODAY)
    row = clinic.execute("SELECT outcome, purpose, next_contact, staff_id FROM contacts").fetchone()
    assert row == ("no_answer", "recall", day(3), me)  # tier A: try again in 3 days
    assert progress_today(clinic, TODAY, me).called == 1


def test_an_outcome_is_logged_on_the_day_given_not_the_wall_clocks(clinic):
    pid = patient(clinic, "王小明", (day(-185), "洁牙", 298))
    entry = next(
        e for e in build_call_list(clinic, TODAY, RULES, engine(clinic)) if e.patient_id == pid
    )
    log_outcome(clinic, entry, "reached", RULES, today=TODAY, caller_id=None, at=dt.time(10, 30))
    assert clinic.execute("SELECT contacted_at FROM contacts").fetchone() == (day(0) + "T10:30:00",)


def test_progress_counts_todays_calls(clinic):
    pid = patient(clinic, "王小明", (day(-185), "洁牙", 298))
    for outcome in ("no_answer", "reached", "booked"):
        log_contact(clinic, pid, outcome=outcome, contacted_at=day(0) + "T10:00:00")
    done = progress_today(clinic, TODAY)
    assert (done.called, done.reached, done.booked) == (3, 2, 1)


def test_progress_counts_only_the_day_itself(clinic):
    pid = patient(clinic, "王小明", (day(-185), "洁牙", 298))
    for when in (day(-1) + "T23:59:59", day(0) + "T00:00:00", day(0) + "T23:59:59", day(1)):
        log_contact(clinic, pid, outcome="reached", contacted_at=when)
    assert progress_today(clinic, TODAY).called == 2


@pytest.mark.parametrize("staff", [None, 1])
def test_progress_reads_the_days_contacts_by_the_index(clinic, staff):
    # Logging a call re-counts the day: a scan of 920k contacts took 220-344 ms at 100k
    # patients, a range on the indexed column 4 ms.
    with plans(clinic) as seen:
        progress_today(clinic, TODAY, staff)
    assert seen == [
        "SEARCH contacts USING INDEX idx_contacts_at (contacted_at>? AND contacted_at<?)"
    ]


def test_campaign_list_and_figures_match_the_log(clinic):
    a = patient(clinic, "甲", (day(-30), "洁牙", 300))
    b = patient(clinic, "乙", (day(-30), "洁牙", 300))
    set_tags(clinic, a, ["读书会"], kind="circle")
    set_tags(clinic, b, ["读书会"], kind="circle")
    patient(clinic, "丙", (day(-30), "洁牙", 300))
    campaign = create_campaign(clinic, "洁牙激活 2026-12", {"tags": ["读书会"]})
    entries = campaign_list(
        clinic, TODAY, RULES, engine(clinic), "洁牙激活 2026-12", {"tags": ["读书会"]}
    )
    assert {e.name for e in entries} == {"甲", "乙"}
    booking = Booking(f"{day(3)} 10:00", "洁牙")
    for entry, outcome in zip(entries, ("booked", "no_answer"), strict=True):
        log_outcome(clinic, entry, outcome, RULES, campaign_id=campaign, today=TODAY,
                    caller_id=None, booking=booking if outcome == "booked" else None)  # fmt: skip
    results = campaign_results(clinic, campaign)
    assert (results.contacted, results.reached, results.booked) == (2, 1, 1)
    assert results.conversion == 0.5


def test_an_item_charged_in_two_categories_is_recalled_by_its_latest_charge(clinic):
    rules = CallRules(maintenance_days={"皮肤护理": 30, "口腔": 180})
    pid = add_patient(clinic, name="冯女士", mobile="13800001234")
    add_charge(clinic, pid, date=day(-100), item="护理", amount_fen=500, category="口腔")
    add_charge(clinic, pid, date=day(-40), item="护理", amount_fen=500, category="皮肤护理")
    entry = next(e for e in build_call_list(clinic, TODAY, rules, engine(clinic)))
    assert (entry.reason, entry.last_item, entry.last_visit) == ("recall", "护理", day(-40))
