"""The small window of a long task: only after a second, never lost, Cancel where safe."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

from clinicdesk.ui.dialogs.progress_window import ProgressWindow
from clinicdesk.workers.runner import Handle


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _window(parent, **kwargs):
    window = ProgressWindow(parent, "Back up", "Backing up…", **kwargs)
    handle = Handle(1)
    window.track(handle)
    return window, handle


class _Shows(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, _obj, event):  # noqa: N802
        self.count += event.type() == QEvent.Type.Show
        return False


def test_a_quick_task_shows_no_window(parent, qtbot):
    window, _handle = _window(parent, delay_ms=50)
    shows = _Shows()
    window.installEventFilter(shows)
    window.finish()
    qtbot.wait(150)
    assert shows.count == 0 and not shiboken6.isValid(window)


def test_a_long_task_shows_its_window_after_the_delay(parent, qtbot):
    window, _handle = _window(parent, delay_ms=50, stages={"check": "Checking…"})
    assert not window.isVisible()
    qtbot.waitUntil(window.isVisible, timeout=2_000)
    window.set_progress(0.5, "check")
    assert window.bar.value() == 500 and window.label.text() == "Checking…"


def test_its_title_bar_cannot_close_it(parent, qtbot):
    window, handle = _window(parent, delay_ms=0, cancel_text="Cancel")
    qtbot.waitUntil(window.isVisible, timeout=2_000)
    assert window.close() is False and window.isVisible() and not handle.cancel_event.is_set()


def test_cancel_and_escape_ask_the_task_to_stop(parent, qtbot):
    window, handle = _window(parent, delay_ms=0, cancel_text="Cancel")
    qtbot.waitUntil(window.isVisible, timeout=2_000)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert handle.cancel_event.is_set() and window.isVisible()


def test_without_a_cancel_text_it_cannot_be_stopped(parent, qtbot):
    window, handle = _window(parent, delay_ms=0)
    qtbot.waitUntil(window.isVisible, timeout=2_000)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.cancel_button.isVisible() and not handle.cancel_event.is_set()
