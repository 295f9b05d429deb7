"""Pinyin for search: full and initials, surnames read as surnames."""

import pytest

from clinicdesk.core.pinyin import name_pinyin


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
