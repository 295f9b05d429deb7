"""Every value format the issue names, one test each."""

from __future__ import annotations

import datetime as dt

import pytest

from clinicdesk.core.importer.cells import parse_amount, parse_date, parse_mobile


@pytest.mark.parametrize(
    "value",
    [
        "2023-05-06",
        "2023/5/6",
        "2023年5月6日",
        "20230506",
        "2023.05.06",
        "2023-05-06 14:30:00",
        "2023/5/6 9:05",
        "2023年5月6日 10:00",
        "2023-05-06T10:00:00",
        " 2023-05-06 ",
        dt.datetime(2023, 5, 6, 14, 30),
        dt.date(2023, 5, 6),
        45052,
        45052.0,
        "45052",
        20230506,
        "２０２３－０５－０６",
    ],
)
def test_dates_in_every_form(value):
    assert parse_date(value) == "2023-05-06"


@pytest.mark.parametrize(
    "value", ["2023-02-30", "昨天", "5/6/2023", "", None, True, "2023-05-06 x", 123, "2023-13-01"]
)
def test_what_is_not_a_date(value):
    assert parse_date(value) is None


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        ("1280", 128000),
        ("1280.00", 128000),
        ("￥1,280.00", 128000),
        ("¥1280", 128000),
        ("1,280元", 128000),
        (" 1 280 ", 128000),
        ("1280.5", 128050),
        ("-300", -30000),
        ("-￥300.00", -30000),
        ("(1,280.00)", -128000),
        ("１２８０", 128000),
        ("RMB 50", 5000),
        (1280, 128000),
        (1280.5, 128050),
        (-300.0, -30000),
        (0.1 + 0.2, 30),
    ],
)
def test_amounts_in_every_form(value, fen):
    assert parse_amount(value) == fen


@pytest.mark.parametrize("value", ["三百", "12.345", "", None, "1,2,3x", float("nan"), True])
def test_what_is_not_an_amount(value):
    assert parse_amount(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "86-13800138000",
        "+8613800138000",
        "１３８００１３８０００",
    ],
)
def test_mobiles_are_normalised(value):
    assert parse_mobile(value) == "13800138000"


@pytest.mark.parametrize("value", ["0571-88886666", "12345", "23800138000"])
def test_what_is_not_a_mobile(value):
    assert parse_mobile(value) is None
