"""The duplicate guard: a file with the same mobile, the same card, or the same name and
birth date as another is not created or saved without a word; "save anyway" keeps its
reason in the audit, in the same transaction."""

from __future__ import annotations

import pytest

from clinicdesk.core.db.audit import entries_for
from clinicdesk.core.db.duplicates import DuplicatePatient, find_duplicates, likely_duplicates
from clinicdesk.core.db.merge import merge_patients
from clinicdesk.core.db.patients import add_patient, get_patient, update_patient
from clinicdesk.core.errors import InvalidValue


def _count(db) -> int:
    return db.execute("SELECT count(*) FROM patients").fetchone()[0]


@pytest.fixture
def wang(db) -> int:
    return add_patient(
        db, name="王丽玲", mobile="15057475214", card_no="VIP001", birth_date="1990-03-05"
    )


def test_a_new_file_with_the_mobile_of_another_is_refused_and_names_it(db, wang):
    with pytest.raises(DuplicatePatient) as info:
        add_patient(db, name="王丽玲", mobile="150 5747 5214")
    assert [(c.patient_id, c.rules) for c in info.value.candidates] == [(wang, ("mobile",))]
    assert "王丽玲" in info.value.message("zh_CN") and "手机号" in info.value.message("zh_CN")
    assert _count(db) == 1


def test_a_new_file_with_the_card_of_another_in_any_case_is_refused(db, wang):
    with pytest.raises(DuplicatePatient) as info:
        add_patient(db, name="李娜", card_no="vip001")
    assert info.value.candidates[0].rules == ("card_no",)


def test_the_card_of_another_cannot_be_saved_anyway(db, wang):
    with pytest.raises(DuplicatePatient) as info:
        add_patient(db, name="李娜", card_no="VIP001", save_anyway="换卡")
    assert not info.value.can_save_anyway
    assert "VIP001" in info.value.message("en") and "王丽玲" in info.value.message("en")
    assert _count(db) == 1


def test_a_new_file_with_the_name_and_birth_date_of_another_is_refused(db, wang):
    with pytest.raises(DuplicatePatient) as info:
        add_patient(db, name="王丽玲", birth_date="1990/3/5")
    assert info.value.candidates[0].rules == ("name_birth",)


@pytest.mark.parametrize("birth_date", [None, "1991-03-05"])
def test_the_same_name_alone_is_no_duplicate(db, wang, birth_date):
    assert add_patient(db, name="王丽玲", birth_date=birth_date) != wang


def test_every_rule_that_matches_is_named(db, wang):
    found = find_duplicates(db, name="王丽玲", mobile="15057475214", birth_date="1990-03-05")
    assert found[0].rules == ("mobile", "name_birth")


def test_an_archived_file_is_a_candidate_and_a_merged_one_is_not(db, wang):
    twin = add_patient(db, name="王丽", mobile="13900001111")
    update_patient(db, twin, archived=1)
    other = add_patient(
        db, name="王丽玲", mobile="13900002222", birth_date="1990-03-05", save_anyway="x"
    )
    merge_patients(db, wang, other)
    found = find_duplicates(db, mobile="13900001111")
    assert [(c.patient_id, c.archived) for c in found] == [(twin, True)]
    assert [c.patient_id for c in find_duplicates(db, mobile="13900002222")] == []


def test_saving_anyway_needs_a_reason(db, wang):
    with pytest.raises(InvalidValue) as info:
        add_patient(db, name="王丽玲", mobile="15057475214", save_anyway="  ")
    assert info.value.params["field"] == "reason"
    assert _count(db) == 1


def test_saving_anyway_keeps_the_reason_and_the_candidates_in_the_audit(db, wang):
    new = add_patient(db, name="王丽玲", mobile="15057475214", save_anyway="母女共用手机")
    entry = entries_for(db, "patient", new)[-1]
    assert entry["action"] == "create"
    assert entry["details"] == {"duplicates": [wang], "reason": "母女共用手机"}


def test_saving_anyway_is_one_transaction(db, wang, monkeypatch):
    import clinicdesk.core.db.patients as patients

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(patients.audit, "record", broken)
    with pytest.raises(RuntimeError):
        add_patient(db, name="王丽玲", mobile="15057475214", save_anyway="母女共用手机")
    assert _count(db) == 1


def test_an_edit_that_makes_a_duplicate_is_refused(db, wang):
    other = add_patient(db, name="李娜", mobile="13900001111")
    with pytest.raises(DuplicatePatient):
        update_patient(db, other, mobile="15057475214")
    assert get_patient(db, other).mobile == "13900001111"


def test_an_edit_saved_anyway_keeps_its_reason_with_the_changes(db, wang):
    other = add_patient(db, name="李娜", mobile="13900001111")
    update_patient(db, other, mobile="15057475214", save_anyway="同一家庭")
    details = entries_for(db, "patient", other)[-1]["details"]
    assert details["reason"] == "同一家庭" and details["duplicates"] == [wang]
    assert details["changes"] == {"mobile": ["13900001111", "15057475214"]}


def test_editing_other_fields_of_a_file_that_has_a_twin_is_not_held_up(db, wang):
    twin = add_patient(db, name="王丽玲", mobile="15057475214", save_anyway="母女共用手机")
    assert update_patient(db, twin, taboos="忌讳谈年龄").taboos == "忌讳谈年龄"


def test_a_file_is_no_duplicate_of_itself(db, wang):
    assert update_patient(db, wang, name="王丽玲", mobile="15057475214").id == wang


def test_search_results_mark_likely_duplicates(db, wang):
    twin = add_patient(db, name="王丽玲", mobile="15057475214", save_anyway="母女共用手机")
    alone = add_patient(db, name="李娜", mobile="13900001111")
    assert likely_duplicates(db, [wang, twin, alone]) == {wang: (twin,), twin: (wang,)}
