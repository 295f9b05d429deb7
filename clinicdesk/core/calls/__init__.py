"""The call list: who to phone today, why, in what order, with the script filled in."""

from clinicdesk.core.calls.build import ORDERS, CallEntry, build_call_list, campaign_list
from clinicdesk.core.calls.fill import FilledScript, filled_script, filled_scripts
from clinicdesk.core.calls.rules import REASONS, CallRules
from clinicdesk.core.calls.script_store import ensure_default_scripts, script_for
from clinicdesk.core.calls.store import (
    campaign_results,
    claim,
    create_campaign,
    log_outcome,
    progress_today,
)

__all__ = [
    "ORDERS", "REASONS", "CallEntry", "CallRules", "FilledScript", "build_call_list",
    "campaign_list", "campaign_results", "claim", "create_campaign", "ensure_default_scripts",
    "filled_script", "filled_scripts", "log_outcome", "progress_today", "script_for",
]  # fmt: skip
