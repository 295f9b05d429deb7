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
