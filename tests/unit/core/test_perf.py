"""Pausing the cyclic garbage collector: nested, and from several threads at once; a C
iterator drained a slice at a time, letting another thread run between slices."""

from __future__ import annotations

import codecs
import gc
import io
import itertools
import random
import sys
import threading
import time
from collections import Counter

import pytest

from clinicdesk.core.perf import (
    counted,
    decoded,
    holds,
    in_slices,
    lines_of,
    mapped,
    paused_gc,
    release,
    slices,
)


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


def _longest_wait_of_another_thread(drain, made=None) -> tuple[float, float]:
    """The longest a second thread went without running while `drain` emptied a long C
    iterator (or took what `made()` makes), and how long that took."""
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
        items = (
            itertools.islice(itertools.count(), 5_000_000)  # C all the way: no bytecode
            if made is None
            else made()
        )
        began = time.perf_counter()
        kept = drain(items)  # freed after `ended`: freeing a long list holds the GIL too
        ended = time.perf_counter()
        del kept
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


_EXPORT = '卡号,姓名,金额\r\nYY0001,王小明,880.00\r\nYY0002,"李\n红",1\r3\n\n'


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "big5"])
@pytest.mark.parametrize("size", [1, 2, 3, 7, 1 << 18])
def test_decoded_is_decode(encoding, size):
    data = (_EXPORT * 40).encode("gb18030" if encoding == "big5" else encoding)
    rng = random.Random(size)
    broken = bytearray(data)
    for _ in range(5):
        broken[rng.randrange(len(broken))] = rng.randrange(256)
    for given in (data, bytes(broken), data[:-1], b""):
        try:
            expected: str | type = given.decode(encoding)
        except UnicodeDecodeError:
            expected = UnicodeDecodeError
        try:
            got: str | type = decoded(given, encoding, size)
        except UnicodeDecodeError:
            got = UnicodeDecodeError
        assert got == expected


def test_decoded_refuses_what_decode_refuses():
    with pytest.raises(LookupError):
        decoded(b"abc", "no-such-encoding")
    with pytest.raises(LookupError):  # a codec, but not of text
        decoded(b"YWJj", "base64")
    assert codecs.lookup("base64")


@pytest.mark.parametrize("size", [1, 2, 3, 5, 64, 1 << 18])
def test_lines_of_are_the_lines_of_a_string_io(size):
    rng = random.Random(size)
    texts = [_EXPORT * 30, "", "\n", "\r", "\r\n\r\n", "no ending", "a\rb\r\nc\n\rd"]
    texts += ["".join(rng.choice("ab\r\n,\u2028\x0c") for _ in range(300)) for _ in range(20)]
    for text in texts:
        assert list(lines_of(text, size)) == list(io.StringIO(text, newline=""))


@pytest.mark.parametrize("size", [1, 3, 1 << 18])
def test_holds_is_in(size):
    for text in ("", "abc", "ab\0c", "\0", "abc\0"):
        assert holds(text, "\0", size) == ("\0" in text)


def _a_big_export() -> str:
    return "YY0000001,王小明,13800138000,2026-01-05,洁牙,口腔,880.00,李医生\r\n" * 400_000


def test_decoding_a_whole_file_holds_the_gil_but_decoded_lets_go():
    data = _a_big_export().encode("utf-8")
    waited, took = _longest_wait_of_another_thread(lambda d: d.decode("utf-8"), lambda: data)
    assert waited > took / 2
    waited, took = _longest_wait_of_another_thread(lambda d: decoded(d, "utf-8"), lambda: data)
    assert waited < took / 2


def _as_a_task(work):
    """`work` as a task runs it: the collector paused (it holds the GIL while it walks)."""

    def run(given):
        with paused_gc():
            return work(given)

    return run


def test_reading_the_lines_of_a_string_io_holds_the_gil_but_lines_of_lets_go():
    text = _a_big_export()
    whole, _took = _longest_wait_of_another_thread(
        _as_a_task(lambda t: list(io.StringIO(t, newline=""))), lambda: text
    )  # its buffer made of all the text at the first line, and freed at the end: two pieces
    pieces, _took = _longest_wait_of_another_thread(
        _as_a_task(lambda t: list(lines_of(t))), lambda: text
    )
    assert pieces < whole / 2  # seen: 10-30 ms against 90-210 ms


@pytest.mark.parametrize("size", [1, 7, 2000])
def test_slices_cut_the_items_in_order(size):
    cut = list(slices(iter(range(5_001)), size))
    assert [n for chunk in cut for n in chunk] == list(range(5_001))
    assert {len(chunk) for chunk in cut[:-1]} <= {size} and 0 < len(cut[-1]) <= size
    assert list(slices([], size)) == []
