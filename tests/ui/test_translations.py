"""Every visible string of the window has a Chinese translation, compiled and current."""

from __future__ import annotations

import importlib.util
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).parents[2] / "packaging" / "translations.py"
_spec = importlib.util.spec_from_file_location("translations_script", _SCRIPT)
assert _spec and _spec.loader
translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(translations)


@pytest.fixture
def fresh_ts(tmp_path):
    for lang in translations.LANGUAGES:
        name = f"clinicdesk_{lang}.ts"
        shutil.copy(translations.TRANSLATIONS / name, tmp_path / name)
    translations.update(tmp_path)
    return tmp_path


def test_every_source_string_is_translated(fresh_ts):
    for lang in translations.LANGUAGES:
        tree = ET.parse(fresh_ts / f"clinicdesk_{lang}.ts")
        untranslated = [
            m.findtext("source")
            for m in tree.iter("message")
            if m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
            or not m.findtext("translation")
        ]
        assert untranslated == [], f"{lang}: run packaging/translations.py update, translate"


def test_the_committed_qm_files_are_compiled_from_the_committed_ts(tmp_path):
    for qm in translations.release(qm_dir=tmp_path):
        assert qm.read_bytes() == (translations.TRANSLATIONS / qm.name).read_bytes(), (
            "run packaging/translations.py release"
        )
