"""What the window and the call list take from a value run (phase B of issue 18).

- `value_at_risk`: lifetime value × (1 − P(alive)), the call list's reactivation
  priority (`at_risk_of`): what the clinic stands to lose if the patient is gone.
- `predicted_value_tiers`: ABC tiers on lifetime value (who matters from now on), with
  the engine's own tiering, so the cut-offs and ties behave as in the tier overview.
- `slipping`: "valuable but slipping": tier A or B by predicted value, P(alive) below
  one half, by value at risk.
"""

from __future__ import annotations

import numpy as np

from clinicdesk.core.calls.priority import ValueAtRisk
from clinicdesk.core.segmentation.tiers import Assigned, assign
from clinicdesk.core.value.service import ValueResult

SLIPPING_BELOW = 0.5


def value_at_risk(result: ValueResult) -> np.ndarray:
    """Each patient's lifetime value × (1 − P(alive)), fen (NaN without a value)."""
    p = result.patients
    return np.asarray(p.clv_fen * (1.0 - p.p_alive))


def at_risk_of(result: ValueResult | None) -> ValueAtRisk | None:
    """The call list's input: each valued patient's value at risk (None without a run)."""
    if result is None:
        return None
    return ValueAtRisk(result.patients.ids, value_at_risk(result))


def predicted_value_tiers(result: ValueResult, cutoffs: tuple[float, float]) -> Assigned:
    """ABC tiers on lifetime value (whole fen) of the patients who have one above 0."""
    p = result.patients
    valued = np.isfinite(p.clv_fen)
    return assign(p.ids[valued], np.round(p.clv_fen[valued]).astype(np.int64), cutoffs)


def slipping(result: ValueResult, cutoffs: tuple[float, float]) -> np.ndarray:
    """Patients in tier A or B by predicted value whose P(alive) is below one half,
    highest value at risk first (ties by id)."""
    tiers = predicted_value_tiers(result, cutoffs)
    p = result.patients
    at = np.searchsorted(p.ids, tiers.ids)
    keep = (tiers.tier <= 1) & (p.p_alive[at] < SLIPPING_BELOW)
    ids, risk = tiers.ids[keep], value_at_risk(result)[at[keep]]
    return ids[np.lexsort((ids, -risk))]
