"""Pinyin of patient names, for search by ``wangxiaoming`` or ``wxm``.

pypinyin reads a name as ordinary text, which gets polyphonic surnames wrong (单 is
Shàn, not dān; 曾 Zēng, not céng; 解 Xiè). The surname is therefore read from a table of
surname readings first, and the given name by pypinyin with its phrase context.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Compound surnames first: they are matched before single ones.
_COMPOUND_SURNAMES = {
    "欧阳": "ouyang", "司马": "sima", "上官": "shangguan", "诸葛": "zhuge",
    "东方": "dongfang", "皇甫": "huangfu", "尉迟": "yuchi", "长孙": "zhangsun",
    "令狐": "linghu", "慕容": "murong", "万俟": "moqi", "单于": "chanyu",
    "夏侯": "xiahou", "公孙": "gongsun", "宇文": "yuwen", "司徒": "situ",
}  # fmt: skip
# Surnames whose reading as a surname differs from pypinyin's ordinary reading.
_SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha",
    "朴": "piao", "盖": "ge", "翟": "zhai", "乐": "yue", "缪": "miao", "覃": "qin",
    "种": "chong", "褚": "chu", "秘": "bi", "召": "shao", "尉": "yu", "繁": "po",
    "句": "gou", "员": "yun", "贲": "ben", "能": "nai", "宓": "fu", "柏": "bai",
    "薄": "bo", "朝": "chao", "重": "chong", "沈": "shen", "石": "shi", "华": "hua",
    "任": "ren", "纪": "ji", "费": "fei", "冼": "xian", "长": "chang", "藏": "zang",
    "折": "she", "阚": "kan", "都": "du", "蕃": "pi", "隗": "wei", "那": "na",
}  # fmt: skip

_HAN = re.compile(r"[\u3400-\u9fff]")


def _syllables(text: str) -> list[str]:
    """pypinyin's reading of `text`: it cuts the text into words (runs of Han characters
    cut into the phrases of its dictionary, other runs kept whole) and reads each word on
    its own; so each word is read once (`_word`): for 50,000 names of two or three common
    characters (an import's new patients) 1.18 s of CPU read whole, 0.24 s by word."""
    # Imported at the first name read, not with this module: the command line's commands
    # that read no name never pay for its tables (see `load_tables`).
    from pypinyin.seg.simpleseg import seg

    return [syllable for word in seg(text) for syllable in _word(word)]


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[str, ...]:
    """The syllables of one of pypinyin's words (a list is read as words already cut).
    A word of ASCII alone (digits, Latin) has no Han character: pypinyin gives it back
    as it is, so it is not looked up (20 us a word, and such words rarely repeat)."""
    if word.isascii():
        return (word.lower(),) if word.strip() else ()
    from pypinyin import Style, lazy_pinyin

    # v for ü, as people type it (吕 -> lv).
    found = lazy_pinyin([word], style=Style.NORMAL, v_to_u=False)
    return tuple(s.lower() for s in found if s.strip())


def load_tables() -> None:
    """Load pypinyin's tables now: 0.2-0.4 s, of which its 2.5 MB phrase table is one
    `json.loads`, a single C call that holds the GIL for 65-140 ms on this 2-core
    machine. On a reader thread beside a visible window that froze the window as long
    (the window's thread could not run a line of Python), so the window's process loads
    them before it shows any window (`clinicdesk.app.application`)."""
    _syllables("王")


@lru_cache(maxsize=65536)
def name_syllables(name: str) -> tuple[str, ...]:
    """The pinyin syllables of a name, surname read as a surname.

    Non-Chinese parts (a Latin name, digits) are kept as lower-case words.
    """
    if not _HAN.match(name.strip()[:1]):
        return tuple(word.lower() for word in re.findall(r"\w+", name))
    name = "".join(name.split())
    for surname, reading in _COMPOUND_SURNAMES.items():
        if name.startswith(surname):
            return (reading, *_syllables(name[len(surname) :]))
    head = _SURNAME_READINGS.get(name[0])
    if head is None:
        return tuple(_syllables(name))
    return (head, *_syllables(name[1:]))


def name_pinyin(name: str) -> tuple[str, str]:
    """``(full, initials)`` of a name: 王小明 -> ``("wangxiaoming", "wxm")``.

    A compound surname gives one initial per character (欧阳娜娜 -> ``oynn``), as
    people type them.
    """
    syllables = name_syllables(name)
    full = "".join(syllables)
    initials: list[str] = []
    name = "".join(name.split())
    for surname, reading in _COMPOUND_SURNAMES.items():
        if name.startswith(surname) and syllables and syllables[0] == reading:
            initials.extend(_syllables(surname)[i][0] for i in range(len(surname)))
            syllables = syllables[1:]
            break
    initials.extend(s[0] for s in syllables if s)
    return full, "".join(initials)
