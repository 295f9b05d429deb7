"""Cell values as exports write them: dates, amounts, phones, in every common form.

A value is read exactly or not at all, never guessed: `parse_amount` says why it cannot
read an amount (`Unreadable`); the other parsers return None (the row is then rejected,
or the value dropped with a warning). Exports repeat the same texts (a few thousand
dates, a few hundred prices) over a million rows, so results are cached.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import Any

from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.values import MAX_CHARGE_FEN, format_fen, normalize_mobile, read_date

EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIALS = range(20_000, 80_000)  # Excel day numbers for 1954-2119
_AMOUNT = re.compile(r"[-+]?\d+(?:\.\d+)?")
_GROUPED = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # 1,280.00 12,345,678
_EXPONENT = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+")
_CHINESE_NUMERALS = re.compile(r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]")
_CURRENCY = re.compile(r"[¥￥元整]|rmb|cny", re.IGNORECASE)  # 整: "300元整", exactly
_DIGIT_SPACE = re.compile(r"(?<=\d)\s+(?=\d)")  # "1 280": a space between digits groups them


class Unreadable(Exception):
    """Why a cell's amount cannot be read: a message key (``import.amount.*``)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def text_of(value: Any) -> str:
    """A cell as trimmed text ("" for an empty cell); whole floats lose their ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


def parse_date(value: Any) -> str | None:
    """A cell as an ISO date: a date cell, an Excel serial, or text such as 2023-05-06,
    2023/5/6, 2023年5月6日, 20230506 or 2023.05.06, with or without a time."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _serial(value)
    return _date_text(str(value))


def _date_text(raw: str) -> str | None:
    """Text as the forms read it (`values.read_date`), or an Excel serial as text."""
    iso = read_date(raw)
    if iso is None:
        text = unicodedata.normalize("NFKC", raw).strip()
        if re.fullmatch(r"\d{5}(\.0+)?", text):
            return _serial(float(text))
    return iso


def _serial(number: float) -> str | None:
    if not math.isfinite(number) or int(number) not in _SERIALS:
        if float(number).is_integer() and 19000101 <= number <= 21001231:
            return _date_text(str(int(number)))
        return None
    return (EXCEL_EPOCH + dt.timedelta(days=int(number))).isoformat()


def parse_amount(value: Any, limit_fen: int = MAX_CHARGE_FEN) -> int:
    """A cell as integer fen: 1280, 1280.00, ￥1,280.00, ¥1280, 1,280元, (1,280.00) as a
    refund; a number cell as it is.

    Raises:
        Unreadable: empty; not a number; Chinese numerals; an exponent; thousands
            separators not in groups of three; more precise than a fen; or more than
            `limit_fen` either way.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        raise Unreadable("import.amount.empty")
    if isinstance(value, bool):
        raise Unreadable("import.amount.not_number")
    fen = _amount_number(value) if isinstance(value, int | float) else _amount_text(str(value))
    if abs(fen) > limit_fen:
        raise Unreadable("import.amount.too_large", limit=format_fen(limit_fen))
    return fen


def _amount_number(value: int | float) -> int:
    if isinstance(value, int):
        return value * 100
    if not math.isfinite(value):
        raise Unreadable("import.amount.not_number")
    fen = Decimal(repr(value)) * 100
    whole = fen.quantize(Decimal(1))
    if abs(fen - whole) >= Decimal("0.001"):  # 0.1 + 0.2 is 30 fen; 12.345 is not a price
        raise Unreadable("import.amount.decimals")
    return int(whole)


@lru_cache(maxsize=65536)
def _amount_text(raw: str) -> int:
    text = unicodedata.normalize("NFKC", raw).strip()  # NFKC: full-width digits, "，" as ","
    negative = text.startswith("(") and text.endswith(")")
    text = _DIGIT_SPACE.sub(",", _CURRENCY.sub("", text.strip("()")).strip())
    text = "".join(text.split())
    if _CHINESE_NUMERALS.search(text):
        raise Unreadable("import.amount.chinese")
    if _EXPONENT.fullmatch(text):
        raise Unreadable("import.amount.exponent")
    if "," in text:
        if not _GROUPED.fullmatch(text):
            raise Unreadable("import.amount.grouping")
        text = text.replace(",", "")
    if not _AMOUNT.fullmatch(text):
        raise Unreadable("import.amount.not_number")
    fen = Decimal(text) * 100
    if fen != fen.to_integral_value():
        raise Unreadable("import.amount.decimals")
    return -int(fen) if negative else int(fen)


@lru_cache(maxsize=262144)
def parse_mobile(raw: str) -> str | None:
    """A mainland mobile as 11 digits, or None when the text is not one."""
    try:
        return normalize_mobile(unicodedata.normalize("NFKC", raw))
    except InvalidValue:
        return None


_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?|x|#)\s*\d{1,6}$", re.IGNORECASE)
_PHONE_SEPARATORS = re.compile(r"[\s\-().（）]")


@lru_cache(maxsize=65536)
def parse_landline(raw: str) -> str | None:
    """A fixed-line number (0571-88886666, (010) 6552 8888, 400-820-8820, 88886666 转 12)
    as it was written, trimmed; None when the text is not a phone number at all."""
    text = " ".join(unicodedata.normalize("NFKC", raw).split())
    digits = _PHONE_SEPARATORS.sub("", _EXTENSION.sub("", text))
    if digits.startswith(("+86", "0086")):  # the area code then drops its leading 0
        digits = "0" + digits.removeprefix("+86").removeprefix("0086").lstrip("0")
    fixed = digits.isdigit() and (
        (digits.startswith("0") and 10 <= len(digits) <= 12)  # area code and number
        or (len(digits) in (7, 8) and digits[0] not in "01")  # the number alone
        or (len(digits) == 10 and digits.startswith(("400", "800")))  # service numbers
    )
    return text if fixed else None
