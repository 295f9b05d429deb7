"""A task's cancel stops the statement under way (`stopping`), not only the next one."""

from __future__ import annotations

import sqlite3
import time

import pytest

from clinicdesk.core.db.stopping import stopping
from clinicdesk.core.errors import Cancelled

# Counts to a billion: minutes of work unless interrupted.
LONG = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1e9)" \
       " SELECT count(*) FROM n"  # fmt: skip


def _cancel_at(call: int):
    calls: list[int] = []

    def check() -> None:
        calls.append(1)
        if len(calls) >= call:
            raise Cancelled()

    return check, calls


def test_a_cancel_interrupts_the_statement_under_way():
    conn = sqlite3.connect(":memory:")
    check, calls = _cancel_at(3)
    start = time.perf_counter()
    with pytest.raises(Cancelled), stopping(conn, check, steps=10_000):
        conn.execute(LONG).fetchone()
    assert len(calls) == 3 and time.perf_counter() - start < 5
    assert conn.execute("SELECT 1").fetchone() == (1,)  # the connection works on


def test_whatever_the_check_raises_is_what_the_block_raises():
    class Stop(Exception):
        pass

    def check() -> None:
        raise Stop

    conn = sqlite3.connect(":memory:")
    with pytest.raises(Stop), stopping(conn, check, steps=10_000):
        conn.execute(LONG).fetchone()


def test_without_a_cancel_the_statements_run_whole_and_the_handler_goes():
    conn = sqlite3.connect(":memory:")
    check, calls = _cancel_at(10**9)
    with stopping(conn, check, steps=1_000):
        assert conn.execute(LONG.replace("1e9", "100000")).fetchone() == (100_000,)
    assert calls  # it was asked, and said go on
    asked = len(calls)
    conn.execute(LONG.replace("1e9", "100000")).fetchone()
    assert len(calls) == asked  # no handler after the block


def test_another_error_is_not_taken_for_a_cancel():
    conn = sqlite3.connect(":memory:")
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        with stopping(conn, lambda: None):
            conn.execute("SELECT * FROM missing_table")
