"""Backups of the clinic file: consistent copies made with SQLite's online backup API.

A backup is taken while the file is open (WAL included), checked, and kept in a
backups folder with the time in its name; the oldest beyond `KEEP` are removed.
Restoring checks the backup first, keeps the current file as a backup too, then swaps
the files, so a restore can itself be undone.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from clinicdesk.core.errors import KnownError

KEEP = 14
SUFFIX = ".db"


def backup(source: Path, folder: Path, label: str = "") -> Path:
    """Copy the clinic file at `source` into `folder`; returns the backup's path.

    Raises:
        KnownError: the folder cannot be written, or the copy is not sound.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise KnownError("backup.folder", path=str(folder)) from None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{source.stem}-{stamp}{'-' + label if label else ''}{SUFFIX}"
    partial = target.with_name(target.name + ".partial")
    try:
        with _connect(source) as src, _connect(partial) as dst:
            src.backup(dst)
    except sqlite3.Error:
        partial.unlink(missing_ok=True)
        raise KnownError("backup.failed", path=str(source)) from None
    if not is_sound(partial):
        partial.unlink(missing_ok=True)
        raise KnownError("backup.failed", path=str(source))
    partial.replace(target)
    return target


def _connect(path: Path) -> closing[sqlite3.Connection]:
    # closing(): sqlite3's own context manager commits but does not close.
    return closing(sqlite3.connect(str(path)))


def is_sound(path: Path, *, quick: bool = False) -> bool:
    """Whether the SQLite file at `path` passes ``integrity_check`` (or ``quick_check``)."""
    if not path.is_file():
        return False
    try:
        with _connect(path) as connection:
            pragma = "quick_check" if quick else "integrity_check"
            rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.Error:
        return False
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


def prune(folder: Path, stem: str, keep: int = KEEP) -> list[Path]:
    """Remove all but the `keep` newest backups of `stem`; returns those removed."""
    removed = backups(folder, stem)[keep:]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def backup_if_due(
    source: Path, folder: Path, *, keep: int = KEEP, every: dt.timedelta = dt.timedelta(days=1)
) -> Path | None:
    """The automatic backup: at most once per `every`, then prune to `keep`."""
    newest = backups(folder, source.stem)
    if newest and dt.datetime.now() - dt.datetime.fromtimestamp(newest[0].stat().st_mtime) < every:
        return None
    made = backup(source, folder)
    prune(folder, source.stem, keep)
    return made


def restore(backup_file: Path, target: Path, folder: Path) -> Path:
    """Replace the clinic file `target` by `backup_file` (the file must not be open).

    The backup is checked first; the current file is kept as a backup labelled
    "before-restore" in `folder`. Returns that safety copy.
    """
    if not is_sound(backup_file):
        raise KnownError("backup.unsound", path=str(backup_file))
    if not target.parent.is_dir():
        raise KnownError("db.no_folder", path=str(target.parent))
    safety = _keep(target, folder) if target.exists() else target
    staging = target.with_name(target.name + ".restoring")
    with _connect(backup_file) as src, _connect(staging) as dst:
        src.backup(dst)
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    staging.replace(target)
    return safety


def _keep(target: Path, folder: Path) -> Path:
    """Keep the current file before it is replaced: a checked backup, or, when it is too
    damaged for that, a plain copy of its bytes (nothing is ever thrown away)."""
    try:
        return backup(target, folder, "before-restore")
    except KnownError:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = folder / f"{target.stem}-{stamp}-damaged{SUFFIX}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target, copy)
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
