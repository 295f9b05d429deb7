"""Writing export files the way billing systems and Excel write them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from clinicdesk.core.importer import ImportOptions, import_file

HEADER = [
    "会员卡号",
    "顾客姓名",
    "手机号",
    "消费日期",
    "消费项目",
    "项目类别",
    "实收金额",
    "医生",
    "备注",
]


def write_csv(
    path: Path, rows: list[list[object]], encoding: str = "utf-8", header: list[str] | None = HEADER
) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.fixture
def run_import(db, tmp_path):
    """Import a file into the test clinic, with a report in tmp_path."""

    def run(path: Path, **options):
        options.setdefault("report_path", tmp_path / "report.csv")
        return import_file(db, path, ImportOptions(**options))

    return run


def counts(db) -> tuple[int, int]:
    patients = db.execute("SELECT count(*) FROM patients").fetchone()[0]
    charges = db.execute("SELECT count(*) FROM charges").fetchone()[0]
    return patients, charges


def statements(db, run) -> list[str]:
    """The statements `run()` sends through `db`."""
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        run()
    finally:
        db.conn.set_trace_callback(None)
    return seen
