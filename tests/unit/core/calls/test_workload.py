"""Today's list is a workload: must-call, then by priority up to the capacity; the backlog
is counted, never dropped; nobody is starved; unanswered calls come back, then stop."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinicdesk.core.calls import CallRules, log_outcome, plan_calls
from clinicdesk.core.calls.priority import WAIT_CAP_DAYS, explain, priority
from clinicdesk.core.db.appointments import book, set_status
from clinicdesk.core.db.clinic import set_setting
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.recall_intervals import recall_intervals_of, set_recall_interval
from clinicdesk.core.db.records import add_charge, log_contact
from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation

TODAY = dt.date(2026, 11, 25)  # a Wednesday
RULES = CallRules()


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def engine(db, today=TODAY, cutoffs=(0.70, 0.90)):
    period = TierParams.last_twelve_months(today)
    return run_segmentation(db, EngineParams(TierParams(period.period_from, period.period_to,
                                                        cutoffs=cutoffs)))  # fmt: skip


def plan(db, today=TODAY, rules=RULES, result=None, **kwargs):
    return plan_calls(db, today, rules, result or engine(db, today), **kwargs)


def names(db, **kwargs) -> list[str]:
    return [e.name for e in plan(db, **kwargs).entries]


def patient(db, name, *charges, **fields) -> int:
    fields.setdefault("mobile", f"138{abs(hash(name)) % 10**8:08d}")
    pid = add_patient(db, name=name, **fields)
    for when, item, yuan in charges:
        add_charge(db, pid, date=when.isoformat(), item=item, amount_fen=yuan * 100)
    return pid


def recall_patient(db, name, yuan=298) -> int:
    """A patient whose cleaning is due (last one 185 days ago; due every 180)."""
    return patient(db, name, (day(-185), "洁牙", yuan))


def agreed_call_back(db, pid, on: dt.date, at: dt.date) -> None:
    log_contact(db, pid, outcome="reached", contacted_at=f"{at}T10:00:00",
                next_contact=on.isoformat(), callback=True)  # fmt: skip


def entry_of(db, pid, today=TODAY, **kwargs):
    return next((e for e in plan(db, today, **kwargs).entries if e.patient_id == pid), None)


def call(db, pid, outcome, on: dt.date, **kwargs) -> None:
    entry = entry_of(db, pid, on)
    assert entry is not None, f"patient {pid} is not on the list of {on}"
    log_outcome(db, entry, outcome, RULES, today=on, caller_id=None, **kwargs)


# The day's capacity


def test_todays_list_is_the_must_calls_plus_the_capacity_by_priority(db):
    recalls = [recall_patient(db, f"复诊{n}", 298 + n) for n in range(5)]
    for pid in recalls[:2]:
        agreed_call_back(db, pid, on=TODAY, at=day(-20))
    today = plan(db, capacity=2)
    assert [(e.must_call, e.reason) for e in today.entries] == [
        (True, "callback"), (True, "callback"), (False, "recall"), (False, "recall")]  # fmt: skip
    assert (today.must_call, today.by_priority, today.backlog) == (2, 2, 1)


def test_the_capacity_is_the_calls_per_caller_times_the_callers(db):
    for n in range(7):
        recall_patient(db, f"复诊{n}")
    today = plan(db, capacity=2, callers=3)
    assert (today.capacity, len(today.entries), today.backlog) == (6, 6, 1)


def test_the_calls_per_caller_are_a_clinic_setting_40_by_default(db):
    assert RULES.calls_per_caller == 40
    set_setting(db, "call_rules", {"calls_per_caller": 3})
    for n in range(5):
        recall_patient(db, f"复诊{n}")
    assert len(plan(db, rules=CallRules.from_clinic(db)).entries) == 3


def test_must_calls_are_all_listed_even_beyond_the_capacity(db):
    for n in range(3):
        pid = recall_patient(db, f"约定{n}")
        agreed_call_back(db, pid, on=TODAY, at=day(-20))
    today = plan(db, capacity=1)
    assert (today.must_call, today.by_priority) == (3, 0)


def test_the_backlog_is_counted_per_tier_never_dropped(db):
    big = patient(db, "大客户", (day(-185), "洁牙", 300), (day(-20), "种植牙", 20000))
    small = recall_patient(db, "小客户", 298)
    middle = recall_patient(db, "中客户", 2000)
    today = plan(db, capacity=1)
    assert [e.patient_id for e in today.entries] == [big]
    assert today.waiting == (middle, small)  # the next in priority first
    assert (today.backlog, sum(today.backlog_by_tier.values())) == (2, 2)
    assert set(today.backlog_by_tier) <= {"A", "B", "C", "-"}


# Priority: value, urgency, waiting; nobody starved


def _cadence_patient(db, name, yuan, reached: dt.date) -> int:
    pid = patient(db, name, (day(-10), "补牙", yuan))
    log_contact(db, pid, outcome="reached", contacted_at=f"{reached}T10:00:00")
    return pid


def test_a_c_patient_who_has_waited_long_rises_above_a_fresh_b(db):
    _cadence_patient(db, "甲", 7000, reached=day(-3))
    b = _cadence_patient(db, "乙", 2000, reached=day(-90))  # B: due today
    c = _cadence_patient(db, "丙", 1000, reached=day(-200))  # C: due 20 days ago
    today = plan(db, capacity=1)
    assert [(e.patient_id, e.tier) for e in today.entries] == [(c, "C")]
    assert entry_of(db, b, capacity=2).tier == "B"


def test_the_priority_is_value_times_base_urgency_and_waiting(db):
    _cadence_patient(db, "甲", 7000, reached=day(-40))  # tier A, cadence 30: waited 10 days
    entry = plan(db).entries[0]
    assert entry.priority == (4, 0, 10) and entry.priority.score == 4 * (7 + 0 + 10)
    assert (
        explain(entry.priority, "zh_CN") == "优先级 68 = 价值 4 ×（基础 7 + 紧迫 0 + 已等 10 天）"
    )


def test_never_reached_patients_have_waited_the_longest_counted(db):
    recall_patient(db, "复诊")
    assert plan(db).entries[0].priority.waiting == WAIT_CAP_DAYS


tiers = st.sampled_from(["A", "B", "C", None])
statuses = st.sampled_from(["on_rhythm", "due", "overdue", "lapsed", None])


@given(tiers, st.booleans(), statuses, tiers, st.booleans(), statuses,
       st.integers(WAIT_CAP_DAYS, 10_000), st.integers(0, 2))  # fmt: skip
def test_anyone_who_waited_the_longest_counted_outranks_everyone_fresh(
    tier, risk, status, other, other_risk, other_status, waited, fresh
):
    assert priority(tier, risk, status, waited).score > priority(
        other, other_risk, other_status, fresh).score  # fmt: skip


@given(tiers, st.booleans(), statuses, st.integers(0, WAIT_CAP_DAYS - 1))
def test_every_day_of_waiting_raises_the_priority(tier, risk, status, waited):
    assert (
        priority(tier, risk, status, waited + 1).score > priority(tier, risk, status, waited).score
    )


def test_nobody_is_starved_when_the_new_a_patients_alone_fill_the_capacity(db):
    # Two A patients come due every day and the capacity is two calls: by value alone the
    # C patient due on day 0 would never be called. Waiting lifts them above a fresh A.
    a_patients = {}
    for n in range(40):
        pid = _cadence_patient(db, f"甲{n}", 1000, reached=day(n // 2 - 30))
        a_patients[pid] = n // 2  # the day they come due
    c = _cadence_patient(db, "丙", 1, reached=day(-180))
    result = engine(db, cutoffs=(0.999, 0.9999))
    called: dict[int, int] = {}
    for d in range(26):
        for entry in plan(db, day(d), result=result, capacity=2).entries:
            log_outcome(db, entry, "reached", RULES, today=day(d), caller_id=None)
            called.setdefault(entry.patient_id, d)
    assert called[c] <= 25
    assert all(called[p] - due <= 3 for p, due in a_patients.items() if due <= 20)


# Reminder limits


def test_no_answer_brings_the_patient_back_after_the_tiers_retry_days(db):
    pid = recall_patient(db, "复诊")  # tier A: retry in 3 days
    call(db, pid, "no_answer", TODAY)
    assert entry_of(db, pid, day(1)) is None and entry_of(db, pid, day(2)) is None
    back = entry_of(db, pid, day(3))
    assert (back.tries, back.last_try) == (1, TODAY.isoformat())


def test_after_three_unanswered_calls_in_a_row_the_patient_leaves_until_a_cadence_later(db):
    pid = recall_patient(db, "复诊")
    for d in (0, 3, 6):
        call(db, pid, "no_answer", day(d))
    assert all(entry_of(db, pid, day(d)) is None for d in (9, 20, 35))
    back = entry_of(db, pid, day(36))  # tier A: 30 days after the last try
    assert back is not None and back.tries == 0


def test_the_unanswered_limit_is_a_setting(db):
    rules = CallRules(max_unanswered=1)
    pid = recall_patient(db, "复诊")
    call(db, pid, "no_answer", TODAY)
    assert entry_of(db, pid, day(3), rules=rules) is None


def test_a_new_reason_brings_a_patient_who_stopped_answering_back(db):
    pid = patient(db, "复诊", (day(-185), "洁牙", 298), birth_date="1990-12-10")
    for d in (0, 3, 6):
        call(db, pid, "no_answer", day(d))
    entry = entry_of(db, pid, day(12))  # three days before the birthday
    assert (entry.reason, entry.must_call, entry.tries) == ("care", True, 0)


def test_an_unanswered_must_call_is_tried_again_after_the_retry_days(db):
    pid = recall_patient(db, "约定")
    agreed_call_back(db, pid, on=TODAY, at=day(-20))
    call(db, pid, "no_answer", TODAY)
    assert entry_of(db, pid, day(1)) is None
    back = entry_of(db, pid, day(3))
    assert (back.reason, back.tries) == ("callback", 1)


def test_a_call_that_reached_the_patient_settles_a_must_call_reason(db):
    pid = patient(db, "寿星", (day(-10), "补牙", 500), birth_date="1990-11-27")
    call(db, pid, "reached", TODAY)
    assert entry_of(db, pid, day(1)) is None


def test_a_call_that_reached_the_patient_keeps_them_off_the_capacity_lists_a_cadence(db):
    pid = recall_patient(db, "复诊")
    call(db, pid, "reached", TODAY)
    assert entry_of(db, pid, day(29)) is None
    assert entry_of(db, pid, day(30)).reason == "recall"  # still not booked, a month on


# Appointments on the list


def test_tomorrows_appointments_must_be_confirmed(db):
    pid = patient(db, "预约", (day(-10), "补牙", 500))
    aid = book(db, pid, starts_at=f"{day(1)} 14:30", item="洁牙")
    entry = entry_of(db, pid)
    assert (entry.reason, entry.must_call, entry.appointment_id) == ("confirm", True, aid)
    assert "11-26 14:30 洁牙" in entry.reasons[0][1]
    set_status(db, aid, "confirmed")
    assert entry_of(db, pid) is None


def test_on_saturday_the_appointments_up_to_monday_are_confirmed(db):
    sunday = patient(db, "周日", (day(-10), "补牙", 500))
    monday = patient(db, "周一", (day(-10), "补牙", 500))
    book(db, sunday, starts_at=f"{day(4)} 10:00", item="洁牙")
    book(db, monday, starts_at=f"{day(5)} 10:00", item="洁牙")
    assert day(3).weekday() == 5  # Saturday; calls are made Monday to Saturday
    assert {e.patient_id for e in plan(db, day(2)).entries} == set()
    assert {e.patient_id for e in plan(db, day(3)).entries} == {sunday, monday}


def test_a_patient_with_an_appointment_ahead_is_on_no_recall_reactivation_or_cadence_list(db):
    pid = patient(db, "已约", (day(-185), "洁牙", 298), birth_date="1990-11-27")
    book(db, pid, starts_at=f"{day(10)} 10:00", item="洁牙")
    assert [r for r, _ in entry_of(db, pid).reasons] == ["care"]


def test_a_no_show_is_called_the_next_day(db):
    pid = patient(db, "爽约", (day(-10), "补牙", 500))
    aid = book(db, pid, starts_at=f"{day(-1)} 10:00", item="洁牙")
    set_status(db, aid, "no_show")
    entry = entry_of(db, pid)
    assert (entry.reason, entry.must_call, entry.appointment_id) == ("no_show", True, aid)


def test_a_no_show_who_booked_again_is_not_called(db):
    pid = patient(db, "爽约", (day(-10), "补牙", 500))
    set_status(db, book(db, pid, starts_at=f"{day(-1)} 10:00", item="洁牙"), "no_show")
    book(db, pid, starts_at=f"{day(6)} 10:00", item="洁牙")
    assert entry_of(db, pid) is None


# A patient's own recall interval


def test_a_patients_own_interval_comes_before_the_items(db):
    soon = patient(db, "勤快", (day(-100), "洁牙", 298))
    late = patient(db, "随缘", (day(-185), "洁牙", 298))
    set_recall_interval(db, soon, "洁牙", 90)
    set_recall_interval(db, late, "洁牙", 365)
    reasons = {e.patient_id: [r for r, _ in e.reasons] for e in plan(db).entries}
    assert "recall" in reasons[soon] and "recall" not in reasons.get(late, [])


def test_an_item_with_no_clinic_interval_recalls_by_the_patients_own(db):
    pid = patient(db, "补牙", (day(-40), "补牙", 500))
    set_recall_interval(db, pid, "补牙", 30)
    assert entry_of(db, pid).reasons[0][1] == "补牙到期（上次 2026-10-16）"


def test_an_own_interval_is_kept_audited_and_can_be_taken_away(db):
    pid = patient(db, "补牙", (day(-40), "补牙", 500))
    set_recall_interval(db, pid, "补牙", 30)
    set_recall_interval(db, pid, "洁牙", 120)
    set_recall_interval(db, pid, "补牙", None)
    assert recall_intervals_of(db, pid) == {"洁牙": 120}


@pytest.mark.parametrize("days", [0, -5, 3651, 1.5, True])
def test_an_interval_that_is_not_a_number_of_days_is_refused(db, days):
    pid = patient(db, "补牙", (day(-40), "补牙", 500))
    with pytest.raises(InvalidValue) as info:
        set_recall_interval(db, pid, "补牙", days)
    assert "1 到 3650" in info.value.message("zh_CN")
    assert recall_intervals_of(db, pid) == {}


# The days ahead


def test_the_forecast_covers_the_next_14_working_days_against_the_capacity(db):
    recall_patient(db, "今日")
    forecast = plan(db, capacity=5, callers=2).forecast
    assert len(forecast) == 14 and all(f.day.weekday() != 6 for f in forecast)
    assert forecast[0].day == day(1) and all(f.capacity == 10 for f in forecast)


def test_the_forecast_counts_what_comes_due_on_each_day(db):
    later = recall_patient(db, "五天后")
    log_contact(db, later, outcome="reached", contacted_at=f"{day(-25)}T10:00:00")  # back on day 5
    agreed = patient(db, "三天后", (day(-10), "补牙", 500))
    agreed_call_back(db, agreed, on=day(3), at=day(-1))
    today = plan(db)
    forecast = {f.day: f for f in today.forecast}
    assert today.entries == []
    assert (forecast[day(3)].must_call, forecast[day(5)].newly_due) == (1, 1)
    assert sum(f.must_call + f.newly_due for f in forecast.values()) == 2


def test_the_forecast_carries_the_backlog_as_the_spare_capacity_drains_it(db):
    for n in range(7):
        recall_patient(db, f"复诊{n}")
    forecast = plan(db, capacity=2).forecast  # 2 listed today, 5 waiting
    assert [f.backlog for f in forecast[:4]] == [5, 3, 1, 0]


# On the demo clinic


@pytest.mark.parametrize("callers", [1, 2])
def test_on_the_demo_todays_list_is_at_most_the_must_calls_and_40_per_caller(demo_db, callers):
    result = run_segmentation(demo_db, EngineParams(TierParams.last_twelve_months(TODAY)))
    today = plan_calls(demo_db, TODAY, RULES, result, callers=callers)
    assert len(today.entries) <= today.must_call + 40 * callers
    assert today.by_priority == min(40 * callers, today.by_priority + today.backlog)
    assert today.backlog > 0  # the demo has more due than two callers make in a day
    scores = [e.priority.score for e in today.entries if not e.must_call]
    assert scores == sorted(scores, reverse=True)
