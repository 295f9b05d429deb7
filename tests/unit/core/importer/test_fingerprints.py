"""A charge's fingerprint is stable: the same 64-bit number for the same line, however it
is computed, as the fingerprints earlier imports left in clinic files were."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clinicdesk.core.importer.load import _key, _keys


def test_a_known_line_keeps_its_fingerprint():
    # Written by every import since the fingerprint came in (migration 0003): were it to
    # change, a second import of an old file would add every row again.
    line = "12|2023-05-01|洁牙|口腔|29800|医生1#1"
    assert _key(line) == _keys([line])[0] == -8829901697629894815
    assert _key("") == _keys([""])[0] == -1970711489451281740


@given(st.lists(st.text(), max_size=5000))
def test_the_fingerprints_in_bulk_are_those_of_each_line(texts):
    assert _keys(texts) == [_key(text) for text in texts]
