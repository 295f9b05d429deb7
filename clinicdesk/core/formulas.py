"""Cells that a spreadsheet would run as a formula are written as text (CSV injection).

An export of patient data holds what people typed and what imported files held: a name
or a note may begin with ``=``, and Excel or WPS, opening the file, would run
``=HYPERLINK("http://…","…")`` or worse. The OWASP rule: a text cell that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or their full-width forms, which
Chinese input methods type) is written with a leading ``'`` in CSV, which spreadsheets
show as text; an .xlsx cell is written as a string, never as a formula. Numbers (a
refund is a negative amount) stay numbers.
"""

from __future__ import annotations

from typing import Any

__all__ = ["TRIGGERS", "csv_cell", "looks_like_formula"]

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def looks_like_formula(value: Any) -> bool:
    """Whether `value` is text a spreadsheet could take for a formula."""
    return isinstance(value, str) and value.startswith(TRIGGERS)


def csv_cell(value: Any) -> Any:
    """`value` as a CSV cell: such text behind a ``'``, anything else as it is."""
    return "'" + value if looks_like_formula(value) else value
