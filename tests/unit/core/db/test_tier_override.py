"""A tier set by hand, with a reason and an end date (the OCA ABC module's rule): fixed
over computed while valid, flagged when they differ, every change in the audit."""

from __future__ import annotations

import datetime as dt

import pytest

from clinicdesk.core.db.audit import entries_for
from clinicdesk.core.db.merge import merge_patients
from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.tier_override import (
    EffectiveTier,
    clear_tier_override,
    effective_tier,
    effective_tiers,
    overrides_on,
    set_tier_override,
    tier_override_of,
    with_fixed_tiers,
)
from clinicdesk.core.errors import InvalidValue

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def leader(db) -> int:
    return add_patient(db, name="陈总")


def _fix(db, patient_id, tier="A", until="2027-06-30", reason="意见领袖，介绍了 12 位顾客"):
    return set_tier_override(db, patient_id, tier, reason=reason, until=until, today=TODAY)


def test_a_fixed_tier_wins_over_the_computed_one_and_is_flagged(db, leader):
    override = _fix(db, leader)
    assert effective_tier("C", override, TODAY) == EffectiveTier("A", "C", "A", True)


def test_a_fixed_tier_equal_to_the_computed_one_is_not_flagged(db, leader):
    assert effective_tier("A", _fix(db, leader), TODAY).differs is False


def test_after_its_end_date_the_computed_tier_is_back(db, leader):
    override = _fix(db, leader, until="2026-11-30")
    assert effective_tier("C", override, dt.date(2026, 11, 30)).tier == "A"
    assert effective_tier("C", override, dt.date(2026, 12, 1)) == EffectiveTier(
        "C", "C", None, False
    )


def test_a_patient_without_activity_can_be_fixed(db, leader):
    assert effective_tier(None, _fix(db, leader, tier="B"), TODAY) == EffectiveTier(
        "B", None, "B", True
    )


def test_lists_get_every_patient_computed_or_fixed(db, leader):
    other = add_patient(db, name="李娜")
    _fix(db, leader)
    tiers = effective_tiers({leader: "C", other: "B"}, overrides_on(db, TODAY), TODAY)
    assert tiers == {
        leader: EffectiveTier("A", "C", "A", True),
        other: EffectiveTier("B", "B", None, False),
    }


def test_the_call_lists_tiers_take_the_fixed_ones_and_patients_without_activity(db, leader):
    other = add_patient(db, name="王女士")
    _fix(db, leader, tier="A")
    assert with_fixed_tiers(db, {other: "B"}, TODAY) == {other: "B", leader: "A"}


def test_overrides_past_their_end_date_are_not_in_force(db, leader):
    _fix(db, leader, until="2026-11-30")
    assert list(overrides_on(db, dt.date(2026, 11, 30))) == [leader]
    assert overrides_on(db, dt.date(2026, 12, 1)) == {}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reason": "  "}, "reason"),
        ({"until": ""}, "until"),
        ({"until": "2026-11-24"}, "until"),
        ({"until": "明年"}, "until"),
        ({"tier": "D"}, "tier"),
    ],
)
def test_a_fixed_tier_needs_a_tier_a_reason_and_an_end_date_not_past(db, leader, change, field):
    values = {"tier": "A", "until": "2027-06-30", "reason": "意见领袖", **change}
    with pytest.raises(InvalidValue) as info:
        _fix(db, leader, **values)
    assert info.value.params["field"] == field
    assert tier_override_of(db, leader) is None


def test_the_end_date_is_read_as_typed(db, leader):
    assert _fix(db, leader, until="2027/6/30").until == "2027-06-30"


def test_setting_changing_and_clearing_are_each_in_the_audit(db, leader):
    _fix(db, leader, tier="A")
    _fix(db, leader, tier="B", reason="已不再介绍")
    clear_tier_override(db, leader, reason="恢复按消费计算")
    entries = [(e["action"], e["details"]) for e in entries_for(db, "patient", leader)[1:]]
    assert [action for action, _ in entries] == ["tier_fixed", "tier_fixed", "tier_unfixed"]
    assert entries[1][1]["tier"] == "B" and entries[1][1]["previous"]["tier"] == "A"
    assert entries[2][1]["reason"] == "恢复按消费计算"
    assert entries[2][1]["previous"] == {"tier": "B", "until": "2027-06-30", "reason": "已不再介绍"}
    assert tier_override_of(db, leader) is None


def test_clearing_needs_a_reason_and_a_fixed_tier(db, leader):
    with pytest.raises(InvalidValue):
        clear_tier_override(db, leader, reason="恢复")
    _fix(db, leader)
    with pytest.raises(InvalidValue):
        clear_tier_override(db, leader, reason=" ")
    assert tier_override_of(db, leader) is not None


def test_a_failed_audit_write_leaves_the_tier_as_it_was(db, leader, monkeypatch):
    import clinicdesk.core.db.tier_override as module

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(module.audit, "record", broken)
    with pytest.raises(RuntimeError):
        _fix(db, leader)
    assert tier_override_of(db, leader) is None


def test_a_merge_keeps_the_duplicates_fixed_tier_when_the_survivor_has_none(db, leader):
    duplicate = add_patient(db, name="陈总（重复）")
    _fix(db, duplicate, tier="A")
    merge_patients(db, leader, duplicate)
    assert tier_override_of(db, leader).tier == "A"
    assert tier_override_of(db, duplicate) is None
