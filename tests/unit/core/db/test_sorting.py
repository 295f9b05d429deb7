"""Sorting a patient list by a column: stable, empty values last, in either direction."""

from __future__ import annotations

import pytest

from clinicdesk.core.db.patients import add_patient
from clinicdesk.core.db.records import add_charge
from clinicdesk.core.db.sorting import sort_ids


@pytest.fixture
def three(db) -> list[int]:
    ids = [
        add_patient(db, name="王丽", birth_date="1990-01-01"),
        add_patient(db, name="李娜"),
        add_patient(db, name="陈红", birth_date="1970-01-01"),
    ]
    add_charge(db, ids[0], date="2026-11-01", item="洁牙", amount_fen=29_800)
    add_charge(db, ids[2], date="2026-10-01", item="种植牙", amount_fen=1_880_000)
    return ids


def test_spend_sorts_by_the_amount_not_its_text(db, three):
    assert sort_ids(db, three, "spend", descending=True) == [three[2], three[0], three[1]]


def test_names_sort_by_pinyin(db, three):
    assert sort_ids(db, three, "name") == [three[2], three[1], three[0]]  # chen, li, wang


@pytest.mark.parametrize("descending", [False, True])
def test_patients_without_a_value_come_last_either_way(db, three, descending):
    assert sort_ids(db, three, "age", descending=descending)[-1] == three[1]


def test_the_oldest_first_is_age_descending(db, three):
    assert sort_ids(db, three, "age", descending=True)[:2] == [three[2], three[0]]


def test_ties_keep_the_order_they_had(db, three):
    assert sort_ids(db, three[::-1], "sex") == three[::-1]


def test_tiers_sort_by_the_tiers_given(db, three):
    tiers = {three[0]: "C", three[1]: "A"}
    assert sort_ids(db, three, "tier", tiers=tiers) == [three[1], three[0], three[2]]
