"""The lifetime-value run as the call list takes it: its value at risk (issue 18).

The call tab ranks reactivation by value at risk (`core.calls.priority`) once the
window's value run (`value_source.ValueSource`) has a result, and builds its list once
more when a new run arrives; new tier cut-offs re-tier the same run and change nothing
here.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from clinicdesk.core.value.service import ValueResult
from clinicdesk.ui.value_source import ValueSource


class CallValue(QObject):
    """The latest value run for the call list.

    Attributes:
        result: the latest run (None: none yet, or the last one failed).

    Signals:
        arrived(): a new run arrived, or the last one failed (rebuild the list).
    """

    arrived = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.result: ValueResult | None = None

    def attach(self, source: ValueSource) -> None:
        """Follow `source`'s runs."""
        source.changed.connect(lambda: self._on_changed(source))

    def _on_changed(self, source: ValueSource) -> None:
        result = source.overview.result if source.overview is not None else None
        if result is self.result:  # a re-tiering of the same run
            return
        self.result = result
        self.arrived.emit()
