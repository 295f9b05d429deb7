"""Every value format the issue names, one test each."""

from __future__ import annotations

import datetime as dt

import pytest

from clinicdesk.core.importer.cells import (
    Unreadable,
    parse_amount,
    parse_date,
    parse_landline,
    parse_mobile,
)


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


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "empty"),
        (None, "empty"),
        ("三百", "chinese"),
        ("壹佰元整", "chinese"),
        ("12.345", "decimals"),
        (12.345, "decimals"),
        ("1e5", "exponent"),
        ("1.2E+3", "exponent"),
        ("1,2,3,4", "grouping"),  # was ¥1,234.00
        ("14,13800138000,994.00", "grouping"),  # was 1.4×10¹⁷ fen
        ("12,34", "grouping"),
        ("1 2 3 4", "grouping"),
        ("100000000000000000000", "too_large"),  # was an OverflowError
        ("10000000.01", "too_large"),
        (5 * 10**18, "too_large"),
        ("1,2,3x", "grouping"),
        ("300 yuan", "not_number"),
        ("1.2.3", "not_number"),
        (float("nan"), "not_number"),
        (True, "not_number"),
    ],
)
def test_an_amount_that_cannot_be_read_says_why(value, reason):
    with pytest.raises(Unreadable) as info:
        parse_amount(value)
    assert info.value.key == f"import.amount.{reason}"


def test_the_largest_charge_is_the_clinics_setting():
    assert parse_amount("10,000,000.00") == 1_000_000_000
    assert parse_amount("-10000000") == -1_000_000_000  # a refund as large is refused too
    with pytest.raises(Unreadable) as info:
        parse_amount("5,000.01", limit_fen=500_000)
    assert info.value.params == {"limit": "¥5,000"}


@pytest.mark.parametrize(
    "value", ["1,234,567.89", "1 280", "300元整", "1280.000", "+300", "¥-300", "- 300"]
)
def test_grouped_signed_and_exact_amounts_are_read(value):
    assert parse_amount(value) in (123456789, 128000, 30000, -30000)


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


@pytest.mark.parametrize(
    "value",
    ["0571-88886666", "(010) 6552 8888", "400-820-8820", "88886666 转 12", "+86 571 8888 6666"],
)
def test_landlines_are_recognised_as_written(value):
    assert parse_landline(value) == value


@pytest.mark.parametrize("value", ["12345", "23800138000", "138001380", "no phone", "1234567"])
def test_what_is_not_a_landline(value):
    assert parse_landline(value) is None
