"""The import report: every rejected row and every warning, with the original cells."""

from __future__ import annotations

import csv
from pathlib import Path

from clinicdesk.core import i18n
from clinicdesk.core.importer.parse import Issue


def write_report(path: Path, issues: list[Issue], headers: tuple[str, ...], language: str) -> None:
    """Write `issues` as CSV (UTF-8 with BOM, so Excel opens it): row number, what
    happened, why, then the row's original columns."""
    say = lambda key, **kw: i18n.message(key, language, **kw)  # noqa: E731
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([say("report.row"), say("report.outcome"), say("report.reason"),
                         *headers])  # fmt: skip
        for issue in issues:
            writer.writerow([issue.row, *issue_words(issue, language), *issue.cells])


def issue_words(issue: Issue, language: str) -> tuple[str, str]:
    """What happened to the row (rejected, warning) and why, in `language`."""
    outcome = "report.rejected" if issue.rejected else "report.warning"
    return i18n.message(outcome, language), i18n.message(issue.key, language, **issue.params)
