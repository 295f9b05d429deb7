"""Value rules shared by the store, the importer and the forms: phones, money, dates.

Money is integer fen (分) everywhere; a yuan amount is only ever text for display.
Dates are ISO-8601 text (``YYYY-MM-DD``), timestamps ``YYYY-MM-DDTHH:MM:SS``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from clinicdesk.core.errors import InvalidValue

_NON_DIGITS = re.compile(r"[\s\-()（）.]")
_MOBILE = re.compile(r"1[3-9]\d{9}")


def normalize_mobile(raw: str | None, field: str = "mobile") -> str | None:
    """A mainland mobile number as 11 digits, or None for an empty value.

    Spaces, dashes, dots and brackets are dropped, and a ``+86``/``86``/``0086`` prefix.

    Raises:
        InvalidValue: what is left is not 11 digits starting with 13-19.
    """
    if raw is None or not raw.strip():
        return None
    digits = _NON_DIGITS.sub("", raw.strip())
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == 11 + len(prefix):
            digits = digits[len(prefix) :]
            break
    if not _MOBILE.fullmatch(digits):
        raise InvalidValue("value.bad_phone", field=field, value=raw)
    return digits


def yuan_to_fen(raw: str | int | Decimal, field: str = "amount") -> int:
    """An amount in yuan (``"1280"``, ``"1,280.50"``, ``"-300"``) as integer fen.

    Raises:
        InvalidValue: empty, not a number, or more precise than one fen.
    """
    text = str(raw).replace(",", "").replace(" ", "")
    if not text:
        raise InvalidValue("value.required", field=field)
    try:
        fen = Decimal(text) * 100
    except InvalidOperation:
        raise InvalidValue("value.bad_amount", field=field, value=raw) from None
    if not fen.is_finite() or fen != fen.to_integral_value():
        raise InvalidValue("value.bad_amount", field=field, value=raw)
    return int(fen)


def format_fen(fen: int, symbol: str = "¥") -> str:
    """Fen as money text: ``123456`` -> ``¥1,234.56``; whole yuan drop the decimals."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    tail = f".{cents:02d}" if cents else ""
    return f"{sign}{symbol}{yuan:,}{tail}"


def parse_date(raw: str | None, field: str = "date") -> str | None:
    """An ISO date text checked to be a real calendar date, or None for empty.

    Raises:
        InvalidValue: not ``YYYY-MM-DD`` or not a real date.
    """
    if raw is None or not raw.strip():
        return None
    try:
        return dt.date.fromisoformat(raw.strip()).isoformat()
    except ValueError:
        raise InvalidValue("value.bad_date", field=field, value=raw) from None


def now_iso() -> str:
    """The local time now as ``YYYY-MM-DDTHH:MM:SS`` (no microseconds, no zone)."""
    return dt.datetime.now().replace(microsecond=0).isoformat()


def split_list(text: str) -> list[str]:
    """Names typed as a list ("读书会、高尔夫，瑜伽", "张敏, 王芳"): split on commas (full or
    half width) and 、, trimmed, empty ones left out."""
    parts = text.replace("，", ",").replace("、", ",").split(",")
    return [p.strip() for p in parts if p.strip()]
