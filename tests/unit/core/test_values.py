"""Phones, money and dates: the value rules every form and import shares."""

import pytest

from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.values import (
    compact_fen,
    format_fen,
    normalize_mobile,
    parse_date,
    read_date,
    split_list,
    yuan_to_fen,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13800138000", "13800138000"),
        ("138 0013 8000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("86-13800138000", "13800138000"),
        ("008613800138000", "13800138000"),
        ("(138)00138000", "13800138000"),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_mobile_numbers_are_normalised_to_11_digits(raw, expected):
    assert normalize_mobile(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "12800138000", "1380013800", "138001380001", "abc"])
def test_a_bad_mobile_is_refused_naming_field_and_value(raw):
    with pytest.raises(InvalidValue) as info:
        normalize_mobile(raw)
    assert info.value.message("zh_CN").startswith(f"手机号：“{raw}”不是有效")


@pytest.mark.parametrize(
    ("raw", "fen"),
    [("1280", 128000), ("1,280.50", 128050), ("-300", -30000), ("0.01", 1), (199, 19900)],
)
def test_yuan_become_integer_fen(raw, fen):
    result = yuan_to_fen(raw)
    assert result == fen
    assert type(result) is int


@pytest.mark.parametrize("raw", ["12.345", "abc", "", "nan", "inf"])
def test_amounts_that_are_not_whole_fen_are_refused(raw):
    with pytest.raises(InvalidValue):
        yuan_to_fen(raw)


def test_an_empty_amount_is_required_not_invalid():
    with pytest.raises(InvalidValue) as info:
        yuan_to_fen(" ")
    assert info.value.key == "value.required" and info.value.params["field"] == "amount"


@pytest.mark.parametrize(
    ("fen", "text"),
    [(128000, "¥1,280"), (128050, "¥1,280.50"), (-30000, "-¥300"), (5, "¥0.05"), (0, "¥0")],
)
def test_fen_are_shown_as_yuan_with_separators(fen, text):
    assert format_fen(fen) == text


def test_sums_of_fen_are_exact_where_floats_drift():
    amounts = [yuan_to_fen("0.10")] * 10
    assert sum(amounts) == yuan_to_fen("1.00")
    assert sum([0.1] * 10) != 1.0  # the reason money is never a float here


@pytest.mark.parametrize(
    ("raw", "iso"), [("2024-02-29", "2024-02-29"), (" 2023-05-06 ", "2023-05-06")]
)
def test_iso_dates_are_accepted(raw, iso):
    assert parse_date(raw) == iso


@pytest.mark.parametrize("raw", ["2023-02-29", "2023-13-01", "yesterday"])
def test_impossible_dates_are_refused(raw):
    with pytest.raises(InvalidValue):
        parse_date(raw)


@pytest.mark.parametrize("raw", ["1990/3/5", "19900305", "1990年3月5日", "1990.3.5", "1990-3-5"])
def test_a_date_typed_in_any_form_import_accepts_is_read(raw):
    assert parse_date(raw, "birth_date") == "1990-03-05"


@pytest.mark.parametrize("raw", ["1990/3/5", "19900305", "1990年3月5日", "1990.3.5", "3/5/1990"])
def test_the_form_and_the_import_read_dates_with_one_parser(raw):
    from clinicdesk.core.importer.cells import parse_date as cell_date

    assert read_date(raw) == cell_date(raw)


def test_a_date_that_cannot_be_read_says_which_forms_are_understood():
    with pytest.raises(InvalidValue) as info:
        parse_date("3/5/1990", "birth_date")
    assert "1990/3/5" in info.value.message("zh_CN") and "出生日期" in info.value.message("zh_CN")
    assert "19900305" in info.value.message("en")


def test_a_typed_list_splits_on_any_comma_and_the_enumeration_comma():
    assert split_list(" 读书会、高尔夫，瑜伽, 茶,, ") == ["读书会", "高尔夫", "瑜伽", "茶"]
    assert split_list("") == []


@pytest.mark.parametrize(
    ("fen", "language", "text"),
    [
        (29800, "zh_CN", "¥298"),
        (999_900, "zh_CN", "¥9,999"),
        (7_335_800, "zh_CN", "¥7.34万"),
        (123_456_700, "zh_CN", "¥123万"),
        (10_489_921_800, "zh_CN", "¥1.05亿"),
        (-7_335_800, "zh_CN", "-¥7.34万"),
        (7_335_800, "en", "¥73.4k"),
        (123_456_700, "en", "¥1.23M"),
        (104_899_218_800, "en", "¥1.05B"),
    ],
)
def test_compact_money_shortens_large_sums_in_the_language(fen, language, text):
    assert compact_fen(fen, language) == text
