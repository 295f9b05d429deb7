"""Help text wrapped by display width, so that Chinese lines fit the terminal.

argparse wraps with `textwrap`, which counts a Chinese character as one column (it takes
two) and breaks only at spaces (Chinese has none). Here wide characters count two, a line
may break between any two of them, never before a closing mark nor after an opening one.
"""

from __future__ import annotations

import argparse
import re
import unicodedata

_NO_LINE_START = set("，。、；：！？）」』》”…")
_NO_LINE_END = set("（「『《“")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _tokens(text: str) -> list[str]:
    """Words, spaces and single wide characters, in order."""
    return re.findall(r"\s+|[^\s\u2e80-\uffef]+|[\u2e80-\uffef]", text)


def wrap(text: str, width: int) -> list[str]:
    """`text` (whitespace collapsed) as lines of at most `width` columns where possible."""
    lines, line = [], ""
    for token in _tokens(" ".join(text.split())):
        fits = _width(line + token.rstrip()) <= width
        if line and not fits and not token.isspace() and token[0] not in _NO_LINE_START:
            carried = line[-1] if line[-1] in _NO_LINE_END else ""
            lines.append(line.removesuffix(carried).rstrip())
            line = carried
        if line or not token.isspace():
            line += token
    return [*lines, line.rstrip()] if line.strip() else lines


class Formatter(argparse.HelpFormatter):
    """argparse's help formatter, wrapping with `wrap`."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))
