"""A file put in place so that a power cut leaves the old one or the new one, whole.

Every file ClinicDesk writes whole (a backup, a restored clinic file, an export, a new
clinic, the demo) is written beside its target under another name and renamed onto it
at the end. A rename is atomic, but on POSIX it is durable only once the folder's entry
is on disk: after a power cut a few seconds later, ext4 and XFS may come back with the
folder as it was before the rename (the restored file gone back to the one replaced)
or, without the new file's own data synced, with a file of the new name and no data.
So `replace` syncs the file's data, renames, then syncs the folder, as SQLite does for
its journal (``unixSync`` with ``SQLITE_SYNC_DIRECTORY``) and as PostgreSQL's
``durable_rename`` does.

On Windows a folder cannot be opened to be synced; NTFS journals its own metadata, and
the rename is left to it. Some file systems (a USB stick's, a network share's) refuse to
sync a folder, or to open one: that is ignored, as PostgreSQL's ``fsync_fname`` ignores
it; a failing sync of the data itself (a disk error) is raised.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

__all__ = ["replace", "sync_folder"]

_POSIX = os.name == "posix"


def replace(source: Path, target: Path) -> None:
    """`source.replace(target)`, made durable: `source`'s data synced first, the folder
    of `target` after."""
    if _POSIX:
        _sync_file(source)
    source.replace(target)
    sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    """Write `folder`'s entries to disk (POSIX; nothing on Windows, nor where the file
    system cannot do it)."""
    if not _POSIX:
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        if exc.errno in _CANNOT_OPEN_FOLDER:
            return
        raise
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _CANNOT_SYNC_FOLDER:
            raise
    finally:
        os.close(fd)


_CANNOT_OPEN_FOLDER = {errno.EACCES, errno.EISDIR, errno.EPERM}
_CANNOT_SYNC_FOLDER = {errno.EBADF, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}


def _sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
