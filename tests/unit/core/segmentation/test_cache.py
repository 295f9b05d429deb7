"""The facts cache: a parameter change re-uses the facts while the file's data is unchanged."""

from __future__ import annotations

import datetime as dt

import pytest

from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation
from clinicdesk.core.segmentation.cache import FactsCache

DAY = dt.date(2025, 12, 31)


@pytest.fixture
def cache():
    kept = FactsCache()
    yield kept
    kept.clear()


@pytest.fixture
def clinic_file(clinic_path):
    db = open_clinic(clinic_path)
    for yuan in (900, 100):
        add_charge(db, add_patient(db, name="顾客"), date="2025-06-01", item="洁牙",
                   amount_fen=yuan * 100)  # fmt: skip
    yield db
    db.close()


def test_new_cutoffs_measure_or_period_reuse_the_facts(clinic_file, cache):
    first = cache.facts(clinic_file, DAY)
    assert cache.facts(clinic_file, DAY) is first


def test_another_connection_committing_makes_the_facts_read_again(clinic_file, clinic_path, cache):
    first = cache.facts(clinic_file, DAY)
    other = open_clinic(clinic_path)
    add_charge(other, 1, date="2025-07-01", item="洁牙", amount_fen=100)
    other.close()
    again = cache.facts(clinic_file, DAY)
    assert again is not first and len(again.day) == 3


def test_a_write_on_the_callers_own_connection_is_seen_too(clinic_file, cache):
    first = cache.facts(clinic_file, DAY)
    add_charge(clinic_file, 2, date="2025-07-01", item="洁牙", amount_fen=100)
    assert len(cache.facts(clinic_file, DAY).day) == len(first.day) + 1


def test_another_period_end_reads_only_the_categories(clinic_file, cache):
    first = cache.facts(clinic_file, DAY)
    later = cache.facts(clinic_file, dt.date(2026, 3, 1))
    assert later.categories_as_of == dt.date(2026, 3, 1) and later.day is first.day


def test_a_file_replaced_on_disk_is_another_file(clinic_file, clinic_path, tmp_path, cache):
    cache.facts(clinic_file, DAY)
    copy = tmp_path / "other.db"
    other = open_clinic(copy)
    add_patient(other, name="别人")
    other.close()
    clinic_file.close()
    for suffix in ("-wal", "-shm"):  # as a restore does: a new file under the old name
        clinic_path.with_name(clinic_path.name + suffix).unlink(missing_ok=True)
    copy.replace(clinic_path)
    db = open_clinic(clinic_path)
    try:
        assert cache.facts(db, DAY).ids.tolist() == [1] and len(cache.facts(db, DAY).day) == 0
    finally:
        db.close()


def test_uncommitted_changes_are_never_kept(clinic_file, cache):
    with clinic_file.atomic():
        add_charge(clinic_file, 1, date="2025-08-01", item="洁牙", amount_fen=100)
        inside = cache.facts(clinic_file, DAY)
    assert cache.facts(clinic_file, DAY) is not inside


def test_an_engine_run_through_the_cache_equals_one_without(clinic_file, cache):
    params = EngineParams(TierParams.last_twelve_months(DAY, measure="visits"))
    cached = run_segmentation(clinic_file, params, cache=cache)
    assert cached == run_segmentation(clinic_file, params)


def test_another_period_end_s_categories_are_read_beside_and_equal_a_fresh_read(
    clinic_file, cache, monkeypatch
):
    import clinicdesk.core.segmentation.cache as cache_module
    from clinicdesk.core.segmentation.reading import load_facts

    for pid, day, category in [(1, "2025-03-01", "口腔"), (2, "2025-04-01", "光电"),
                               (2, "2025-09-01", "注射")]:  # fmt: skip
        add_charge(clinic_file, pid, date=day, item="项目", category=category, amount_fen=100)
    opened = []
    real = cache_module.one_snapshot

    def spy(db):
        opened.append(db)
        return real(db)

    monkeypatch.setattr(cache_module, "one_snapshot", spy)
    cache.facts(clinic_file, DAY)
    earlier = dt.date(2025, 5, 1)  # both patients' last visits up to it move: one each
    moved = cache.facts(clinic_file, earlier)
    fresh = load_facts(clinic_file, earlier)
    assert opened == [clinic_file]
    names = lambda facts: [facts.category_names[c] if c >= 0 else None  # noqa: E731
                           for c in facts.category_codes]  # fmt: skip
    assert names(moved) == names(fresh) == ["口腔", "光电"]
