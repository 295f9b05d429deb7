"""An import's result for a person, in their language."""

from __future__ import annotations

from clinicdesk.core import i18n
from clinicdesk.core.importer import ImportResult
from clinicdesk.core.importer.report import issue_words, row_issues


def summary_text(result: ImportResult, language: str) -> str:
    """What the import did, a line each; the first says whether anything was written."""

    def say(key: str, **kw: object) -> str:
        return i18n.message(key, language, **kw)

    if result.dry_run:
        head = say("import.dry_run")
    elif result.imported == 0 and result.previously_imported:
        head = say("import.nothing_new_again", when=result.previously_imported.replace("T", " "))
    elif result.imported == 0:
        head = say("import.nothing_new")
    else:
        head = say("import.done", file=result.file_name)
    lines = [
        head,
        say(
            "import.counts",
            rows=result.rows,
            imported=result.imported,
            duplicates=result.duplicates_skipped,
            rejected=result.rejected,
            warnings=result.warnings,
        ),
        say("import.patients", created=result.patients_created, matched=result.patients_matched),
        say(
            "import.read_as",
            encoding=result.encoding or "xlsx",
            columns=say("list.sep").join(
                f"{h}→{i18n.field_name(f, language)}" for h, f in result.columns.items()
            ),
        ),
    ]
    quoted = result.quote_rows()
    if quoted:
        rows = say("list.sep").join(str(n) for n in quoted[:10]) + ("…" if quoted[10:] else "")
        lines.append(say("import.quote_summary", count=len(quoted), rows=rows))
    if result.report:
        lines.append(say("import.report", path=result.report))
    if result.dry_run and result.issues:
        lines.append(say("import.dry_run_issues"))
        for found in row_issues(list(result.issues)):
            outcome, reason = issue_words(found, language)
            lines.append(say("import.issue_line", row=found[0].row, outcome=outcome, reason=reason))
    return "\n".join(lines)
