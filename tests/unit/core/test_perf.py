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
