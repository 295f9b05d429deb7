"""Pausing Python's cyclic garbage collector around bulk work.

The engine and the importer build hundreds of thousands of small tuples. Each full
cyclic collection walks every one of them while holding the GIL: 40-80 ms a time on
100,000 patients, several times a run, which both slows the run and freezes the
window's thread meanwhile. Those tuples hold no reference cycles, so reference
counting frees them; the collector resumes when the work ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Pauses:
    lock = threading.Lock()
    count = 0  # blocks under way, in any thread
    was_enabled = False  # the collector's state before the first of them


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector for the block. Nested use, and use by several threads
    at once, are fine: it resumes when the last block ends, if it was on before the first."""
    with _Pauses.lock:
        if _Pauses.count == 0:
            _Pauses.was_enabled = gc.isenabled()
            gc.disable()
        _Pauses.count += 1
    try:
        yield
    finally:
        with _Pauses.lock:
            _Pauses.count -= 1
            if _Pauses.count == 0 and _Pauses.was_enabled:
                gc.enable()
