"""The data-access layer: validation, transactions, foreign keys, money, audit."""

from __future__ import annotations

import sqlite3

import pytest

from clinicdesk.core.db.audit import entries_for
from clinicdesk.core.db.clinic import add_staff, get_setting, list_staff, set_setting
from clinicdesk.core.db.patients import (
    add_patient,
    archive_patient,
    count_patients,
    get_patient,
    referred_patients,
    set_tags,
    tags_of,
    update_patient,
)
from clinicdesk.core.db.records import (
    add_care_date,
    add_charge,
    add_visit_note,
    care_dates_of,
    charges_of,
    contacts_of,
    log_contact,
    revenue_of,
    visit_notes_of,
)
from clinicdesk.core.errors import InvalidValue


def _count(db, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def wang(db) -> int:
    return add_patient(db, name="王小明", mobile="138 0013 8000", sex="F", card_no="C001")


# Patients


def test_a_new_patient_gets_pinyin_and_a_normalised_mobile(db, wang):
    patient = get_patient(db, wang)
    assert (patient.name_pinyin, patient.name_initials) == ("wangxiaoming", "wxm")
    assert patient.mobile == "13800138000"
    assert patient.created_at == patient.updated_at != ""


def test_a_patient_needs_a_name(db):
    with pytest.raises(InvalidValue) as info:
        add_patient(db, name="  ", mobile="13800138000")
    assert info.value.message("zh_CN") == "姓名不能为空。"
    assert _count(db, "patients") == 0


def test_a_birth_date_typed_1990_3_5_saves_as_1990_03_05(db):
    pid = add_patient(db, name="李娜", birth_date="1990/3/5")
    assert get_patient(db, pid).birth_date == "1990-03-05"


def test_a_birth_date_in_the_future_is_refused(db):
    with pytest.raises(InvalidValue) as info:
        add_patient(db, name="李娜", birth_date="2999-01-01")
    assert info.value.message("zh_CN") == "出生日期：“2999-01-01”在今天之后。"


def test_a_card_number_belongs_to_one_patient(db, wang):
    with pytest.raises(InvalidValue) as info:
        add_patient(db, name="李娜", card_no="C001")
    assert info.value.message("zh_CN") == (
        "会员卡号“C001”已属于顾客“王小明”（编号 1）。请打开已有档案，或与其合并。"
    )
    assert _count(db, "patients") == 1


def test_an_unknown_field_is_refused(db):
    with pytest.raises(InvalidValue):
        add_patient(db, name="李娜", shoe_size=38)


@pytest.mark.parametrize(("field", "value"), [("sex", "X"), ("marital_status", "complicated")])
def test_choices_are_checked(db, field, value):
    with pytest.raises(InvalidValue) as info:
        add_patient(db, name="李娜", **{field: value})
    assert value in info.value.message("en")


def test_an_edit_is_audited_with_old_and_new_values(db, wang):
    update_patient(db, wang, mobile="139-0000-1111", taboos="忌讳谈年龄", staff_id=None)
    changes = entries_for(db, "patient", wang)[-1]["details"]["changes"]
    assert changes == {"mobile": ["13800138000", "13900001111"], "taboos": [None, "忌讳谈年龄"]}


def test_an_edit_that_changes_nothing_writes_nothing(db, wang):
    before = _count(db, "audit_log")
    update_patient(db, wang, name="王小明")
    assert _count(db, "audit_log") == before


def test_renaming_updates_the_pinyin(db, wang):
    assert get_patient(db, update_patient(db, wang, name="曾小明").id).name_initials == "zxm"


def test_a_refused_edit_changes_nothing(db, wang):
    with pytest.raises(InvalidValue):
        update_patient(db, wang, taboos="怕疼", mobile="12345")
    assert get_patient(db, wang).taboos is None


def test_referrals_cannot_loop(db, wang):
    li = add_patient(db, name="李娜", referred_by=wang)
    zhao = add_patient(db, name="赵敏", referred_by=li)
    with pytest.raises(InvalidValue) as info:
        update_patient(db, wang, referred_by=zhao)
    assert info.value.key == "value.referral_cycle"
    with pytest.raises(InvalidValue):
        update_patient(db, wang, referred_by=wang)
    assert [p.id for p in referred_patients(db, wang)] == [li]


def test_archived_patients_are_kept_but_not_counted(db, wang):
    add_patient(db, name="李娜")
    archive_patient(db, wang)
    assert count_patients(db) == 1
    assert count_patients(db, include_archived=True) == 2
    assert get_patient(db, wang).archived == 1


def test_tags_of_a_kind_are_replaced_as_a_whole(db, wang):
    set_tags(db, wang, ["高尔夫俱乐部", "读书会"], kind="circle")
    set_tags(db, wang, ["怕疼"], kind="tag")
    set_tags(db, wang, ["读书会", " "], kind="circle")
    assert tags_of(db, wang) == [("怕疼", "tag"), ("读书会", "circle")]


# Transactions and foreign keys


def test_a_failure_inside_a_transaction_leaves_the_file_as_it_was(db, wang):
    with pytest.raises(RuntimeError), db.atomic():
        add_patient(db, name="李娜")
        add_charge(db, wang, date="2024-05-06", item="洁牙", amount_fen=29800)
        raise RuntimeError("power cut")
    assert (_count(db, "patients"), _count(db, "charges")) == (1, 0)


def test_a_failure_in_a_file_rolls_back_across_a_reopen(clinic_path):
    from clinicdesk.core.db import open_clinic

    db = open_clinic(clinic_path)
    with pytest.raises(sqlite3.IntegrityError), db.atomic():
        add_patient(db, name="李娜")
        db.execute(
            "INSERT INTO charges (patient_id, date, item, amount_fen, created_at)"
            " VALUES (999, '2024-01-01', 'x', 1, 'now')"
        )
    db.close()
    assert _count(open_clinic(clinic_path), "patients") == 0


def test_a_charge_needs_an_existing_patient(db):
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        db.execute(
            "INSERT INTO charges (patient_id, date, item, amount_fen, created_at)"
            " VALUES (42, '2024-01-01', '洁牙', 29800, '2024-01-01T10:00:00')"
        )


def test_deleting_a_patient_takes_their_history_along(db, wang):
    add_charge(db, wang, date="2024-05-06", item="洁牙", amount_fen=29800)
    log_contact(db, wang, outcome="reached")
    with db.atomic():
        db.execute("DELETE FROM patients WHERE id = ?", [wang])
    assert (_count(db, "charges"), _count(db, "contacts")) == (0, 0)


# Money and dates


@pytest.mark.parametrize("amount", [2.5, "2.98", "abc", 0.1])
def test_the_file_refuses_money_that_is_not_integer_fen(db, wang, amount):
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute(
            "INSERT INTO charges (patient_id, date, item, amount_fen, created_at)"
            " VALUES (?, '2024-01-01', '洁牙', ?, 'now')",
            [wang, amount],
        )


def test_whole_numbers_given_as_text_or_float_are_stored_as_integers(db, wang):
    for amount in (29800.0, "29800"):
        db.execute(
            "INSERT INTO charges (patient_id, date, item, amount_fen, created_at)"
            " VALUES (?, '2024-01-01', '洁牙', ?, 'now')",
            [wang, amount],
        )
    types = db.execute("SELECT DISTINCT typeof(amount_fen) FROM charges").fetchall()
    assert types == [("integer",)]


def test_a_float_amount_is_refused_before_it_reaches_the_file(db, wang):
    with pytest.raises(InvalidValue):
        add_charge(db, wang, date="2024-05-06", item="洁牙", amount_fen=298.0)


def test_the_file_refuses_dates_that_do_not_exist(db, wang):
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute(
            "INSERT INTO charges (patient_id, date, item, amount_fen, created_at)"
            " VALUES (?, '2023-02-30', '洁牙', 100, 'now')",
            [wang],
        )


def test_refunds_are_negative_charges_and_revenue_is_net(db, wang):
    add_charge(db, wang, date="2024-05-06", item="热玛吉", amount_fen=1680000, category="光电")
    add_charge(db, wang, date="2024-05-20", item="热玛吉", amount_fen=-840000, note="退款")
    assert revenue_of(db, wang) == 840000
    assert [c.amount_fen for c in charges_of(db, wang)] == [-840000, 1680000]
    assert [c.amount_fen for c in charges_of(db, wang, limit=1)] == [-840000]  # the newest


# History


def test_visit_notes_and_care_dates_are_kept(db, wang):
    add_visit_note(db, wang, visit_date="2024-05-06", note="提到痛经明显")
    add_care_date(db, wang, kind="personal", date="2024-06-15", title="经期关怀", yearly=False)
    assert visit_notes_of(db, wang)[0].note == "提到痛经明显"
    assert care_dates_of(db, wang)[0].title == "经期关怀"


def test_do_not_call_again_also_flags_the_patient(db, wang):
    log_contact(db, wang, outcome="do_not_call", note="要求不要再来电")
    assert get_patient(db, wang).do_not_call == 1
    assert contacts_of(db, wang)[0].outcome == "do_not_call"


def test_the_newest_calls_come_first_and_a_limit_keeps_the_newest(db, wang):
    for outcome in ("no_answer", "booked", "declined"):
        log_contact(db, wang, outcome=outcome)
    assert [c.outcome for c in contacts_of(db, wang)] == ["declined", "booked", "no_answer"]
    assert [c.outcome for c in contacts_of(db, wang, limit=2)] == ["declined", "booked"]


def test_an_unknown_outcome_is_refused_with_the_choices(db, wang):
    with pytest.raises(InvalidValue) as info:
        log_contact(db, wang, outcome="maybe")
    assert "booked" in info.value.message("en")
    assert contacts_of(db, wang) == []


def test_history_for_an_unknown_patient_is_refused(db):
    with pytest.raises(InvalidValue) as info:
        add_visit_note(db, 77, visit_date="2024-05-06", note="x")
    assert info.value.message("zh_CN") == "找不到编号为 77 的顾客。"


# Clinic


def test_settings_round_trip_as_json(db):
    set_setting(db, "cadence_days", {"A": 30, "B": 90})
    set_setting(db, "clinic_name", "悦颜")
    assert get_setting(db, "cadence_days") == {"A": 30, "B": 90}
    assert get_setting(db, "clinic_name") == "悦颜"
    assert get_setting(db, "missing", 7) == 7


def test_staff_are_listed_by_name_and_roles_are_checked(db):
    add_staff(db, "张敏")
    add_staff(db, "陈雨婷", role="doctor")
    assert [s.name for s in list_staff(db)] == sorted(["张敏", "陈雨婷"])
    with pytest.raises(InvalidValue):
        add_staff(db, "李娜", role="janitor")


def test_a_staff_name_is_taken_once(db):
    add_staff(db, "张敏")
    with pytest.raises(InvalidValue) as info:
        add_staff(db, " 张敏 ")
    assert info.value.message("zh_CN") == "“张敏”这个名称已经用过了。"
