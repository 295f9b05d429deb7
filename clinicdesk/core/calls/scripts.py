"""Phone scripts (话术): templates filled in for one patient, safely.

A placeholder is written ``{称呼}`` or ``{last_item}``, with a fallback after a bar:
``{上次项目|护理}``. Only the names in `PLACEHOLDERS` exist; nothing is evaluated and no
attribute is looked up (no ``eval``, no ``str.format``). A placeholder with no value and
no fallback makes the whole template give way to its fallback text, so a raw ``{…}``
never reaches the caller.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from clinicdesk.core.pinyin import name_syllables

# Each placeholder by its Chinese and English names.
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "address": ("称呼", "address"),
    "name": ("姓名", "name"),
    "last_item": ("上次项目", "last_item"),
    "last_visit": ("上次到院", "last_visit"),
    "days_since": ("间隔天数", "days_since"),
    "tier": ("级别", "tier"),
    "membership": ("会员等级", "membership"),
    "owner": ("负责人", "owner"),
    "my_name": ("我的名字", "my_name"),  # the caller, who is not always the owner
    "clinic": ("诊所", "clinic"),
    "offer": ("优惠", "offer"),
    "reason": ("事由", "reason"),
}
_ALIASES = {alias: key for key, names in PLACEHOLDERS.items() for alias in names}
_FIELD = re.compile(r"\{([^{}|]{1,30})(?:\|([^{}]{0,200}))?\}")


@dataclass(frozen=True)
class Script:
    """A template: its body, and the text used when the body cannot be filled in.

    Attributes:
        version_id: the stored version this text is (None: not from the clinic file).
    """

    body: str
    fallback: str
    version_id: int | None = None


def render(script: Script, values: Mapping[str, str | None]) -> str:
    """The script filled in with `values` (keyed by the English names)."""
    missing = False

    def fill(match: re.Match[str]) -> str:
        nonlocal missing
        key = _ALIASES.get(match.group(1).strip())
        value = values.get(key) if key else None
        if value not in (None, ""):
            return str(value)
        if match.group(2) is not None:
            return match.group(2)
        missing = True
        return ""

    text = _FIELD.sub(fill, script.body)
    if missing:
        text = _FIELD.sub(lambda m: _plain(m, values), script.fallback)
    return text


def _plain(match: re.Match[str], values: Mapping[str, str | None]) -> str:
    key = _ALIASES.get(match.group(1).strip())
    value = values.get(key) if key else None
    return str(value) if value not in (None, "") else (match.group(2) or "")


def placeholders_in(body: str) -> list[str]:
    """The placeholders a template uses, unknown ones included (for the editor)."""
    return [m.group(1).strip() for m in _FIELD.finditer(body)]


def unknown_placeholders(body: str) -> list[str]:
    """Placeholders that do not exist (typos the editor should point out)."""
    return [name for name in placeholders_in(body) if name not in _ALIASES]


def address_as(
    name: str, sex: str | None, age: int | None, override: str | None, language: str = "zh_CN"
) -> str:
    """How to address a patient on the phone: the file's own choice, else from the
    surname, sex and age (王姐, 李女士, 张先生); the full name when the sex is unknown."""
    if override:
        return override
    surname = _surname(name)
    if language == "en":
        syllables = name_syllables(name)
        title = {"F": "Ms", "M": "Mr"}.get(sex or "")
        family = syllables[0].capitalize() if syllables else name
        return f"{title} {family}" if title and surname else name
    if not surname or sex not in ("F", "M"):
        return name
    if sex == "F":
        return surname + ("姐" if age is not None and 28 <= age <= 55 else "女士")
    return surname + "先生"


def _surname(name: str) -> str:
    from clinicdesk.core.pinyin import _COMPOUND_SURNAMES

    name = "".join(name.split())
    if not name or not ("\u3400" <= name[0] <= "\u9fff"):
        return ""
    for compound in _COMPOUND_SURNAMES:
        if name.startswith(compound):
            return compound
    return name[0]
