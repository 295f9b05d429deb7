"""Exporting lists (patients, tiers, later the call list) to CSV or Excel.

CSV is written as UTF-8 with a BOM, which Excel needs to open Chinese text correctly;
.xlsx through XlsxWriter, with numbers as numbers. No cell becomes a formula (see
`clinicdesk.core.formulas`). Exports are explicit user actions: they hold personal
data and go only where the user says.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from clinicdesk.core import i18n
from clinicdesk.core.backup import remove_stale_copies, unfinished_name
from clinicdesk.core.db import lists
from clinicdesk.core.db.lists import mask_mobile
from clinicdesk.core.errors import KnownError
from clinicdesk.core.formulas import csv_cell
from clinicdesk.core.private import private_file, private_folder
from clinicdesk.core.segmentation.engine import SegmentationResult

Cell = str | int | float | Decimal | None


@contextmanager
def written(path: Path) -> Iterator[Path]:
    """A file to write in place of `path`, moved onto it when the block ends: never a
    half-written file under the user's name.

    Raises:
        KnownError: the folder does not exist, or the file cannot be written (open in
            Excel, a read-only folder). Whatever fails, nothing is left behind.
    """
    if not path.parent.is_dir():
        raise KnownError("db.no_folder", path=str(path.parent))
    remove_stale_copies(path.parent)  # what a killed export left in this folder
    partial = unfinished_name(path, "partial")
    try:
        private_file(partial)  # 0600 from the start: it holds patient data
        yield partial
        if not partial.stat().st_size:  # a writer that fails without raising (QPdfWriter)
            raise OSError(partial)
        partial.replace(path)
    except OSError:
        partial.unlink(missing_ok=True)
        raise KnownError("export.cannot_write", path=str(path)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_table(path: Path, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """Write a table to `path`: .xlsx by its suffix, else CSV (UTF-8 with BOM)."""
    with written(path) as partial:
        if path.suffix.lower() == ".xlsx":
            _write_xlsx(partial, headers, rows)
        else:
            with partial.open("w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out)
                writer.writerow([csv_cell(h) for h in headers])
                writer.writerows([csv_cell(c) for c in row] for row in rows)


def _write_xlsx(path: Path, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    # XlsxWriter, row by row to a temporary file (constant memory), typed writes: a
    # string is always text (never a formula or a link), a number a number.
    import xlsxwriter

    # XlsxWriter's temporary file holds the patient data too: it goes in a folder of
    # ours beside the target (never the system's temp folder), removed whatever happens;
    # one left by a killed export goes with the next (remove_stale_copies).
    scratch = private_folder(path.with_name(path.name + "-tmp"))  # <file>.<pid>.partial-tmp
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": str(scratch)})
    try:
        _write_cells(book.add_worksheet(), [headers, *rows])
    except BaseException:
        with suppress(Exception):  # closing lets go of its temporary file (the file itself
            book.close()  # is the unfinished one, removed by written())
        raise
    else:
        book.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _write_cells(sheet: Any, rows: Sequence[Sequence[Cell]]) -> None:
    for number, row in enumerate(rows):
        for column, cell in enumerate(row):
            if isinstance(cell, str):
                sheet.write_string(number, column, cell)
            elif cell is not None:
                sheet.write_number(
                    number, column, float(cell) if isinstance(cell, Decimal) else cell
                )


def _say(language: str, key: str) -> str:
    return i18n.message(key, language)


def patient_table(
    db: Database, language: str, *, full_phones: bool = False
) -> tuple[list[str], list[list[Cell]]]:
    """Every patient (archived ones too, marked) with contact data and spend; mobiles
    masked (138****8000) unless `full_phones`."""
    phone = _phone_shown(full_phones)
    headers = _say(language, "export.patients.columns").split("|")
    today = dt.date.today()
    rows: list[list[Cell]] = []
    for r in db.execute(
        "SELECT p.id, p.name, p.sex, p.birth_date, p.mobile, p.card_no, p.first_visit,"
        " (SELECT max(date) FROM charges c WHERE c.patient_id = p.id),"
        " (SELECT coalesce(sum(amount_fen), 0) FROM charges c WHERE c.patient_id = p.id),"
        " s.name, p.do_not_call, p.archived FROM patients p"
        " LEFT JOIN staff s ON s.id = p.owner_id ORDER BY p.id"
    ):
        age = lists.age(r[3], today)
        sex = _say(language, f"sex.{r[2]}") if r[2] else None
        rows.append([r[0], r[1], sex, age, phone(r[4]), r[5], r[6], r[7], yuan(r[8]), r[9],
                     _yes(language, r[10]), _yes(language, r[11])])  # fmt: skip
    return headers, rows


def tier_table(
    db: Database, result: SegmentationResult, language: str, *, full_phones: bool = False
) -> tuple[list[str], list[list[Cell]]]:
    """The run's tiered patients by rank, with RFM segment, lapse status and membership;
    mobiles masked unless `full_phones`."""
    phone = _phone_shown(full_phones)
    headers = _say(language, "export.tiers.columns").split("|")
    names = {r[0]: r[1:] for r in db.execute("SELECT id, name, card_no, mobile FROM patients")}
    rfm = {r.patient_id: r.segment for r in result.rfm}
    lapse = {r.patient_id: r.status for r in result.lapse}
    money = result.params.tiers.measure == "revenue"
    rows: list[list[Cell]] = []
    for r in result.tiers.rows:
        name, card, mobile = names.get(r.patient_id, ("", None, None))
        rows.append([
            r.rank, r.patient_id, name, card, phone(mobile), r.tier, r.previous_tier or "",
            _say(language, f"export.movement.{r.movement}"),
            yuan(r.measure) if money else r.measure, round(r.share, 4),
            i18n.code_name("rfm", rfm.get(r.patient_id), language),
            i18n.code_name("lapse", lapse.get(r.patient_id), language),
            i18n.code_name("membership", result.membership.get(r.patient_id), language),
        ])  # fmt: skip
    return headers, rows


def _phone_shown(full: bool) -> Callable[[str | None], str | None]:
    """How an export shows a mobile: whole, or masked as the window shows it."""
    return (lambda mobile: mobile) if full else (lambda mobile: mask_mobile(mobile) or None)


def yuan(fen: int) -> Decimal:
    """Fen as an exact yuan amount with two decimals (a number in Excel, 1280.00 in CSV)."""
    return Decimal(fen).scaleb(-2)


def _yes(language: str, flag: int) -> str:
    return _say(language, "info.yes") if flag else ""
