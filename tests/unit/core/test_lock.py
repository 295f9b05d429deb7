"""The clinic file's lock: one session changes a file at a time; a dead holder frees it."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from clinicdesk.core.errors import KnownError
from clinicdesk.core.lock import ClinicLock, clinic_lock

ROOT = Path(__file__).parents[3]
HOLD = """
import sys, time
from clinicdesk.core.lock import ClinicLock
lock = ClinicLock(sys.argv[1])
assert lock.try_acquire()
print("held", flush=True)
time.sleep(60)
"""


def _holder(clinic: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(clinic)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert proc.stdout is not None and proc.stdout.readline() == "held\n"
    proc.stdout.close()
    return proc


def test_a_lock_held_by_another_process_is_refused(clinic_path):
    proc = _holder(clinic_path)
    try:
        assert ClinicLock(clinic_path).try_acquire(wait=0.2) is False
    finally:
        proc.kill()
        proc.wait()


def test_a_lock_whose_process_was_killed_is_free(clinic_path):
    proc = _holder(clinic_path)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    lock = ClinicLock(clinic_path)
    assert lock.try_acquire() and lock.held
    lock.release()


def test_two_locks_in_one_process_conflict_until_released(clinic_path):
    first, second = ClinicLock(clinic_path), ClinicLock(clinic_path)
    assert first.try_acquire() and not second.try_acquire()
    first.release()
    assert second.try_acquire() and not first.held
    second.release()


def test_a_command_refused_by_the_lock_is_told_why(clinic_path):
    holder = ClinicLock(clinic_path)
    holder.try_acquire()
    with pytest.raises(KnownError) as info, clinic_lock(clinic_path, wait=0):
        pass
    assert info.value.key == "db.in_use" and str(clinic_path) in info.value.message("en")
    holder.release()
