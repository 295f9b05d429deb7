"""Is this file a sound ClinicDesk clinic file? The checks a backup passes before it
may replace a clinic, cheapest first.

1. It exists, and its name is not that of an unfinished copy (``.partial``,
   ``.restoring``).
2. It is not empty and starts with SQLite's header.
3. Its schema is ClinicDesk's: migrations this program knows (none newer), and every
   table those migrations create.
4. ``PRAGMA integrity_check`` (the full one: pages, records, indexes, NOT NULL, UNIQUE
   and CHECK constraints) says ok.
5. Every text value decodes as UTF-8. A changed byte inside a text value passes the
   integrity check and breaks the program later ("Could not decode to UTF-8"), so every
   row of every table is read once. A changed byte inside a number cannot be seen by
   any check of the file itself.

The file is read with SQLite's ``mode=ro&immutable=1``: nothing is written beside it,
not even ``-wal``/``-shm`` companions. At 100,000 patients (a 600 MB file) steps 4 and 5
take about 15 s and 10 s on a loaded two-core machine; small clinics, a fraction of a
second. Call it from a worker; `progress` (0..1) is optional.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.db.schema import migrations, names
from clinicdesk.core.errors import Cancelled, CancelToken, KnownError

__all__ = ["ClinicFileFacts", "UNFINISHED", "check_clinic_file", "read_only_uri"]

HEADER = b"SQLite format 3\x00"
UNFINISHED = (".partial", ".restoring")  # the suffixes of copies still being written
_STAMP = re.compile(r"-(\d{8}-\d{6})(?:-[a-z-]+)?\.db$")
_COLUMN = re.compile(r"column '([^']*)'")

Progress = Callable[[float], None]


@dataclass(frozen=True, slots=True)
class ClinicFileFacts:
    """What a sound clinic file holds, for the confirmation before a restore.

    Attributes:
        clinic_name: the clinic's name (None when it has none).
        patients: patients in the file (archived ones included, merged ones not).
        made_at: when the backup was made (from its name, else the file's time).
        schema: the migrations applied to it.
        stamp: the file's size and modification time when it was checked.
    """

    path: Path
    clinic_name: str | None
    patients: int
    made_at: dt.datetime
    schema: tuple[str, ...]
    stamp: tuple[int, int]

    def summary(self, language: str) -> str:
        """One sentence for the confirmation: the clinic, the patients, when it was made."""
        return i18n.message(
            "backup.facts", language, path=self.path.name, patients=self.patients,
            clinic=self.clinic_name or i18n.message("info.unnamed", language),
            made=self.made_at.isoformat(sep=" ", timespec="minutes"),
        )  # fmt: skip

    def still_checked(self) -> bool:
        """Whether the file is still the one checked (same size and time)."""
        return self.path.is_file() and _stamp(self.path) == self.stamp


def read_only_uri(path: Path) -> str:
    """The SQLite URI that reads `path` as it is and writes nothing beside it."""
    return path.resolve().as_uri() + "?mode=ro&immutable=1"


def check_clinic_file(
    path: Path,
    *,
    unfinished: bool = False,
    text: bool = True,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ClinicFileFacts:
    """Check `path` (every step of the module's docstring, by default: what a file must
    pass before it may replace a clinic) and return what it holds. A backup checks its
    own unfinished copy (`unfinished`: its name is not refused) without step 5
    (`text`), which its source passed or failed already.

    Raises:
        KnownError: the first check it fails, saying which and why.
        Cancelled: `cancel` was set while checking (it reads the whole file).
    """
    say = progress or (lambda _f: None)
    _check_bytes(path, unfinished)
    try:
        with closing(_open(path, cancel)) as conn:
            schema = _check_schema(conn, path)
            say(0.0)
            _check_integrity(conn, path)
            if text:
                say(0.6)
                _check_text(conn, path, lambda f: say(0.6 + 0.4 * f))
            facts = _facts(conn, path, schema)
    except (sqlite3.DatabaseError, KnownError) as exc:
        if cancel is not None and cancel.is_set():  # interrupted, not damaged
            raise Cancelled() from None
        if isinstance(exc, KnownError):
            raise
        raise KnownError("backup.unsound", path=str(path)) from None  # pages not SQLite's
    if cancel is not None and cancel.is_set():  # Cancel means cancel, even at the end
        raise Cancelled()
    say(1.0)
    return facts


def _open(path: Path, cancel: CancelToken | None) -> sqlite3.Connection:
    """A read-only connection to `path` whose statements stop once `cancel` is set."""
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    if cancel is not None:
        conn.set_progress_handler(lambda: int(cancel.is_set()), 10_000)
    return conn


def _check_bytes(path: Path, unfinished: bool) -> None:
    if not path.is_file():
        raise KnownError("import.no_file", path=str(path))
    if not unfinished and path.name.endswith(UNFINISHED):
        raise KnownError("check.unfinished", path=str(path))
    with path.open("rb") as file:
        head = file.read(len(HEADER))
    if not head:
        raise KnownError("check.empty", path=str(path))
    if head != HEADER:
        raise KnownError("db.not_a_clinic_file", path=str(path))


def _check_schema(conn: sqlite3.Connection, path: Path) -> tuple[str, ...]:
    tables = _tables(conn)
    if "_sqlite_migrations" not in tables:
        raise KnownError("check.foreign", path=str(path))
    applied = [r[0] for r in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        [migrations.name],
    )]  # fmt: skip
    if not applied:
        raise KnownError("check.foreign", path=str(path))
    unknown = [n for n in applied if n not in names()]
    if unknown:
        raise KnownError("db.newer_schema", path=str(path), names=", ".join(unknown))
    missing = sorted(_expected_tables(applied) - tables)
    if missing:
        raise KnownError("check.missing_tables", path=str(path), tables=", ".join(missing))
    return tuple(applied)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _expected_tables(applied: list[str]) -> set[str]:
    """The tables a clinic file has after exactly the migrations `applied`."""
    db = Database(memory=True, execute_plugins=False)  # see clinicdesk.core.db.PLUGINS
    migrations.apply(db, stop_before=[n for n in names() if n not in applied] or None)
    expected = _tables(db.conn)
    db.close()
    return expected


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    if conn.execute("PRAGMA integrity_check(1)").fetchall() != [("ok",)]:
        raise KnownError("backup.unsound", path=str(path))


def _check_text(conn: sqlite3.Connection, path: Path, say: Progress) -> None:
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
    )]  # fmt: skip
    for done, table in enumerate(tables):
        say(done / len(tables))
        cursor = conn.execute(f'SELECT * FROM "{table}"')
        try:
            while cursor.fetchmany(5000):
                pass
        except sqlite3.OperationalError as exc:  # "Could not decode to UTF-8 column 'x'…"
            column = _COLUMN.search(str(exc))
            raise KnownError(
                "check.bad_text", path=str(path), table=table,
                column=column.group(1) if column else "?",
            ) from None  # fmt: skip


def _facts(conn: sqlite3.Connection, path: Path, schema: tuple[str, ...]) -> ClinicFileFacts:
    row = conn.execute("SELECT value FROM settings WHERE key = 'clinic_name'").fetchone()
    try:
        name = json.loads(row[0]) if row else None
    except ValueError:
        name = None
    patients = conn.execute("SELECT count(*) FROM patients WHERE merged_into IS NULL").fetchone()
    return ClinicFileFacts(path, str(name) if name else None, patients[0], _made_at(path),
                           schema, _stamp(path))  # fmt: skip


def _stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def _made_at(path: Path) -> dt.datetime:
    stamp = _STAMP.search(path.name)
    if stamp:
        try:
            return dt.datetime.strptime(stamp.group(1), "%Y%m%d-%H%M%S")
        except ValueError:
            pass
    return dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
