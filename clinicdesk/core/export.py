"""Exporting lists (patients, tiers, later the call list) to CSV or Excel.

CSV is written as UTF-8 with a BOM, which Excel needs to open Chinese text correctly;
.xlsx by `clinicdesk.core.xlsx`, with numbers as numbers. No cell becomes a formula
(CSV: see `clinicdesk.core.formulas`; .xlsx: text is always an inline string).
Exports are explicit user actions: they hold personal data and go only where the user
says.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from itertools import chain
from pathlib import Path

from sqlite_utils import Database

from clinicdesk.core import durable, i18n
from clinicdesk.core.backup import remove_stale_copies, unfinished_name
from clinicdesk.core.db import lists
from clinicdesk.core.db.lists import mask_mobile
from clinicdesk.core.errors import Cancelled, CancelToken, KnownError
from clinicdesk.core.formulas import csv_cell
from clinicdesk.core.private import private_file
from clinicdesk.core.segmentation.engine import SegmentationResult
from clinicdesk.core.xlsx import Cell, write_sheet

Progress = Callable[[float, str], None]
_REPORT_EVERY = 1000  # rows between two progress reports (and cancel checks)


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
        durable.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)
        raise KnownError("export.cannot_write", path=str(path)) from None
    except BaseException:  # cancelled, or a bug: no half-written file either
        partial.unlink(missing_ok=True)
        raise


def write_table(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> None:
    """Write a table to `path`: .xlsx by its suffix, else CSV (UTF-8 with BOM). A long
    table reports `progress` and stops when `cancel` is set (nothing is left behind)."""
    with written(path) as partial:
        reported = _reported(rows, progress, cancel)
        if path.suffix.lower() == ".xlsx":
            write_sheet(partial, chain([headers], reported))  # no temporary file
        else:
            with partial.open("w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out)
                writer.writerow([csv_cell(h) for h in headers])
                writer.writerows([csv_cell(c) for c in row] for row in reported)


def _reported(
    rows: Sequence[Sequence[Cell]], progress: Progress | None, cancel: CancelToken | None
) -> Iterator[Sequence[Cell]]:
    for index, row in enumerate(rows):
        if index % _REPORT_EVERY == 0:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            if progress:
                progress(index / len(rows), "write")
        yield row


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
    tiered = result.tiers.rows
    ids = tiered.column("patient_id")
    # From the run's columns, each label translated once: no result row is built.
    moves = [_say(language, f"export.movement.{m}") for m in tiered.mapping("movement").of(ids)]
    rfm = result.rfm.mapping("segment").of(ids)
    lapse = result.lapse.mapping("status").of(ids)
    levels = result.membership.of(ids)
    named = {
        area: {code: i18n.code_name(area, code, language) for code in set(codes)}
        for area, codes in (("rfm", rfm), ("lapse", lapse), ("membership", levels))
    }
    measure = tiered.column("measure").tolist()
    amounts = [yuan(m) for m in measure] if result.params.tiers.measure == "revenue" else measure
    columns = zip(
        tiered.column("rank").tolist(), ids.tolist(),
        tiered.mapping("tier").of(ids), tiered.mapping("previous_tier").of(ids), moves, amounts,
        [round(x, 4) for x in tiered.column("share").tolist()], rfm, lapse, levels, strict=True,
    )  # fmt: skip
    rows: list[list[Cell]] = []
    for rank, pid, tier, before, move, amount, share, segment, status, level in columns:
        name, card, mobile = names.get(pid, ("", None, None))
        rows.append([
            rank, pid, name, card, phone(mobile), tier, before or "", move, amount, share,
            named["rfm"][segment], named["lapse"][status], named["membership"][level],
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
