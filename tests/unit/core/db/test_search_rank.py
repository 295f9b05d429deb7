"""Search ranks like a person: the exact card, then the phone ending with the digits
typed, then the exact name, then pinyin initials or full pinyin, then the rest; within
a rank, recent visitors first. Every result says why it matched."""

from __future__ import annotations

import pytest

from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.core.db.search import normalise_query, ranked_search, search_patients


def _ids(db, text):
    return [hit.patient_id for hit in ranked_search(db, text)]


def _visit(db, patient_id, date):
    add_charge(db, patient_id, date=date, item="洁牙", amount_fen=29800)


def test_an_exact_card_number_comes_first(db):
    longer = add_patient(db, name="李娜", card_no="VIP28391")
    exact = add_patient(db, name="张敏", card_no="VIP2839")
    assert _ids(db, "vip2839") == [exact, longer]


def test_a_full_mobile_finds_its_patient_first(db):
    add_patient(db, name="李娜", mobile="13915057475")
    owner = add_patient(db, name="王丽玲", mobile="15057475214")
    assert _ids(db, "150 5747 5214") == [owner]


def test_the_phone_ending_with_the_digits_comes_before_other_digit_matches(db):
    inside = add_patient(db, name="李娜", mobile="13928390000")
    card = add_patient(db, name="张敏", card_no="C2839")
    ending = add_patient(db, name="王芳", mobile="13900002839")
    assert _ids(db, "2839")[0] == ending
    assert set(_ids(db, "2839")[1:]) == {inside, card}


def test_a_second_phone_ending_with_the_digits_counts_too(db):
    inside = add_patient(db, name="李娜", mobile="13928390000")
    second = add_patient(db, name="王芳", mobile="13900001111", mobile2="18600002839")
    assert _ids(db, "2839") == [second, inside]


def test_three_digits_are_not_a_phone_ending(db):
    add_patient(db, name="王芳", mobile="13900002839")
    assert [hit.match for hit in ranked_search(db, "839")] == ["text"]


def test_an_exact_name_comes_before_names_that_start_with_it_and_those_that_hold_it(db):
    holds = add_patient(db, name="小王丽")
    starts = add_patient(db, name="王丽玲")
    exact = add_patient(db, name="王丽")
    assert _ids(db, "王丽") == [exact, starts, holds]


def test_an_exact_name_comes_before_the_same_text_as_pinyin(db):
    prefix = add_patient(db, name="林小红")
    pinyin = add_patient(db, name="林")
    name = add_patient(db, name="Lin")
    assert _ids(db, "lin") == [name, pinyin, prefix]


def test_exact_initials_come_before_initials_that_start_with_them(db):
    longer = add_patient(db, name="王丽玲霞")
    exact = add_patient(db, name="王丽玲")
    assert _ids(db, "wll") == [exact, longer]


def test_the_kinds_rank_card_then_phone_ending_then_the_rest(db):
    inside = add_patient(db, name="李娜", mobile="13880001234")
    ending = add_patient(db, name="王芳", mobile="13912348000")
    card = add_patient(db, name="张敏", card_no="8000")
    assert _ids(db, "8000") == [card, ending, inside]


def test_within_a_rank_recent_visitors_come_first(db):
    never = add_patient(db, name="王丽玲", mobile="13900005214")
    long_ago = add_patient(db, name="王丽玲", mobile="13600005214")
    lately = add_patient(db, name="王丽玲", mobile="15057475214")
    _visit(db, long_ago, "2023-03-01")
    _visit(db, lately, "2026-11-20")
    assert _ids(db, "5214") == [lately, long_ago, never]
    assert _ids(db, "王丽玲") == [lately, long_ago, never]


def test_recency_orders_only_within_a_rank(db):
    text = add_patient(db, name="李娜", mobile="13952140000")
    ending = add_patient(db, name="王芳", mobile="13900005214")
    _visit(db, text, "2026-11-20")
    assert _ids(db, "5214") == [ending, text]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("vip001", "card"),
        ("13800138000", "phone"),
        ("8000", "phone_end"),
        ("38000", "phone_end"),
        ("王小明", "name"),
        ("王小", "name"),
        ("wxm", "pinyin_initials"),
        ("wx", "pinyin_initials"),
        ("wangxiaoming", "pinyin"),
        ("wangxiao", "pinyin"),
        ("小明", "text"),
        ("0013", "text"),
        ("ip00", "text"),
    ],
)
def test_each_result_says_why_it_matched(db, text, match):
    add_patient(db, name="王小明", mobile="13800138000", card_no="VIP001")
    assert [hit.match for hit in ranked_search(db, text)] == [match]


def test_the_ids_alone_come_in_the_same_order(db):
    add_patient(db, name="王丽玲", mobile="13928390000")
    add_patient(db, name="王芳", mobile="13900002839")
    assert search_patients(db, "2839") == _ids(db, "2839")


def test_a_limit_keeps_the_best(db):
    for number in range(5):
        add_patient(db, name=f"王芳{number}")
    best = add_patient(db, name="王芳")
    assert [hit.patient_id for hit in ranked_search(db, "王芳", limit=2)][:1] == [best]
    assert len(ranked_search(db, "王芳", limit=2)) == 2


def test_a_mobile_typed_with_the_country_code_is_the_mobile():
    assert normalise_query("+86 150 5747 5214") == "15057475214"
    assert normalise_query("0086-15057475214") == "15057475214"


def test_a_merged_file_is_never_found(db):
    from clinicdesk.core.db.merge import merge_patients

    survivor = add_patient(db, name="王丽玲", mobile="15057475214")
    duplicate = add_patient(db, name="王丽玲")
    merge_patients(db, survivor, duplicate)
    assert _ids(db, "王丽玲") == [survivor]
    assert search_patients(db, "王丽玲", include_archived=True) == [survivor]
