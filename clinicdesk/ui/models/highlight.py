"""Drawing why a search result matched: the matching digits of a (masked) phone number in
bold and colour, e.g. 150****[5214]."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

HighlightRole = Qt.ItemDataRole.UserRole + 2  # (start, end) of the text to draw marked
MARK_COLOUR = QColor("#c0392b")


class HighlightDelegate(QStyledItemDelegate):
    """Draws a cell's text with the span its model gives in `HighlightRole` in bold and
    colour (other cells as usual)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        span = index.data(HighlightRole)
        if not span:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text, item.text = item.text, ""
        widget = item.widget
        style = widget.style() if widget is not None else None
        if style is not None:  # the background, selection and focus, without the text
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        plain = item.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        start, end = span
        parts = ((text[:start], False), (text[start:end], True), (text[end:], False))
        painter.save()
        rect = item.rect.adjusted(4, 0, -4, 0)
        for part, marked in parts:
            font = item.font
            font.setBold(marked)
            painter.setFont(font)
            painter.setPen(MARK_COLOUR if marked and not selected else plain)
            flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            painter.drawText(rect, flags, part)
            rect.setLeft(rect.left() + painter.fontMetrics().horizontalAdvance(part))
        painter.restore()
