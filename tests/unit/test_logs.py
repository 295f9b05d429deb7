"""The log's scrubber: what could identify a patient never reaches the log file."""

from __future__ import annotations

import pytest

from clinicdesk.logs import scrub


@pytest.mark.parametrize(
    ("message", "scrubbed"),
    [
        ("bad phone 138-0013-800", "bad phone [number]"),
        ("phone 138 0013 8000 refused", "phone [number] refused"),
        ("from +86 (138) 0013.8000", "from [number]"),
        ("card YY25001623", "card YY[number]"),
        ("no patient for Anna Li", "no patient for [name]"),
        ("Wang Xiaoming has two cards", "[name] has two cards"),
        ("patient José Müller, Łukasz", "patient [name] [name], [name]"),
        ("KeyError: 'Anna Li'", "KeyError: [value]"),
        ('invalid literal for int() with base 10: "wangxiaoming"', "invalid literal for int() "
         "with base 10: [value]"),
        ("Could not decode to UTF-8 column 'source' with text 'x'",
         "Could not decode to UTF-8 column [value] with text [value]"),
        ("备注“怕疼”太长", "[text][value][text]"),
        ("罕见字 𠮷", "[text] [text]"),
    ],
)  # fmt: skip
def test_personal_data_in_messages_is_scrubbed(message, scrubbed):
    assert scrub(message) == scrubbed


@pytest.mark.parametrize(
    "message",
    [
        "database is locked",
        "no such table: patients",
        "UNIQUE constraint failed: patients.card_no",
        "Python int too large to convert to SQLite INTEGER",
        "list index out of range at line 42",
    ],
)
def test_what_says_where_the_error_is_stays(message):
    assert scrub(message) == message


def test_the_log_set_up_is_the_one_written_to_when_its_folder_changes(tmp_path):
    import logging

    from clinicdesk.logs import setup_logging

    logger = logging.getLogger("clinicdesk")
    setup_logging(tmp_path / "first")
    second = setup_logging(tmp_path / "second")
    logger.info("written after the second set-up")
    for handler in logger.handlers:
        handler.flush()
    assert "written after the second set-up" in second.read_text(encoding="utf-8")
