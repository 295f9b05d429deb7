"""The facts the engine reads: every charge of every patient, as arrays, from one pass."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinicdesk.core.db.patients import update_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.core.segmentation.reading import load_facts, ordinals, with_categories

AS_OF = dt.date(2025, 12, 31)


def _charge(clinic, pid, date, yuan, category="口腔"):
    add_charge(clinic.db, pid, date=date, item="项目", amount_fen=yuan * 100, category=category)


@pytest.mark.parametrize("text", ["2024-02-29", "2000-03-01", "1999-12-31", "0001-01-01"])
def test_packed_dates_become_the_ordinals_python_gives(text):
    packed = (text * 3).encode("ascii")
    assert ordinals(packed).tolist() == [dt.date.fromisoformat(text).toordinal()] * 3


@given(st.lists(st.dates(), max_size=40))
def test_any_packed_dates_become_the_ordinals_python_gives(days):
    packed = "".join(d.isoformat() for d in days).encode("ascii")
    assert ordinals(packed).tolist() == [d.toordinal() for d in days]


def test_charges_are_grouped_by_patient_and_ordered_by_day(clinic):
    first = clinic.patient(("2025-05-01", 300), ("2024-01-09", 100))  # entered out of order
    second = clinic.patient(("2025-02-01", -50))
    facts = load_facts(clinic.db, AS_OF)
    assert facts.ids.tolist() == [first, second] and facts.starts.tolist() == [0, 2, 3]
    days = [dt.date(2024, 1, 9), dt.date(2025, 5, 1), dt.date(2025, 2, 1)]
    assert facts.day.tolist() == [d.toordinal() for d in days]
    assert facts.amount.tolist() == [10000, 30000, -5000] and facts.owner.tolist() == [0, 0, 1]


def test_archived_patients_and_archived_referrers_are_left_out(clinic):
    referrer = clinic.patient(("2025-01-01", 100))
    referred = clinic.patient(("2025-01-02", 100), referred_by=referrer)
    update_patient(clinic.db, referrer, archived=1)
    facts = load_facts(clinic.db, AS_OF)
    assert facts.ids.tolist() == [referred] and facts.referred_by.tolist() == [0]
    assert facts.amount.tolist() == [10000]


def test_visits_are_distinct_days_without_refunds_up_to_the_day(clinic):
    clinic.patient(("2025-03-01", 100), ("2025-03-01", 50), ("2025-04-01", -80), ("2026-02-01", 9))
    visits = load_facts(clinic.db, AS_OF).visits(AS_OF)
    assert visits.days.tolist() == [dt.date(2025, 3, 1).toordinal()]
    assert visits.starts.tolist() == [0, 1] and visits.count.tolist() == [1]


def test_spend_sums_a_window_with_refunds(clinic):
    clinic.patient(("2024-12-31", 100), ("2025-03-01", 500), ("2025-04-01", -80))
    facts = load_facts(clinic.db, AS_OF)
    assert facts.spend(dt.date(2025, 1, 1), AS_OF).tolist() == [42000]
    assert facts.spend().tolist() == [52000]


def test_the_last_category_is_the_last_visit_days_up_to_the_period_end(clinic):
    pid = clinic.patient()
    _charge(clinic, pid, "2025-03-01", 100, "注射")
    _charge(clinic, pid, "2025-06-01", -100, "光电")  # a refund is no visit
    _charge(clinic, pid, "2026-01-05", 100, "体检")  # after the period
    facts = load_facts(clinic.db, AS_OF)
    assert facts.last_category == ("注射",) and facts.categories_as_of == AS_OF
    later = with_categories(clinic.db, facts, dt.date(2026, 1, 31))
    assert later.last_category == ("体检",) and later.day is facts.day


@pytest.mark.parametrize("name", [None, "", "口腔", "a\x1fb", ">", "a,b"])
def test_a_last_category_is_read_as_it_was_written(clinic, name):
    first, second = clinic.patient(), clinic.patient()
    _charge(clinic, first, "2025-03-01", 100, name)
    _charge(clinic, second, "2025-03-01", 100, "体检")
    assert load_facts(clinic.db, AS_OF).last_category == (name, "体检")


def test_previous_tiers_become_codes_per_patient(clinic):
    from clinicdesk.core.segmentation import save_tier_run

    clinic.patient(("2025-03-01", 900))
    clinic.patient(("2025-03-01", 100))
    clinic.patient()
    save_tier_run(clinic.db, clinic.run())
    facts = load_facts(clinic.db, AS_OF)
    assert facts.previous_tiers == {1: "A", 2: "C"}
    assert facts.previous_codes.tolist() == [0, 2, -1]
    assert facts.previous_run_id == 1 and np.all(facts.referred_by == 0)


def test_categories_for_another_period_end_equal_a_fresh_read(clinic):
    pid, other = clinic.patient(), clinic.patient()
    _charge(clinic, pid, "2025-03-01", 100, "注射")
    _charge(clinic, pid, "2025-09-01", 100, "光电")
    _charge(clinic, other, "2025-09-01", 100, "体检")
    facts = load_facts(clinic.db, AS_OF)
    for day in (dt.date(2025, 6, 1), dt.date(2025, 1, 1), AS_OF):
        moved = with_categories(clinic.db, facts, day)
        assert moved.last_category == load_facts(clinic.db, day).last_category


def test_reading_the_patients_in_parts_gives_the_same_facts(clinic, monkeypatch):
    from clinicdesk.core.segmentation import reading

    for n in range(7):
        clinic.patient(*[(f"2025-0{m}-1{n}", 100 * n + m) for m in range(1, n + 1)])
    update_patient(clinic.db, 3, archived=1)
    whole = load_facts(clinic.db, AS_OF)
    monkeypatch.setattr(reading, "PART", 2)
    parts = load_facts(clinic.db, AS_OF)
    for name in ("ids", "starts", "day", "amount", "owner", "category_codes", "referred_by"):
        assert np.array_equal(getattr(parts, name), getattr(whole, name)), name
    assert len(parts.ids) == 6 and len(parts.day) == 19
