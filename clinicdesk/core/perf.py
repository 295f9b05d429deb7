"""Bulk work beside the window's thread: the cyclic collector paused, the GIL let go.

**The GIL.** A C iterator drained by `list()` (`list(csv.reader(...))`) never returns to
the interpreter's loop, so the thread never offers the GIL to the others: 100,000 rows
of an import held it 100-300 ms in one piece, and the window's thread waited that long.
`in_slices` builds the same list a slice at a time, back in the loop between slices
(`mapped` is `list(map(...))` so built: `list(map(str.format, ...))` over 100,000 charges
held it 100 ms), `counted` counts so, and `release` frees a list the same way. A whole
file's text is handled a piece at a time too: `decoded` decodes it so, `lines_of` hands
csv.reader its lines from one piece after another and `holds` looks for a character
so (decoding 8 MB held the GIL 11-17 ms, `io.StringIO` of its text 20-30 ms, and
freeing that StringIO's buffer 40 ms as the read ended).

**The collector.**
The engine and the importer build hundreds of thousands of small tuples. Each full
cyclic collection walks every one of them while holding the GIL: 40-80 ms a time on
100,000 patients, several times a run, which both slows the run and freezes the
window's thread meanwhile. Those tuples hold no reference cycles, so reference
counting frees them; the collector resumes when the work ends.

What the work kept (a result, a call list) was allocated while the collector slept,
so it is all in the youngest generation when it wakes: the first collection after a
pause then walked all of it at once, holding the GIL, on whichever thread allocated
next (the window's, often): 0.1-0.5 s at 100,000 patients. So a pause ends by handing
the survivors to the oldest generation directly (`gc.freeze()` then `gc.unfreeze()`:
two list splices, no walk); cycles among them are found by the next full collection.
"""

from __future__ import annotations

import codecs
import gc
import io
import itertools
import threading
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
SLICE = 2000  # items a slice: a few milliseconds of csv.reader, at most
PIECE = 1 << 18  # bytes or characters a piece of a text: a fraction of a millisecond


def slices(items: Iterable[T], size: int = SLICE) -> Iterator[list[T]]:
    """`items`, `size` of them a list; the thread is back in the interpreter's loop
    between two (for work of one's own on each: see `in_slices`)."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def in_slices(items: Iterable[T], size: int = SLICE) -> list[T]:
    """`list(items)`, built `size` items at a time so that the thread can hand the GIL
    to the others between slices (see the module's docstring)."""
    out: list[T] = []
    for chunk in slices(items, size):
        out.extend(chunk)
    return out


def mapped(func: Callable[..., T], *iterables: Iterable[Any], size: int = SLICE) -> list[T]:
    """`list(map(func, *iterables))`, a slice at a time (see `in_slices`)."""
    return in_slices(map(func, *iterables), size)


def counted(items: Iterable[Hashable], size: int = SLICE) -> Counter[Hashable]:
    """`Counter(items)`, counted a slice at a time (see `in_slices`)."""
    out: Counter[Hashable] = Counter()
    for chunk in slices(items, size):
        out.update(chunk)
    return out


def release(values: list[Any], size: int = SLICE) -> None:
    """Empty `values` a slice at a time (in a task: freeing 70,000 objects at once holds
    the GIL for 0.15 s, and the window with it; slice by slice the GUI thread gets in)."""
    while values:
        del values[-size:]


def decoded(data: bytes, encoding: str, size: int = PIECE) -> str:
    """`data.decode(encoding)` (strict), a piece of `size` bytes at a time."""
    if not codecs.lookup(encoding)._is_text_encoding:  # base64 and the like, as decode()
        raise LookupError(f"{encoding!r} is not a text encoding")
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    pieces = [decoder.decode(view[at : at + size]) for at in range(0, len(data), size)]
    pieces.append(decoder.decode(b"", final=True))
    return "".join(pieces)


def lines_of(text: str, size: int = PIECE) -> Iterator[str]:
    """The lines of `text` as `io.StringIO(text, newline="")` gives them (each with its
    own ending, ``\r\n``, ``\r`` or ``\n``), from pieces of about `size` characters, cut
    just after a ``\n``: no line ending spans a cut, so the lines are the same."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + size)
        end = len(text) if cut < 0 else cut + 1
        yield from io.StringIO(text[start:end], newline="")
        start = end


def holds(text: str, part: str, size: int = PIECE) -> bool:
    """`part in text` for a `part` of one character, a piece of `size` at a time."""
    return any(text.find(part, at, at + size) >= 0 for at in range(0, len(text), size))


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
                gc.freeze()  # every tracked object out of the young generations...
                gc.unfreeze()  # ...into the oldest: not walked by the next young collection
                gc.enable()
