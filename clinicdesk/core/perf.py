"""Pausing Python's cyclic garbage collector around bulk work.

The engine and the importer build hundreds of thousands of small tuples. Each full
cyclic collection walks every one of them while holding the GIL: 40-80 ms a time on
100,000 patients, several times a run, which both slows the run and freezes the
window's thread meanwhile. Those tuples hold no reference cycles, so reference
counting frees them; the collector resumes when the work ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector for the block (nested use is fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
