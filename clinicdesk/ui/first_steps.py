"""What an empty clinic shows instead of a blank form: import the billing export, or add
the first patient."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class FirstSteps(QWidget):
    """The two ways to start a clinic file.

    Signals:
        import_requested(): the user wants to import the billing system's export.
        new_requested(): the user wants to add the first patient by hand.
    """

    import_requested = Signal()
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("This clinic file has no patients yet."))
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        hint = QLabel(
            self.tr(
                "Most clinics start by importing the billing system's export (patients and "
                "charges, .xlsx or .csv): the tiers and the call list are ready at once."
            )
        )
        hint.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Im&port the billing export…"))
        self.new_button = QPushButton(self.tr("&Add the first patient"))
        box = QWidget()  # one column of a readable width, in the middle
        box.setFixedWidth(520)  # a fixed width lets the wrapped hint take its height
        column = QVBoxLayout(box)
        for widget in (title, hint, self.import_button, self.new_button):
            column.addWidget(widget)
        margins = column.contentsMargins()
        width = box.width() - margins.left() - margins.right()
        hint.setMinimumHeight(hint.heightForWidth(width))  # Qt does not grow it by itself
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_requested)
        self.new_button.clicked.connect(self.new_requested)
