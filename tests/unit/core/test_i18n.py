"""Every message of the core and the CLI exists in both languages, with the same blanks."""

from __future__ import annotations

import string

import pytest

from clinicdesk.core import i18n


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(i18n.all_messages()))
def test_message_in_both_languages(key):
    texts = i18n.all_messages()[key]
    assert set(texts) == set(i18n.LANGUAGES)
    assert all(texts[lang].strip() for lang in i18n.LANGUAGES)
    assert _fields(texts["zh_CN"]) == _fields(texts["en"])


def test_the_language_follows_the_environment(monkeypatch):
    monkeypatch.setenv("CLINICDESK_LANG", "en_US.UTF-8")
    assert i18n.system_language() == "en"
    monkeypatch.setenv("CLINICDESK_LANG", "zh_CN.UTF-8")
    assert i18n.system_language() == "zh_CN"


def test_the_language_chosen_in_settings_comes_before_the_locale(monkeypatch):
    monkeypatch.delenv("CLINICDESK_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert i18n.system_language(saved="en") == "en"
    assert i18n.system_language(saved="fr") == "zh_CN"  # not a language we speak
    monkeypatch.setenv("CLINICDESK_LANG", "zh_CN")
    assert i18n.system_language(saved="en") == "zh_CN"  # the environment wins


@pytest.mark.parametrize(
    ("area", "code", "zh", "en"),
    [
        ("lapse", "on_rhythm", "按节奏", "On rhythm"),
        ("rfm", "cant_lose", "不能失去", "Can't lose them"),
        ("membership", "gold", "金卡", "Gold"),
        ("outcome", "no_answer", "未接听", "No answer"),
    ],
)
def test_a_code_has_one_name_per_language(area, code, zh, en):
    assert (i18n.code_name(area, code, "zh_CN"), i18n.code_name(area, code, "en")) == (zh, en)


def test_a_code_without_a_name_is_shown_as_it_is():
    assert i18n.code_name("membership", "黑金卡", "zh_CN") == "黑金卡"  # the clinic's own level
    assert i18n.code_name("rfm", None, "en") == ""


def test_every_code_of_the_engine_and_the_store_has_a_name():
    from clinicdesk.core.db.records import OUTCOMES
    from clinicdesk.core.segmentation.lapse import STATUSES
    from clinicdesk.core.segmentation.params import MembershipParams
    from clinicdesk.core.segmentation.rfm import SEGMENTS

    areas = {
        "outcome": OUTCOMES,
        "lapse": STATUSES,
        "rfm": SEGMENTS,
        "membership": [level for level, _ in MembershipParams().levels],
    }
    unnamed = [
        f"{a}.{c}" for a, codes in areas.items() for c in codes if not i18n.has_message(f"{a}.{c}")
    ]
    assert unnamed == []


def test_a_key_defined_in_two_areas_is_refused():
    with pytest.raises(ValueError, match="defined twice"):
        i18n._merge({"a.b": {"en": "x"}}, {"a.b": {"en": "y"}})


def test_every_call_reason_and_appointment_status_has_a_name():
    from clinicdesk.core.calls.rules import REASONS
    from clinicdesk.core.db.appointments import STATUSES

    codes = [f"reason.{r}" for r in (*REASONS, "campaign")]
    codes += [f"appointment_status.{s}" for s in STATUSES]
    assert [c for c in codes if not i18n.has_message(c)] == []
