"""Qt's own words that its Chinese translation lacks: the non-native file dialog (under
Xvfb, or where no native one is offered) said "Look in" and "Files of type" in the
Chinese window. Listed here, lupdate puts them into ClinicDesk's translation, which Qt
reads when its own has no text for them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

MISSING_FROM_QT = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
