"""Results as columns: a sequence of rows that builds a row only when one is asked for."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pytest

from clinicdesk.core.segmentation.columns import ByPatient, Coded, Days, Table


class Row(NamedTuple):
    patient_id: int
    tier: str
    days: int
    last: str


def _table() -> Table[Row]:
    return Table(
        Row,
        patient_id=np.array([7, 3, 9, 5]),
        tier=Coded(np.array([0, 1, 0, 2]), "ABC"),
        days=np.array([10, 30, 30, 20]),
        last=Days(np.array([739_000, 739_001, 739_000, 739_002])),
    )


def test_a_row_is_built_with_python_values_and_iso_dates():
    row = _table()[1]
    assert row == Row(3, "B", 30, "2024-04-25") and type(row.days) is int


def test_the_table_equals_the_tuple_of_its_rows():
    table = _table()
    assert table == tuple(table) and len(table) == 4 and table[-1].patient_id == 5


def test_iterating_twice_gives_the_same_rows():
    table = _table()
    assert all(a is b for a, b in zip(table, table, strict=True))


def test_ids_select_by_value_in_row_order():
    assert _table().ids(tier="A") == [7, 9]
    assert _table().ids(tier="D") == []


def test_ids_by_a_field_descending_keep_row_order_for_ties():
    assert _table().ids(by="days", descending=True) == [3, 9, 5, 7]


def test_counts_are_in_the_order_values_first_appear():
    assert list(_table().counts("tier").items()) == [("A", 2), ("B", 1), ("C", 1)]


def test_look_ups_by_patient_id():
    table = _table()
    assert table.get(9).tier == "A" and table.get(4) is None
    assert table.mapping("tier")[5] == "C" and 4 not in table.mapping("tier")
    assert table.by_patient()[3] == table[1]


def test_a_field_as_a_mapping_equals_the_dict_it_replaces():
    table = _table()
    assert table.mapping("tier") == {r.patient_id: r.tier for r in table}


def test_a_missing_patient_is_a_key_error():
    with pytest.raises(KeyError):
        _table().mapping("tier")[4]


def test_by_patient_gives_values_items_and_many_at_once():
    levels = ByPatient(np.array([2, 8]), Coded(np.array([1, 0]), ("silver", "gold")))
    assert list(levels.values()) == ["gold", "silver"] and dict(levels.items()) == levels
    assert levels.of(np.array([8, 3, 2])) == ["silver", None, "gold"]


def test_columns_are_read_only():
    with pytest.raises(ValueError):
        _table().column("days")[0] = 1


def test_a_labelled_field_recoded_to_other_labels():
    assert _table().codes_of("tier", ("C", "A")).tolist() == [1, 2, 1, 0]


def test_only_a_labelled_field_can_be_recoded():
    with pytest.raises(TypeError):
        _table().codes_of("days", ("A",))
