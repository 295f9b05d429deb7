"""The segmentation engine: ABC/Pareto tiers, RFM, lapse detection, referral influence.

Qt-free and deterministic. `run_segmentation(db, params)` reads the clinic file and runs
every stage; `segment(facts, params)` is the pure part; `save_tier_run` keeps a run so
that tier movements can be shown next time.
"""

from clinicdesk.core.errors import Cancelled
from clinicdesk.core.segmentation.engine import (
    SegmentationResult,
    TierResult,
    segment,
)
from clinicdesk.core.segmentation.facts import Facts
from clinicdesk.core.segmentation.params import (
    PRESETS,
    EngineParams,
    LapseParams,
    MembershipParams,
    ReferralParams,
    RfmParams,
    TierParams,
    parse_cutoffs,
)
from clinicdesk.core.segmentation.reading import load_facts
from clinicdesk.core.segmentation.service import (
    clinic_params,
    run_segmentation,
    save_tier_run,
    tier_history,
)

__all__ = [
    "PRESETS", "Cancelled", "EngineParams", "Facts", "LapseParams", "MembershipParams",
    "ReferralParams", "RfmParams", "SegmentationResult", "TierParams", "TierResult",
    "clinic_params", "load_facts", "parse_cutoffs", "run_segmentation", "save_tier_run", "segment",
    "tier_history",
]  # fmt: skip
