"""The charges are written by date, then patient, then their order in the file."""

from __future__ import annotations

from operator import itemgetter

from hypothesis import given
from hypothesis import strategies as st

from clinicdesk.core.importer.load import _by_date_and_patient

_charge = st.tuples(
    st.integers(1, 4), st.sampled_from(["2024-01-02", "2024-01-01", "2023-12-31"]),
    st.sampled_from(["洁牙", "补牙"]), st.none(), st.integers(-5, 5), st.none(), st.none(),
    st.integers(),
)  # fmt: skip


@given(st.lists(_charge, max_size=40))
def test_two_stable_sorts_give_the_order_of_one_by_date_and_patient(charges):
    expected = sorted(charges, key=itemgetter(1, 0))
    _by_date_and_patient(charges)
    assert charges == expected
