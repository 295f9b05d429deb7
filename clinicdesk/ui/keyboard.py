"""Keyboard and screen across the window: Tab leaves every table, as it leaves any other
field; the first window fits the screen that is there."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractItemView, QWidget

PREFERRED = QSize(1280, 760)


def release_tab(root: QWidget) -> None:
    """Make Tab and Shift+Tab move focus out of every table and list under `root`
    (Qt's default keeps them moving from cell to cell: 20 presses stayed in the list).
    The arrow keys still move within a table."""
    for view in root.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)


def default_size(available: QSize) -> QSize:
    """The window's first size: the preferred one, within the screen's available area
    (1366×728 on a reception PC with a taskbar)."""
    return PREFERRED.boundedTo(available)


def chain_tab_order(widgets: list[QWidget]) -> None:
    """Tab goes through `widgets` in this order."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)
