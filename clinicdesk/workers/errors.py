"""sqlite3's errors, as the window's tasks and writes tell them to the user.

One function, `as_known`, so that every task's failure goes through the same mapping;
"database is locked" after the busy timeout becomes a message that says nothing was
lost (the form keeps its edits), never the raw text.
"""

from __future__ import annotations

import sqlite3

from clinicdesk.core.db import BUSY_TIMEOUT_MS
from clinicdesk.core.errors import KnownError


def as_known(error: Exception) -> Exception:
    """`error` as a `KnownError` when it is one of the environment's (the file busy or
    read-only), else `error` itself."""
    if not isinstance(error, sqlite3.OperationalError):
        return error
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return KnownError("write.busy", seconds=BUSY_TIMEOUT_MS // 1000)
    if "readonly" in text or "read-only" in text:
        return KnownError("write.readonly")
    return error
