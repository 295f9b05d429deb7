"""The call list: who to phone today, why, in what order, with the script filled in."""

from clinicdesk.core.calls.build import ORDERS, CallEntry, build_call_list, campaign_list
from clinicdesk.core.calls.rules import REASONS, CallRules
from clinicdesk.core.calls.store import (
    campaign_results,
    claim,
    create_campaign,
    ensure_default_scripts,
    filled_script,
    log_outcome,
    progress_today,
    script_for,
)

__all__ = [
    "ORDERS", "REASONS", "CallEntry", "CallRules", "build_call_list", "campaign_list",
    "campaign_results", "claim", "create_campaign", "ensure_default_scripts", "filled_script",
    "log_outcome", "progress_today", "script_for",
]  # fmt: skip
