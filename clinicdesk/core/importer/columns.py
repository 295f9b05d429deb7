"""Which column is which: the header row is found and mapped to the fields we import.

Common Chinese and English headers are recognised; the user can map any column
(``--map 顾客编号=card_no``) or ignore it (``--map 备用=ignore``). Columns left unmapped
are kept in the charge's note ("column: value") or ignored, as the user chooses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from clinicdesk.core.errors import KnownError

FIELDS = ("card_no", "name", "phone", "date", "item", "category", "amount", "staff", "note")
IGNORE = "ignore"
# Header synonyms per field, most specific first; compared after normalising (NFKC,
# lower case, no spaces or punctuation).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "card_no": ("会员卡号", "卡号", "会员号", "会员编号", "card", "cardno", "cardnumber",
                "membercard", "memberno", "membernumber"),
    "name": ("顾客姓名", "客户姓名", "患者姓名", "姓名", "顾客", "客户", "患者", "name",
             "patient", "patientname", "customer", "customername"),
    "phone": ("手机号码", "手机号", "手机", "联系电话", "电话", "mobile", "phone", "mobilephone",
              "tel", "telephone", "phonenumber"),
    "date": ("消费日期", "就诊日期", "收费日期", "日期", "消费时间", "时间", "date", "visitdate",
             "chargedate"),
    "item": ("消费项目", "治疗项目", "项目名称", "项目", "item", "service", "treatment",
             "procedure"),
    "category": ("项目类别", "项目分类", "类别", "分类", "category", "type"),
    "staff": ("经办人", "医生", "咨询师", "操作人", "staff", "doctor", "consultant",
              "provider"),
    "note": ("备注", "说明", "note", "notes", "remark", "remarks", "comment"),
}  # fmt: skip
# Amount columns in order of preference: what was actually paid before what was due.
AMOUNT_PRIORITY = (("实收金额", "实收", "实付金额", "实付", "paid", "amountpaid", "netamount"),
                   ("金额", "消费金额", "amount", "total", "price"),
                   ("应收金额", "应收", "amountdue"))  # fmt: skip
REQUIRED = ("date", "amount")
IDENTITY = ("card_no", "phone", "name")
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True, slots=True)
class Mapping:
    """Where each field is: `columns[field]` is a column index; `extra` are the unmapped
    columns (index, header) kept in the note; `header_row` is the header's index."""

    header_row: int
    headers: tuple[str, ...]
    columns: dict[str, int]
    extra: tuple[tuple[int, str], ...]


def normalise(header: Any) -> str:
    """A header as compared: NFKC, lower case, letters and digits only."""
    text = unicodedata.normalize("NFKC", str(header or "")).lower()
    return re.sub(r"[\W_]+", "", text)


def find_mapping(
    rows: list[list[Any]], overrides: dict[str, str], keep_extra: bool, file_name: str
) -> Mapping:
    """Find the header among the first rows and map it; raises KnownError (naming
    `file_name`) if it cannot."""
    if not rows:
        raise KnownError("import.empty", path=file_name)
    best, best_score = 0, -1
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = len(_recognised(row, overrides))
        if score > best_score:
            best, best_score = index, score
    headers = tuple(str(h).strip() if h is not None else "" for h in rows[best])
    columns = _recognised(rows[best], overrides)
    if best_score < 2 or not {"date", "amount"} & set(columns):
        raise KnownError("import.not_a_table", path=file_name)
    missing = [f for f in REQUIRED if f not in columns]
    if not any(f in columns for f in IDENTITY):
        missing.append("card_no/phone/name")
    if missing:
        raise KnownError("import.missing_columns", fields=", ".join(missing),
                         headers=" | ".join(h for h in headers if h))  # fmt: skip
    used = set(columns.values()) | {i for i, h in enumerate(headers) if _ignored(h, overrides)}
    extra = (
        tuple((i, h) for i, h in enumerate(headers) if i not in used and h) if keep_extra else ()
    )
    return Mapping(best, headers, columns, extra)


def parse_overrides(pairs: list[str]) -> dict[str, str]:
    """``["顾客编号=card_no", ...]`` as {normalised header: field}; raises on a bad pair."""
    out = {}
    for pair in pairs:
        header, sep, field = pair.rpartition("=")
        field = field.strip()
        if not sep or not header.strip() or field not in (*FIELDS, IGNORE):
            raise KnownError("import.bad_map", value=pair, fields=", ".join((*FIELDS, IGNORE)))
        out[normalise(header)] = field
    return out


def _ignored(header: str, overrides: dict[str, str]) -> bool:
    return overrides.get(normalise(header)) == IGNORE


def _recognised(row: list[Any], overrides: dict[str, str]) -> dict[str, int]:
    found: dict[str, int] = {}
    keys = [normalise(cell) for cell in row]
    for index, key in enumerate(keys):
        field = overrides.get(key)
        if field and field != IGNORE and field not in found:
            found[field] = index
    for field, names in SYNONYMS.items():
        if field not in found:
            match = _first(keys, names, taken=set(found.values()))
            if match is not None:
                found[field] = match
    if "amount" not in found:
        for names in AMOUNT_PRIORITY:
            match = _first(keys, names, taken=set(found.values()))
            if match is not None:
                found["amount"] = match
                break
    return found


def _first(keys: list[str], names: tuple[str, ...], taken: set[int]) -> int | None:
    for name in names:
        target = normalise(name)
        for index, key in enumerate(keys):
            if key == target and index not in taken:
                return index
    return None
