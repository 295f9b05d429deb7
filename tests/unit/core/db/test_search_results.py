"""Result lines: the masked phone with the digits that matched marked, why, the last
visit, and the likely duplicates."""

from __future__ import annotations

import pytest

from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.core.db.search import ranked_search
from clinicdesk.core.db.search_results import describe, phone_highlight


def _rows(db, text, **kwargs):
    return describe(db, text, ranked_search(db, text), **kwargs)


def test_a_phone_ending_is_marked_in_the_masked_number(db):
    add_patient(db, name="王丽玲", mobile="15057475214")
    (row,) = _rows(db, "5214")
    assert (row.phone, row.highlight, row.match) == ("150****5214", (7, 11), "phone_end")
    assert row.phone[slice(*row.highlight)] == "5214"


def test_a_whole_number_is_marked_whole(db):
    add_patient(db, name="王丽玲", mobile="15057475214")
    (row,) = _rows(db, "150-5747-5214")
    assert (row.phone, row.highlight, row.match) == ("150****5214", (0, 11), "phone")


def test_revealed_numbers_are_marked_at_the_same_place(db):
    add_patient(db, name="王丽玲", mobile="15057475214")
    (row,) = _rows(db, "0574", reveal=True)
    assert (row.phone, row.highlight, row.match) == ("15057475214", (2, 6), "text")


def test_the_second_phone_is_shown_when_only_it_matched(db):
    add_patient(db, name="王丽玲", mobile="13900001111", mobile2="0571-8888 2839")
    (row,) = _rows(db, "2839")
    assert (row.phone, row.match) == ("0571-8888 2839", "phone_end")
    assert row.phone[slice(*row.highlight)] == "2839"


def test_a_name_match_marks_no_digits(db):
    add_patient(db, name="王丽玲", mobile="15057475214")
    (row,) = _rows(db, "wll")
    assert (row.phone, row.highlight, row.match) == ("150****5214", None, "pinyin_initials")


def test_the_last_visit_is_the_last_charge_that_is_not_a_refund(db):
    pid = add_patient(db, name="王丽玲")
    add_charge(db, pid, date="2026-10-01", item="洁牙", amount_fen=29800)
    add_charge(db, pid, date="2026-10-09", item="洁牙", amount_fen=-29800)
    assert _rows(db, "王丽玲")[0].last_visit == "2026-10-01"


def test_likely_duplicates_are_marked(db):
    first = add_patient(db, name="王丽玲", mobile="15057475214")
    second = add_patient(db, name="王丽玲", mobile="15057475214", save_anyway="母女共用手机")
    assert {r.patient_id: r.duplicates for r in _rows(db, "王丽玲")} == {
        first: (second,),
        second: (first,),
    }


@pytest.mark.parametrize(
    ("query", "number", "match", "span"),
    [
        ("5214", "15057475214", "phone_end", (7, 11)),
        ("5214", "150 5747 5214", "phone_end", (9, 13)),
        ("1505", "15057475214", "phone_end", None),
        ("wll", "15057475214", "name", None),
        ("5214", "", "phone_end", None),
    ],
)
def test_where_the_digits_stand(query, number, match, span):
    assert phone_highlight(query, number, match) == span
