"""The call list: who to phone today, why, in what order, with the script filled in."""

from clinicdesk.core.calls.campaign import campaign_list
from clinicdesk.core.calls.entry import ORDERS, CallEntry
from clinicdesk.core.calls.fill import FilledScript, filled_script, filled_scripts
from clinicdesk.core.calls.outcomes import Booking, log_outcome, undo_call, undoable_calls
from clinicdesk.core.calls.plan import CallDay, ForecastDay, build_call_list, plan_calls
from clinicdesk.core.calls.rules import MUST_CALL, REASONS, CallRules
from clinicdesk.core.calls.script_store import ensure_default_scripts, script_for
from clinicdesk.core.calls.store import (
    campaign_results,
    claim,
    create_campaign,
    progress_today,
)
from clinicdesk.core.calls.workload import contacts_for

__all__ = [
    "MUST_CALL", "ORDERS", "REASONS", "Booking", "CallDay", "CallEntry", "CallRules",
    "FilledScript", "ForecastDay", "build_call_list", "campaign_list", "campaign_results",
    "claim", "contacts_for", "create_campaign", "ensure_default_scripts", "filled_script",
    "filled_scripts", "log_outcome", "plan_calls", "progress_today", "script_for", "undo_call",
    "undoable_calls",
]  # fmt: skip
