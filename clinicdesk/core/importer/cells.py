"""Cell values as exports write them: dates, amounts, phones, in every common form.

Each parser returns None for a value it cannot read (the row is then rejected or the
value dropped with a warning, never guessed). Exports repeat the same texts (a few
thousand dates, a few hundred prices) over a million rows, so results are cached.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from clinicdesk.core.errors import InvalidValue
from clinicdesk.core.values import normalize_mobile, read_date

EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIALS = range(20_000, 80_000)  # Excel day numbers for 1954-2119
_AMOUNT = re.compile(r"[-+]?\d+(?:\.\d+)?")
_CURRENCY = re.compile(r"[¥￥元,，\s]|rmb|cny", re.IGNORECASE)


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


def parse_amount(value: Any) -> int | None:
    """A cell as integer fen: 1280, 1280.00, ￥1,280.00, ¥1280, 1,280元, (1,280.00) as a
    refund; a number cell as it is. None when it is not an amount to the fen."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value * 100
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        fen = Decimal(repr(value)) * 100
        whole = fen.quantize(Decimal(1))
        return int(whole) if abs(fen - whole) < Decimal("0.001") else None
    return _amount_text(str(value))


@lru_cache(maxsize=65536)
def _amount_text(raw: str) -> int | None:
    text = unicodedata.normalize("NFKC", raw).strip()
    negative = text.startswith("(") and text.endswith(")")
    text = _CURRENCY.sub("", text.strip("()"))
    if not _AMOUNT.fullmatch(text):
        return None
    try:
        fen = Decimal(text) * 100
    except InvalidOperation:
        return None
    if fen != fen.to_integral_value():
        return None
    return -int(fen) if negative else int(fen)


@lru_cache(maxsize=262144)
def parse_mobile(raw: str) -> str | None:
    """A mainland mobile as 11 digits, or None when the text is not one."""
    try:
        return normalize_mobile(unicodedata.normalize("NFKC", raw))
    except InvalidValue:
        return None
