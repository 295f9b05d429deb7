"""The import report: every rejected row and every warning, with the original cells."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path

from clinicdesk.core import i18n
from clinicdesk.core.formulas import csv_cell
from clinicdesk.core.importer.parse import Issue
from clinicdesk.core.private import private_file, private_folder


def write_report(path: Path, issues: list[Issue], headers: tuple[str, ...], language: str) -> None:
    """Write `issues` (sorted by row) as CSV (UTF-8 with BOM, so Excel opens it): one
    line a row and outcome — the row number, what happened, every reason, then the
    row's original columns."""
    say = lambda key, **kw: i18n.message(key, language, **kw)  # noqa: E731
    private_file(private_folder(path.parent) / path.name)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([say("report.row"), say("report.outcome"), say("report.reason"),
                         *headers])  # fmt: skip
        for found in row_issues(issues):
            # The original cells as text: a cell "=HYPERLINK(…)" must not run in Excel.
            cells = map(csv_cell, found[0].cells)
            writer.writerow([found[0].row, *issue_words(found, language), *cells])


def row_issues(issues: list[Issue]) -> Iterator[list[Issue]]:
    """The issues (sorted by row) a row and outcome at a time: one line a row, so that a
    row with two problems is one rejected row with both reasons."""
    for _row, same in groupby(issues, key=lambda i: (i.row, i.rejected)):
        yield list(same)


def issue_words(found: list[Issue], language: str) -> tuple[str, str]:
    """What happened to one row (rejected, warning) and every reason, in `language`."""
    outcome = "report.rejected" if found[0].rejected else "report.warning"
    sep = i18n.message("report.reason_sep", language)
    reasons = sep.join(i18n.message(i.key, language, **i.params) for i in found)
    return i18n.message(outcome, language), reasons
