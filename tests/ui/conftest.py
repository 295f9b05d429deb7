"""Fixtures for the window's tests."""

from __future__ import annotations

import pytest

from clinicdesk.ui.translation import install_translators


@pytest.fixture
def chinese(qapp):
    """The window in Simplified Chinese, as most clinics use it."""
    translators = install_translators(qapp, "zh_CN")
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)
