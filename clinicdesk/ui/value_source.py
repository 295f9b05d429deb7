"""The window's lifetime-value run: fitted in the background, shared by its widgets.

The value model (BG/NBD and Gamma-Gamma, `core.value`) takes one to a few seconds at
100,000 patients, so it runs on a reader of the task runner, with the facts the tier
overview's engine run has just cached (`segmentation.cache.SHARED`). The patient file's
value line and the tier overview's predicted-value measure show the same run. New tier
cut-offs re-tier the last run (no new fit).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal

from clinicdesk.core.errors import Cancelled, KnownError
from clinicdesk.core.segmentation.cache import SHARED
from clinicdesk.core.value.overview import ValueOverview, value_overview
from clinicdesk.core.value.params import clinic_value_params
from clinicdesk.core.value.service import run_value
from clinicdesk.workers.runner import Task, TaskRunner, describe

Cutoffs = tuple[float, float]


class ValueSource(QObject):
    """The latest value run, as predicted-value tiers.

    Attributes:
        overview: the latest run with the current cut-offs (None before the first).
        error: why there are no numbers (too little history, a setting out of range, a
            failure), in the window's language; None when `overview` is current.
        running: whether a run is under way.

    Signals:
        changed(): a run or a re-tiering arrived, or a run failed.
    """

    changed = Signal()

    def __init__(self, runner: TaskRunner, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner, self.language = runner, language
        self.overview: ValueOverview | None = None
        self.error: str | None = None
        self.running = False
        self.cutoffs: Cutoffs = (0.7, 0.9)

    def refresh(self, today: dt.date | None = None) -> None:
        """Fit the models again on the history up to `today` (default: today)."""
        day, cutoffs = today or dt.date.today(), self.cutoffs
        self.running = True
        self.runner.read(
            lambda task: _run(task, day, cutoffs),
            owner=self,
            key="value",
            success=self._on_computed,
            failure=self._on_failed,
        )

    def set_cutoffs(self, cutoffs: Cutoffs) -> None:
        """Tier the last run with `cutoffs` (the run under way, if any, when it arrives)."""
        if cutoffs == self.cutoffs:
            return
        self.cutoffs = cutoffs
        if self.overview is not None and not self.running:
            self._retier(self.overview)

    def _retier(self, overview: ValueOverview) -> None:
        result, cutoffs = overview.result, self.cutoffs
        self.runner.read(
            lambda task: value_overview(task.db, result, cutoffs),
            owner=self,
            key="overview",
            success=self._on_computed,
            failure=self._on_failed,
        )

    def _on_computed(self, overview: ValueOverview) -> None:
        self.running = False
        if overview.cutoffs != self.cutoffs:
            self._retier(overview)  # the cut-offs changed while it ran
        self.overview, self.error = overview, None
        self.changed.emit()

    def _on_failed(self, error: Exception) -> None:
        self.running = False
        if isinstance(error, Cancelled):
            return
        self.overview = None
        self.error = (
            error.message(self.language)
            if isinstance(error, KnownError)
            else describe(error, self.language)
        )
        self.changed.emit()


def _run(task: Task, today: dt.date, cutoffs: Cutoffs) -> ValueOverview:
    params = clinic_value_params(task.db, today)
    result = run_value(task.db, params, cache=SHARED, check=task.check)
    task.check()
    return value_overview(task.db, result, cutoffs)
