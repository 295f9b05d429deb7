"""Where ClinicDesk keeps its files: the per-user data and log folders (platformdirs).

The clinic file lives in the local (not roaming) user data folder, never in Documents,
which is often synced to a cloud drive: this is patient data.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "ClinicDesk"
CLINIC_FILE = "clinic.db"
DEMO_FILE = "demo-clinic.db"


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
