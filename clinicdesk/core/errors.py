"""The errors the core raises.

`KnownError` is an expected situation with a message for the user (a locked file, a bad
value, a file from a newer version), carried as a message key plus parameters so that
the CLI and the GUI can say it in the user's language. Anything else is a bug.
"""

from __future__ import annotations

from typing import Protocol

from clinicdesk.core import i18n


class Error(Exception):
    """Base class of ClinicDesk's own exceptions."""


class KnownError(Error):
    """An expected failure with a message for the user.

    Attributes:
        key: the message key in `clinicdesk.core.i18n`.
        params: the values the message is formatted with.
    """

    def __init__(self, key: str, **params: object) -> None:
        if not i18n.has_message(key):
            raise BugError(f"unknown message key {key!r}")
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, language: str | None = None) -> str:
        """The message in `language` (default: the system's)."""
        return i18n.message(self.key, language, **self.params)

    def __str__(self) -> str:
        return self.message("en")


class InvalidValue(KnownError):
    """A field's value was refused; `params["field"]` names the field."""


class BugError(Error):
    """Something that should not happen: a programming error, not the user's."""


class CancelToken(Protocol):
    """Anything with ``is_set()``, such as a `threading.Event`: long work checks it."""

    def is_set(self) -> bool: ...


class Cancelled(KnownError):
    """Long work stopped because it was asked to; nothing was written."""

    def __init__(self) -> None:
        super().__init__("engine.cancelled")
