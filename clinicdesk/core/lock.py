"""The clinic file's lock: one ClinicDesk session changes a clinic file at a time.

The window holds it while it has the file open; the commands that change the file
(import, ``tiers --save``, restore, demo) hold it while they run, and refuse with a
message when someone else has it. Reading (info, backup, export, calls) needs no lock:
SQLite's WAL lets readers work beside the one writer.

It is an operating-system lock on ``<clinic file>.lock`` (``flock`` on POSIX,
``msvcrt.locking`` on Windows), taken on an open file: the system lets go of it when the
process ends, however it ends (kill -9, a crash, a power cut), so a lock is never stale
and never needs cleaning up. Two locks on one file conflict within one process too.
The lock file stays beside the clinic file (removing it would race with a process
about to lock it); it is empty.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from clinicdesk.core.errors import KnownError

__all__ = ["LOCK_WAIT_S", "ClinicLock", "clinic_lock"]

LOCK_WAIT_S = 5.0  # as long as SQLite's busy timeout: a command that just ends is waited for
_POLL_S = 0.05


class ClinicLock:
    """The lock of one clinic file (see the module's docstring).

    Attributes:
        path: the lock file, ``<clinic file>.lock``.
    """

    def __init__(self, clinic_file: Path | str) -> None:
        self.path = Path(str(clinic_file) + ".lock")
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def try_acquire(self, wait: float = 0.0) -> bool:
        """Take the lock, waiting up to `wait` seconds for its holder; False if held.

        Raises:
            KnownError: the lock file cannot be made (a read-only folder).
        """
        if self._fd is not None:
            return True
        deadline = time.monotonic() + wait
        while True:
            fd = self._open()
            if _lock(fd):
                self._fd = fd
                return True
            os.close(fd)
            if time.monotonic() >= deadline:
                return False
            time.sleep(_POLL_S)

    def release(self) -> None:
        """Let go of the lock (nothing happens if it is not held)."""
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    def _open(self) -> int:
        if not self.path.parent.is_dir():
            raise KnownError("db.no_folder", path=str(self.path.parent))
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            raise KnownError("db.readonly", path=str(self.path.with_suffix(""))) from None


@contextmanager
def clinic_lock(clinic_file: Path, wait: float | None = None) -> Iterator[ClinicLock]:
    """Hold the clinic file's lock for the block.

    Raises:
        KnownError: another window or command holds it (after waiting `wait` seconds,
            default `LOCK_WAIT_S`).
    """
    lock = ClinicLock(clinic_file)
    if not lock.try_acquire(LOCK_WAIT_S if wait is None else wait):
        raise KnownError("db.in_use", path=str(clinic_file))
    try:
        yield lock
    finally:
        lock.release()


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # BlockingIOError: another open file holds it
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
