"""Where ClinicDesk keeps its files: the per-user data and log folders (platformdirs).

The clinic file lives in the local (not roaming) user data folder, never in Documents,
which is often synced to a cloud drive: this is patient data. The clinic file last
created or opened on this PC is its *current clinic*, recorded in the data folder: the
window and every command use it when no ``--db`` is given.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from platformdirs import PlatformDirs

from clinicdesk.core.private import private_file, private_folder

APP_NAME = "ClinicDesk"
CLINIC_FILE = "clinic.db"
DEMO_FILE = "demo-clinic.db"
CURRENT_RECORD = "current-clinic"  # one line: the current clinic file's absolute path


def _dirs() -> PlatformDirs:
    # appauthor=False: otherwise Windows gets ...\ClinicDesk\ClinicDesk.
    return PlatformDirs(APP_NAME, appauthor=False)


def data_dir() -> Path:
    """The per-user data folder (``CLINICDESK_HOME`` overrides it, for tests and trials)."""
    override = os.environ.get("CLINICDESK_HOME")
    return Path(override) if override else Path(_dirs().user_data_dir)


def default_clinic_path() -> Path:
    """The clinic file opened when no ``--db`` is given."""
    return data_dir() / CLINIC_FILE


def new_clinic_path() -> Path:
    """Where a new clinic goes when no path is given: ``clinic.db`` in the data folder, or
    ``clinic-2.db``, ``clinic-3.db``… when that is taken (a second clinic on one PC)."""
    path, number = default_clinic_path(), 2
    while path.exists():
        path = data_dir() / f"{Path(CLINIC_FILE).stem}-{number}{Path(CLINIC_FILE).suffix}"
        number += 1
    return path


def current_clinic() -> Path | None:
    """This PC's current clinic: the file last created or opened here (it may have been
    moved or deleted since), else ``clinic.db`` in the data folder when it exists (a PC set
    up before the record existed), else None."""
    try:
        recorded = (data_dir() / CURRENT_RECORD).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        recorded = ""
    if recorded:
        return Path(recorded)
    return default_clinic_path() if default_clinic_path().exists() else None


def remember_clinic(path: Path) -> None:
    """Make `path` this PC's current clinic. A record that cannot be written is logged,
    not raised: the work with the clinic file itself has succeeded."""
    record = data_dir() / CURRENT_RECORD
    partial = record.with_name(CURRENT_RECORD + ".new")
    try:
        private_folder(record.parent)  # the data folder: 0700
        private_file(partial)  # 0600: where the clinic file lies is the user's business
        partial.write_text(str(path.resolve()) + "\n", encoding="utf-8")
        # Renamed without syncing (not `durable.replace`): it runs on the window's thread,
        # where an fsync can wait behind every dirty page of the disk (a backup's), and
        # losing this pointer to a power cut costs only the choice at the next start.
        partial.replace(record)
    except OSError as exc:
        logging.getLogger("clinicdesk").warning("current clinic not recorded: %s", exc.strerror)


def default_demo_path() -> Path:
    """Where ``clinicdesk demo`` writes when no ``--db`` is given."""
    return data_dir() / DEMO_FILE


def log_dir() -> Path:
    """The per-user log folder (logs hold no personal data)."""
    override = os.environ.get("CLINICDESK_HOME")
    return Path(override) / "logs" if override else Path(_dirs().user_log_dir)


def backups_dir() -> Path:
    """Where the automatic and "back up now" copies of the clinic files go."""
    return data_dir() / "backups"


def import_report_path(source_stem: str) -> Path:
    """A new report of an import's rejected rows and warnings, named after the file
    imported and the time: import-reports/<stem>-<YYYYMMDD-HHMMSS>.csv in the data folder."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return data_dir() / "import-reports" / f"{source_stem}-{stamp}.csv"
