"""Backups of the clinic file: consistent copies made with SQLite's online backup API.

A backup is taken while the file is open (WAL included) into an unfinished copy,
``<backup>.<pid>.partial``, checked (schema and ``integrity_check``), and only then
renamed to its name in the backups folder, with the time in it; the oldest beyond
`KEEP` are removed. A copy left by a killed process is removed at the next start
(`remove_stale_copies`). Restoring accepts only a file that passes every check of
`clinicdesk.core.db.check`, keeps the current file as a backup too, then swaps the
files, so a restore can itself be undone. Every function here may run in a worker.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from clinicdesk.core import durable
from clinicdesk.core.db.check import ClinicFileFacts, Progress, check_clinic_file, read_only_uri
from clinicdesk.core.db.errors import sqlite_errors
from clinicdesk.core.errors import Cancelled, CancelToken, KnownError
from clinicdesk.core.private import private_file, private_folder

KEEP = 14
SUFFIX = ".db"
# Our unfinished copies: "<file>.<pid>.partial" or ".restoring" (and SQLite's journal of
# it, or an export's folder of temporary files, "-tmp"); ".db.partial" without a process
# number from older versions.
_UNFINISHED = re.compile(
    r".+\.(?:db|csv|xlsx|pdf)(?:\.(\d+))?\.(?:partial|restoring)(?:-journal|-wal|-shm|-tmp)?"
)
COPY_SHARE = 0.4  # of a backup's time: the copy; the check of the copy takes the rest
_STEP_PAGES = 2048  # 8 MB a step at 4 KB pages: progress and cancel every few ms
StageProgress = Callable[[float, str], None]


def backup(
    source: Path,
    folder: Path,
    label: str = "",
    progress: StageProgress | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """Copy the clinic file at `source` into `folder`; returns the backup's path.

    Long at 100,000 patients (a 600 MB copy, then its check), so it reports `progress`
    (stages "copy", then "check") and stops when `cancel` is set, leaving no file.

    Raises:
        KnownError: the folder cannot be written, or the copy is not sound.
        Cancelled: `cancel` was set.
    """
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{source.stem}-{stamp}{'-' + label if label else ''}{SUFFIX}"
    partial = unfinished_name(target, "partial")
    try:
        private_file(private_folder(folder) / partial.name)
    except OSError:
        raise KnownError("backup.folder", path=str(folder)) from None
    remove_stale_copies(folder)
    try:
        _copy(source, partial, progress, cancel)
        _check_copy(partial, progress, cancel)
        durable.replace(partial, target)  # a disk that fails to sync it: the backup failed
    except (sqlite3.Error, KnownError, OSError):
        _remove_copy(partial)
        if cancel is not None and cancel.is_set():  # stopped, not failed
            raise Cancelled() from None
        raise KnownError("backup.failed", path=str(source)) from None
    except BaseException:
        _remove_copy(partial)
        raise
    _remove_copy(partial)  # its journal, if SQLite left one
    if progress:
        progress(1.0, "check")
    return target


def unfinished_name(path: Path, kind: str) -> Path:
    """The name of `path` while this process writes it: ``<path>.<pid>.<kind>``."""
    return path.with_name(f"{path.name}.{os.getpid()}.{kind}")


def remove_stale_copies(*folders: Path) -> list[Path]:
    """Remove the unfinished copies (backups, restores, exports) that processes which
    have ended left in `folders`: they hold patient data. Returns those removed."""
    removed = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            match = _UNFINISHED.fullmatch(path.name)
            if match and not _running(match.group(1)) and _remove(path):
                removed.append(path)
    return removed


def _running(pid: str | None) -> bool:
    """Whether process `pid` still runs (on Windows its open copy cannot be removed)."""
    if pid is None or sys.platform == "win32":
        return False
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it runs, as another user
        return True
    return True


def _remove(path: Path) -> bool:
    try:
        if path.is_dir():  # an export's folder of temporary files
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:  # still open (Windows), or not ours to remove
        return False
    return True


def _copy(
    source: Path, target: Path, progress: StageProgress | None, cancel: CancelToken | None
) -> None:
    """SQLite's online backup, a few megabytes a step, so that it can report and stop;
    the copy is one file (no -wal to forget)."""

    def step(_status: int, remaining: int, total: int) -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        if progress and total:
            progress(COPY_SHARE * (total - remaining) / total, "copy")

    with _connect(str(source)) as src, _connect(str(target)) as dst:
        src.backup(dst, pages=_STEP_PAGES, progress=step)
        dst.execute("PRAGMA journal_mode = DELETE")


def _check_copy(partial: Path, progress: StageProgress | None, cancel: CancelToken | None) -> None:
    """The checks of `check_clinic_file` a fresh copy needs (its source's text was read
    already), reported as the "check" stage of a backup."""
    say = progress or (lambda _f, _s: None)
    share = 1 - COPY_SHARE
    check_clinic_file(partial, unfinished=True, text=False, cancel=cancel,
                      progress=lambda f: say(COPY_SHARE + share * f, "check"))  # fmt: skip


def _connect(database: str, *, uri: bool = False) -> closing[sqlite3.Connection]:
    # closing(): sqlite3's own context manager commits but does not close.
    return closing(sqlite3.connect(database, uri=uri))


def is_sound(path: Path, *, quick: bool = False, cancel: CancelToken | None = None) -> bool:
    """Whether the SQLite file at `path` passes ``integrity_check`` (or ``quick_check``).

    Raises:
        Cancelled: `cancel` was set while checking (it reads the whole file).
    """
    if not path.is_file():
        return False
    try:
        with _connect(str(path)) as connection:
            if cancel is not None:
                connection.set_progress_handler(lambda: int(cancel.is_set()), 10_000)
            pragma = "quick_check" if quick else "integrity_check"
            rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.Error:
        rows = []
    if cancel is not None and cancel.is_set():  # a cancelled check tells nothing
        raise Cancelled()
    return rows == [("ok",)]


def backups(folder: Path, stem: str | None = None) -> list[Path]:
    """The backups in `folder` (of the clinic file named `stem`), newest first."""
    if not folder.is_dir():
        return []
    # The stem, the time and an optional label, exactly: "clinic-*" would also match the
    # backups of "clinic-branch.db", which shares the folder.
    name = re.compile(
        (re.escape(stem) if stem else ".+") + r"-\d{8}-\d{6}(-[a-z-]+)?" + re.escape(SUFFIX)
    )
    found = [p for p in folder.iterdir() if name.fullmatch(p.name) and p.is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def newest_sound(
    folder: Path, stem: str, cancel: CancelToken | None = None
) -> ClinicFileFacts | None:
    """What the newest backup of `stem` in `folder` that passes every check of
    `check_clinic_file` holds, if there is one (slow: call it from a worker).

    Raises:
        Cancelled: `cancel` was set.
    """
    for candidate in backups(folder, stem):
        try:
            return check_clinic_file(candidate, cancel=cancel)
        except KnownError:
            continue
    return None


def prune(folder: Path, stem: str, keep: int = KEEP) -> list[Path]:
    """Remove all but the `keep` newest backups of `stem`; returns those removed."""
    removed = backups(folder, stem)[keep:]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def backup_due(folder: Path, stem: str, every: dt.timedelta = dt.timedelta(days=1)) -> bool:
    """Whether the automatic backup of the clinic file named `stem` is due: none made
    in the last `every`."""
    newest = backups(folder, stem)
    return not newest or (
        dt.datetime.now() - dt.datetime.fromtimestamp(newest[0].stat().st_mtime) >= every
    )


def backup_if_due(
    source: Path, folder: Path, *, keep: int = KEEP, every: dt.timedelta = dt.timedelta(days=1)
) -> Path | None:
    """The automatic backup: at most once per `every`, then prune to `keep`."""
    if not backup_due(folder, source.stem, every):
        return None
    made = backup(source, folder)
    prune(folder, source.stem, keep)
    return made


def restore(
    backup_file: Path,
    target: Path,
    folder: Path,
    *,
    checked: ClinicFileFacts | None = None,
    progress: Progress | None = None,
) -> tuple[Path, ClinicFileFacts]:
    """Replace the clinic file `target` by `backup_file` (the caller holds the clinic
    file's lock, and closed its own connections to it).

    The backup must pass every check of `check_clinic_file` (`checked`, the facts of a
    check just made for the confirmation, spares a second one if the file has not
    changed since). The current file is kept as a backup labelled "before-restore" in
    `folder`. Returns that safety copy and what the backup holds.

    Raises:
        KnownError: the backup is refused (which check, why), or the target's folder
            is missing or cannot be written; the clinic file is then unchanged.
    """
    if checked is None or checked.path != backup_file or not checked.still_checked():
        checked = check_clinic_file(backup_file, progress=progress)
    if not target.parent.is_dir():
        raise KnownError("db.no_folder", path=str(target.parent))
    safety = _keep(target, folder) if target.exists() else target
    staging = unfinished_name(target, "restoring")
    try:
        private_file(staging)
        with sqlite_errors(target), _connect(read_only_uri(backup_file), uri=True) as src:
            with _connect(str(staging)) as dst:
                src.backup(dst)
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        durable.replace(staging, target)
    finally:
        _remove_copy(staging)
    return safety, checked


def _remove_copy(copy: Path) -> None:
    """Remove an unfinished copy and SQLite's journal of it: a full disk left the journal
    (patient data) beside the clinic file after a refused restore."""
    for path in (copy, Path(f"{copy}-journal")):
        path.unlink(missing_ok=True)


def _keep(target: Path, folder: Path) -> Path:
    """Keep the current file before it is replaced: a checked backup, or, when it is too
    damaged for that, a plain copy of its bytes (nothing is ever thrown away)."""
    try:
        return backup(target, folder, "before-restore")
    except KnownError:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = private_folder(folder) / f"{target.stem}-{stamp}-damaged{SUFFIX}"
        shutil.copyfile(target, private_file(copy))
        return copy


def offsite_reminder_days(
    last_offsite: dt.date | None,
    holds_data_since: dt.date | None,
    today: dt.date,
    every: int = 30,
) -> int | None:
    """How many days the file has gone without a backup to another drive, when that is
    `every` days or more; None when no reminder is due. The count starts when the file
    first held data (`db.clinic.holds_data_since`: an empty or new file is never
    overdue) or at the last backup elsewhere, whichever is later."""
    if holds_data_since is None:
        return None
    start = max(d for d in (last_offsite, holds_data_since) if d is not None)
    days = (today - start).days
    return days if days >= every else None
