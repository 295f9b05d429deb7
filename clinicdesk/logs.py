"""The program's log: a rotating file in the per-user log folder, with no personal data.

Only events go to the log (a file opened, a run done, an error and where it happened);
never names, phone numbers or notes. Error messages are scrubbed of long digit runs
(phone and card numbers) and of Chinese text (names, notes) before they are written.
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
_DIGITS = re.compile(r"\d{6,}")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def setup_logging(folder: Path) -> Path:
    """Log to `folder`/clinicdesk.log (1 MB, 5 kept); returns the log file's path."""
    path = private_folder(folder) / LOG_NAME
    root = logging.getLogger("clinicdesk")
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
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
    """`text` with what could be personal replaced: digit runs (phone and card numbers)
    and Chinese text (names, notes)."""
    return _CJK.sub("[text]", _DIGITS.sub("[number]", text))


def describe_crash(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> str:
    """A crash for the log: the error's type, its scrubbed message and where it happened
    (file, line and function of each frame; no local values)."""
    frames = traceback.extract_tb(tb)
    where = "".join(f"\n  {f.filename}:{f.lineno} in {f.name}" for f in frames)
    return f"{kind.__name__}: {scrub(str(error))}{where}"
