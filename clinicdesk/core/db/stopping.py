"""A task's reads that stop at its cancel in the middle of a statement, not after it.

A task's cancel check runs between its steps; one SQL statement can be a step of half a
second or more at 100,000 patients (the call list's read of 920,000 contacts: 0.5-0.8 s),
during which a cancelled build (replaced by a newer one, or its window closed) ran on
beside the work that replaced it. SQLite calls a progress handler every so many virtual
machine steps, and a non-zero answer interrupts the statement under way, as
`clinicdesk.core.db.check` and the backup's check use it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# SQLite's virtual machine steps between two checks: a few milliseconds of a statement,
# so that a cancel stops it within them, and the thread takes the GIL back that seldom.
STEPS = 1_000_000


@contextmanager
def stopping(
    conn: sqlite3.Connection, check: Callable[[], None], steps: int = STEPS
) -> Iterator[None]:
    """Run the block's statements on `conn` with `check` (a task's cancel check: it raises
    `Cancelled`) called every `steps` steps; when it raises, the statement under way is
    interrupted and the block raises what `check` raised."""
    raised: list[Exception] = []

    def handler() -> int:
        try:
            check()
        except Exception as exc:  # Cancelled, or whatever else the check raises
            raised.append(exc)
            return 1  # SQLite stops the statement: "interrupted"
        return 0

    conn.set_progress_handler(handler, steps)
    try:
        yield
    except sqlite3.OperationalError:
        if raised:
            raise raised[0] from None
        raise
    finally:
        conn.set_progress_handler(None, steps)
    if raised:  # the interruption was caught inside the block: the check's word stands
        raise raised[0]
