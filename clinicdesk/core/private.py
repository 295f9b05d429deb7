"""Files that hold patient data are the user's alone: 0600 files in 0700 folders.

On POSIX every file ClinicDesk creates with patient data in it (clinic files, backups,
unfinished copies, import reports, exports, the log, the lock) is made here, readable
and writable by its owner only, and every folder it creates for them is 0700. SQLite
gives a database's ``-wal``, ``-shm`` and ``-journal`` the database file's mode, so a
clinic file made here keeps its companions private too. Folders the user chose (a USB
drive) are used as they are.

On Windows the per-user data folder (``%LOCALAPPDATA%``) is private to the user
already; its access lists are left as they are (``os.chmod`` there only sets the
read-only flag), so these functions only create.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["FILE_MODE", "FOLDER_MODE", "private_file", "private_folder", "tighten"]

FILE_MODE = 0o600
FOLDER_MODE = 0o700
_POSIX = os.name == "posix"


def private_folder(path: Path) -> Path:
    """Make `path` and the folders above it that are missing, each 0700; folders that
    exist are left as they are. Returns `path`."""
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:  # made by another process meanwhile
            continue
        if _POSIX:
            folder.chmod(FOLDER_MODE)  # mkdir's mode passes through the umask
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty and 0600 if it does not exist (a file that exists is
    tightened, see `tighten`), for a writer that opens it by name afterwards."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        tighten(path)
    return path


def tighten(path: Path) -> None:
    """Make a file of ours readable by its owner only, if it was more open than that
    (files made by older versions were 0644); nothing on Windows or if not ours."""
    if not _POSIX:
        return
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & 0o700)
    except OSError:  # gone, or another user's
        pass
