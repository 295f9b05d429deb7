"""The program's log: a rotating file in the per-user log folder, with no personal data.

Only events go to the log (a file opened, a run done, an error and where it happened);
never names, phone numbers or notes. An error's message can hold them (Python and its
libraries quote the value they refused), so it is scrubbed before it is written: every
quoted value, every run of three digits or more (with the spaces, dashes, dots or
brackets people write between them: 138-0013-800, 138 0013 8000), Chinese text, and
Latin-script names (capitalised words inside a sentence, two at its start, and any word
with a letter such as é or ü). The file, line and function of each frame are kept.
"""

from __future__ import annotations

import io
import logging
import re
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from clinicdesk.core.private import private_file, private_folder

LOG_NAME = "clinicdesk.log"
# In the order they are applied: a quoted value first (it may hold the rest).
_SCRUBS = (
    (
        re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|“[^”\n]*”|‘[^’\n]*’|「[^」\n]*」|『[^』\n]*』"),
        "[value]",
    ),  # fmt: skip
    (re.compile(r"\+?\d(?:[\s\-./()（）]*\d){2,}"), "[number]"),
    (re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"), "[text]"),
    (re.compile(r"\b\w*[À-ÖØ-öø-ɏ]\w*"), "[name]"),  # Renée, Müller, Łukasz
    (re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)+\b"), "[name]"),  # "Anna Li has …"
    (re.compile(r"(?<=[\w,;)\]] )[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*\b"), "[name]"),  # "… for Anna Li"
)


def setup_logging(folder: Path) -> Path:
    """Log to `folder`/clinicdesk.log (1 MB, 5 kept); returns the log file's path."""
    path = private_folder(folder) / LOG_NAME
    root = logging.getLogger("clinicdesk")
    for old in [h for h in root.handlers if isinstance(h, _PrivateLog)]:
        if Path(old.baseFilename) != path.absolute():  # another folder: the path returned
            root.removeHandler(old)  # must be the log written to
            old.close()
    if not any(isinstance(h, _PrivateLog) for h in root.handlers):
        handler = _PrivateLog(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return path


class _PrivateLog(RotatingFileHandler):
    """The log file, 0600 like every file of ours (a new one after each rotation too)."""

    def _open(self) -> io.TextIOWrapper:
        private_file(Path(self.baseFilename))
        return super()._open()


def scrub(text: str) -> str:
    """`text` with what could be personal replaced (see the module's docstring)."""
    for pattern, mark in _SCRUBS:
        text = pattern.sub(mark, text)
    return text


def describe_crash(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> str:
    """A crash for the log: the error's type, its scrubbed message and where it happened
    (file, line and function of each frame; no local values)."""
    frames = traceback.extract_tb(tb)
    where = "".join(f"\n  {f.filename}:{f.lineno} in {f.name}" for f in frames)
    return f"{kind.__name__}: {scrub(str(error))}{where}"
