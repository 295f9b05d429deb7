"""Value rules shared by the store, the importer and the forms: phones, money, dates.

Money is integer fen (分) everywhere; a yuan amount is only ever text for display.
Dates are ISO-8601 text (``YYYY-MM-DD``), timestamps ``YYYY-MM-DDTHH:MM:SS``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from clinicdesk.core.errors import InvalidValue

MAX_CHARGE_FEN = 10_000_000 * 100  # ¥10,000,000: the default largest amount of one charge
_NON_DIGITS = re.compile(r"[\s\-()（）.]")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_SEPARATED = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(.*)")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(.*)")
_TIME_TAIL = re.compile(r"(?:[T\s]*\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?)?\s*")


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


COMPACT_UNITS = {  # (from how many yuan, yuan per unit, unit), largest first
    "zh_CN": ((100_000_000, 100_000_000, "亿"), (10_000, 10_000, "万")),
    "en": ((10**9, 10**9, "B"), (10**6, 10**6, "M"), (10_000, 1_000, "k")),
}


def compact_fen(fen: int, language: str, symbol: str = "¥") -> str:
    """Money in three figures for a narrow column: ``¥7.34万`` / ``¥73.4k``, ``¥1.05亿`` /
    ``¥1.05B``; under ¥10,000 whole yuan (the exact sum belongs in a tooltip)."""
    sign, yuan = ("-" if fen < 0 else ""), round(abs(fen) / 100)
    for start, size, unit in COMPACT_UNITS.get(language, COMPACT_UNITS["en"]):
        if yuan >= start:
            value = yuan / size
            digits = 2 if value < 10 else 1 if value < 100 else 0
            text = f"{value:,.{digits}f}"
            return f"{sign}{symbol}{text.rstrip('0').rstrip('.') if digits else text}{unit}"
    return f"{sign}{symbol}{yuan:,}"


def parse_date(raw: str | None, field: str = "date") -> str | None:
    """A date as typed (any form `read_date` reads) as ISO text, or None for empty.

    Raises:
        InvalidValue: not a date in one of those forms, or not a real calendar date.
    """
    if raw is None or not raw.strip():
        return None
    iso = read_date(raw)
    if iso is None:
        raise InvalidValue("value.bad_date", field=field, value=raw)
    return iso


@lru_cache(maxsize=65536)
def read_date(text: str) -> str | None:
    """The ISO date in a text as people and billing exports write it: 1990-03-05,
    1990/3/5, 1990.3.5, 1990年3月5日 or 19900305, full-width digits too, a time after
    it ignored; None when it is not one (or not a real calendar date).

    The one date reader of the forms and the importer (cached: an export repeats the
    same few thousand dates over a million rows).
    """
    text = unicodedata.normalize("NFKC", text).strip()
    for pattern in (_SEPARATED, _COMPACT):
        match = pattern.fullmatch(text)
        if match and _TIME_TAIL.fullmatch(match.group(4)):
            try:
                return dt.date(*(int(g) for g in match.groups()[:3])).isoformat()
            except ValueError:
                return None
    return None


def now_iso() -> str:
    """The local time now as ``YYYY-MM-DDTHH:MM:SS`` (no microseconds, no zone)."""
    return dt.datetime.now().replace(microsecond=0).isoformat()


def split_list(text: str) -> list[str]:
    """Names typed as a list ("读书会、高尔夫，瑜伽", "张敏, 王芳"): split on commas (full or
    half width) and 、, trimmed, empty ones left out."""
    parts = text.replace("，", ",").replace("、", ",").split(",")
    return [p.strip() for p in parts if p.strip()]
