"""Pausing the cyclic garbage collector: nested, and from several threads at once."""

from __future__ import annotations

import gc
import threading

from clinicdesk.core.perf import paused_gc


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
