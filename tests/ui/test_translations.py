"""Every visible string of the window has a Chinese translation, compiled and current."""

from __future__ import annotations

import ast
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


class _TrCalls(ast.NodeVisitor):
    """The (context, text) of every tr() and QCoreApplication.translate() in a file."""

    def __init__(self) -> None:
        self.classes: list[str] = []
        self.found: list[tuple[str, str]] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        name = node.func.attr if isinstance(node.func, ast.Attribute) else None
        texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if name == "tr" and texts and self.classes:
            self.found.append((self.classes[-1], texts[0]))
        elif name == "translate" and len(texts) >= 2:
            self.found.append((texts[0], texts[1]))
        self.generic_visit(node)


def test_every_tr_call_is_seen_by_lupdate():
    # A tr() that lupdate cannot see (inside an f-string, say) stays English in the
    # Chinese window although the test above passes.
    tree = ET.parse(translations.TRANSLATIONS / "clinicdesk_zh_CN.ts")
    extracted = {
        (context.findtext("name"), m.findtext("source"))
        for context in tree.iter("context")
        for m in context.iter("message")
    }
    calls = _TrCalls()
    for source in translations.sources():
        calls.visit(ast.parse((translations.ROOT / source).read_text(encoding="utf-8")))
    assert len(calls.found) > 300
    assert [call for call in calls.found if call not in extracted] == []
