"""The call list's model and its filter: what a rebuild costs the GUI thread.

Every call from Qt into Python takes the GIL again, and beside a busy worker each one
waits (see `app.application`): a list of 3,441 entries reset with a Python
`filterAcceptsRow` made 3,441 of them, 343-666 ms beside two busy threads. Unfiltered,
the list is shown with no call into Python a row; filtered, Qt asks each row once.
"""

from __future__ import annotations

import sys

import pytest

from clinicdesk.core.calls import CallEntry
from clinicdesk.ui.models.call_list import CallFilter, CallListModel, Filters


def _entries(count: int) -> list[CallEntry]:
    return [
        CallEntry(
            patient_id=n,
            name=f"王{n}",
            mobile=f"138{n:08d}",
            tier="ABC"[n % 3],
            owner_id=1 + n % 2,
            owner="张敏" if n % 2 == 0 else "李娜",
            reasons=[("lapsing" if n % 4 else "birthday", "")],
        )
        for n in range(count)
    ]


def _calls_from_qt(during) -> int:
    """How many Python functions Qt called while `during()` ran (a Python function whose
    caller is `during` itself was called from the C++ that `during` called)."""
    calls = 0

    def count(frame, event, _arg) -> None:  # noqa: ANN001
        nonlocal calls
        if event == "call" and frame.f_back is not None and frame.f_back.f_code is code:
            calls += 1

    code = during.__code__
    sys.setprofile(count)
    try:
        during()
    finally:
        sys.setprofile(None)
    return calls


@pytest.fixture
def shown(qapp):
    model = CallListModel("zh_CN")
    proxy = CallFilter(model)
    proxy.sort(-1)
    return model, proxy


def test_a_new_list_without_filters_asks_no_row_of_python(shown):
    model, proxy = shown
    entries = _entries(3000)

    def show() -> None:  # as a view does: a new list, and how many rows it has
        model.set_entries(entries)
        proxy.rowCount()

    assert _calls_from_qt(show) < 10
    assert proxy.rowCount() == 3000
    proxy.set_filters(Filters(tier="A"))
    assert proxy.rowCount() == 1000
    assert _calls_from_qt(show) >= 3000  # filtered: each row, once
    assert proxy.rowCount() == 1000


def test_the_filters_keep_what_they_say_and_none_gives_everything_back(shown):
    model, proxy = shown
    model.set_entries(_entries(300))
    proxy.set_filters(Filters(tier="A"))
    assert proxy.rowCount() == 100
    assert {proxy.entry(r).tier for r in range(proxy.rowCount())} == {"A"}
    proxy.set_filters(Filters(tier="B", owner=2))  # still filtered, another filter
    assert {(proxy.entry(r).tier, proxy.entry(r).owner_id) for r in range(proxy.rowCount())} == {
        ("B", 2)
    }
    assert proxy.rowCount() == 50
    proxy.set_filters(Filters(reason="birthday", text="李娜"))
    assert proxy.rowCount() == 0  # birthdays fall on even ids, 李娜 owns the odd ones
    proxy.set_filters(Filters(text="王12"))
    assert [proxy.entry(r).patient_id for r in range(proxy.rowCount())] == [12, *range(120, 130)]
    proxy.set_filters(Filters(text="  "))
    assert proxy.rowCount() == 300
    model.set_entries(_entries(30))  # a rebuild keeps no filter's leftovers
    assert proxy.rowCount() == 30


def test_a_filtered_list_rebuilt_is_filtered_again(shown):
    model, proxy = shown
    model.set_entries(_entries(30))
    proxy.set_filters(Filters(tier="C"))
    model.set_entries(_entries(60))
    assert proxy.rowCount() == 20
    model.remove(proxy.calls.row_of(2))  # a call logged: tier C, id 2
    assert proxy.rowCount() == 19
