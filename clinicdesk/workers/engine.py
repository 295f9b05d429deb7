"""The window's one way to run the segmentation engine, on a task's connection.

Every run the window makes (the tier overview, the start-up run, after an import) goes
through `run_engine`, so that what an earlier run read is re-used: the process's facts
cache (`segmentation.cache.SHARED`), keyed by the file's data version, is wired in here,
once.
"""

from __future__ import annotations

from sqlite_utils import Database

from clinicdesk.core.errors import CancelToken
from clinicdesk.core.segmentation import (
    SegmentationResult,
    TierParams,
    clinic_params,
    run_segmentation,
)
from clinicdesk.core.segmentation import cache as facts_cache
from clinicdesk.core.segmentation.engine import Progress


def run_engine(
    db: Database, tiers: TierParams, progress: Progress, cancel: CancelToken
) -> SegmentationResult:
    """Run the engine with `tiers` and the clinic's own settings for the other stages,
    on the facts kept from the last run when the file's data has not changed."""
    params = clinic_params(db, tiers)
    return run_segmentation(db, params, progress, cancel, facts_cache.SHARED)
