"""Pinyin for search: full and initials, surnames read as surnames."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinicdesk.core.pinyin import _syllables, name_pinyin


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("王小明", "wangxiaoming", "wxm"),
        ("单雄信", "shanxiongxin", "sxx"),  # not dān
        ("曾国藩", "zengguofan", "zgf"),  # not céng
        ("解晓东", "xiexiaodong", "xxd"),  # not jiě
        ("仇英", "qiuying", "qy"),
        ("欧阳娜娜", "ouyangnana", "oynn"),
        ("长孙无忌", "zhangsunwuji", "zswj"),
        ("吕布", "lvbu", "lb"),
        ("王 小明", "wangxiaoming", "wxm"),
        ("Anna Li", "annali", "al"),
    ],
)
def test_name_pinyin(name, full, initials):
    assert name_pinyin(name) == (full, initials)


# Polyphones alone and in phrases (长乐, 银行, 重庆, 朝阳, 单于), surnames, Latin, digits,
# spaces and punctuation, full width too.
_TEXT = "长乐银行重庆朝阳单于曾解区查乐行了和都会音乐王小明 Aa1１，,·-"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_TEXT, max_size=8))
def test_a_text_read_word_by_word_reads_as_pypinyin_reads_it_whole(text):
    from pypinyin import Style, lazy_pinyin

    whole = lazy_pinyin(text, style=Style.NORMAL, v_to_u=False)
    assert _syllables(text) == [s.lower() for s in whole if s.strip()]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=12))
def test_a_text_without_han_reads_as_pypinyin_reads_it(text):
    # Read without pypinyin (its look-up took 20 us a word: a card number in a name, or
    # digits after 顾客, is a new word each time); the same syllables.
    from pypinyin import Style, lazy_pinyin

    whole = lazy_pinyin(text, style=Style.NORMAL, v_to_u=False)
    assert _syllables(text) == [s.lower() for s in whole if s.strip()]
    assert _syllables("顾客" + text) == ["gu", "ke", *(s.lower() for s in whole if s.strip())]
