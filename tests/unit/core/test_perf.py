"""Pausing the cyclic garbage collector: nested, and from several threads at once; a C
iterator drained a slice at a time, letting another thread run between slices."""

from __future__ import annotations

import gc
import itertools
import sys
import threading
import time
from collections import Counter

import pytest

from clinicdesk.core.perf import counted, in_slices, mapped, paused_gc, release


def test_the_collector_resumes_only_when_the_last_of_two_threads_ends():
    first_in, first_out, second_done = threading.Event(), threading.Event(), threading.Event()
    seen = []

    def second():
        with paused_gc():
            first_in.set()
            first_out.wait(5)
            seen.append(gc.isenabled())  # the other thread's pause has ended
        second_done.set()

    assert gc.isenabled()
    thread = threading.Thread(target=second)
    with paused_gc():
        thread.start()
        first_in.wait(5)
    first_out.set()
    second_done.wait(5)
    thread.join()
    assert seen == [False] and gc.isenabled()


def test_nested_pauses_resume_at_the_outer_end():
    with paused_gc():
        with paused_gc():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_what_a_pause_kept_goes_to_the_oldest_generation_unwalked():
    gc.collect()
    with paused_gc():
        kept = [[n] for n in range(50_000)]  # a result built while the collector slept
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(kept) in oldest and id(kept[-1]) in oldest


@pytest.mark.parametrize("size", [1, 7, 2000])
def test_in_slices_is_list(size):
    assert in_slices(iter(range(10_000)), size) == list(range(10_000))
    assert in_slices([], size) == []


@pytest.mark.parametrize("size", [1, 7, 2000])
def test_mapped_is_list_of_map(size):
    left, right = list(range(5_001)), list(range(0, 10_002, 2))
    assert mapped("{}|{}".format, left, right, size=size) == list(map("{}|{}".format, left, right))
    assert mapped(str, [], size=size) == []


@pytest.mark.parametrize("size", [1, 7, 2000])
def test_counted_is_counter(size):
    items = [n % 13 for n in range(5_001)]
    assert counted(items, size) == Counter(items)
    assert counted([], size) == Counter()


def test_release_empties_the_list():
    values = list(range(5001))
    release(values)
    assert values == []


def _longest_wait_of_another_thread(drain) -> tuple[float, float]:
    """The longest a second thread went without running while `drain` emptied a long C
    iterator, and how long that took."""
    turns, stop, started = [], threading.Event(), threading.Event()

    def other() -> None:
        started.set()
        while not stop.is_set():
            turns.append(time.perf_counter())

    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)
    thread = threading.Thread(target=other)
    try:
        thread.start()
        started.wait(5)
        items = itertools.islice(itertools.count(), 5_000_000)  # C all the way: no bytecode
        began = time.perf_counter()
        drain(items)
        ended = time.perf_counter()
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(interval)
    points = [began, *(t for t in turns if began < t < ended), ended]
    return max(b - a for a, b in zip(points, points[1:], strict=False)), ended - began


def test_a_c_iterator_drained_by_list_holds_the_gil_but_in_slices_lets_go():
    waited, took = _longest_wait_of_another_thread(list)
    assert waited > took / 2  # one piece
    waited, took = _longest_wait_of_another_thread(in_slices)
    assert waited < took / 2


def test_a_map_of_a_c_function_lets_go_when_mapped():
    waited, took = _longest_wait_of_another_thread(lambda items: list(map(str, items)))
    assert waited > took / 2  # str() on each, all in C: one piece
    waited, took = _longest_wait_of_another_thread(lambda items: mapped(str, items))
    assert waited < took / 2


def test_counting_lets_go_when_counted():
    waited, took = _longest_wait_of_another_thread(Counter)
    assert waited > took / 2
    waited, took = _longest_wait_of_another_thread(counted)
    assert waited < took / 2
