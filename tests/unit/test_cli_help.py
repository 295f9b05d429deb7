"""The command line speaks the user's language: help texts and argparse's own messages."""

from __future__ import annotations

import argparse
import re

import pytest

from clinicdesk import cli
from clinicdesk.cli import build_parser
from clinicdesk.cli.formatter import _width, wrap
from clinicdesk.core.importer.columns import FIELDS

# Words that stay as they are in Chinese text: names, file formats, the model's letters.
KEPT = {"ClinicDesk", "CSV", "Excel", "RFM", "ABC", "JSON", "PNG", "USB", "BOM", "UTF-8"}
KEPT |= {"Gamma-Gamma"}  # a model's name, as Chinese texts write it (BG/NBD reads as a path)
KEPT |= {"xlsx", "csv", "txt", "gb18030", "utf-8", "import-reports", *FIELDS}  # typed too


def _commands() -> list[str]:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def _machine_words(parser: argparse.ArgumentParser) -> set[str]:
    """Option names, metavars and choices: what the user types, never translated."""
    words = set()
    for action in parser._actions:
        words.update(action.option_strings)
        words.update(str(c) for c in action.choices or ())
        words.update({str(action.metavar), *re.findall(r"[A-Za-z_]+", str(action.metavar))})
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                words |= _machine_words(sub)
    return words


def _help(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*argv, "--help"])
    assert exit_info.value.code == 0
    return capsys.readouterr().out


def _english_left(text: str, allowed: set[str]) -> list[str]:
    text = re.sub(r"\S*[/\\]\S*", " ", text)  # paths (the data folder) and a/b presets
    text = re.sub(r"(?<!\w)--?[A-Za-z][\w-]*", " ", text)  # option names
    words = [w.rstrip(".-") for w in re.findall(r"[A-Za-z][\w.-]*", text)]
    # One letter: tiers A, B, C and metavars N, S.
    return [w for w in words if len(w) > 1 and w not in allowed | KEPT]


@pytest.mark.parametrize("command", ["", *_commands()])
def test_chinese_help_has_no_english_but_what_the_user_types(command, capsys):
    text = _help(capsys, "--lang", "zh_CN", *([command] if command else []))
    allowed = _machine_words(build_parser("zh_CN")) | {"clinicdesk", "COMMAND"}
    assert text.startswith("用法：clinicdesk")
    assert _english_left(text, allowed) == []


@pytest.mark.parametrize("command", ["", *_commands()])
def test_english_help_is_english(command, capsys):
    text = _help(capsys, "--lang", "en", *([command] if command else []))
    assert text.startswith("usage: clinicdesk")
    assert not re.search(r"[\u4e00-\u9fff]", text.split("e.g.")[0])
    assert "%%" not in text


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_help_texts_show_a_single_percent_sign(language, capsys):
    text = _help(capsys, "--lang", language, "tiers")
    assert "20%" in text and "%%" not in text


def test_the_language_is_known_before_parsing(monkeypatch, capsys):
    monkeypatch.setenv("CLINICDESK_LANG", "en")
    assert _help(capsys, "--lang=zh_CN", "info").startswith("用法：")
    assert _help(capsys, "info").startswith("usage: ")


def _error(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(list(argv))
    assert exit_info.value.code == 2
    return capsys.readouterr().err


def test_a_bad_date_is_a_chinese_usage_error(capsys):
    err = _error(capsys, "--lang", "zh_CN", "tiers", "--to", "2026-13-01")
    assert "clinicdesk tiers：错误：参数 --to：“2026-13-01”不是有效日期（应为 YYYY-MM-DD）" in err
    assert err.startswith("用法：clinicdesk tiers")


def test_a_bad_date_is_an_english_usage_error(capsys):
    err = _error(capsys, "--lang", "en", "tiers", "--to", "2026-13-01")
    assert "error: argument --to: “2026-13-01” is not a valid date (expected YYYY-MM-DD)" in err


def test_a_missing_argument_is_said_in_chinese(capsys):
    err = _error(capsys, "--lang", "zh_CN", "import")
    assert "错误：缺少必需的参数：FILE" in err


def test_a_bad_choice_is_said_in_chinese(capsys):
    err = _error(capsys, "--lang", "zh_CN", "tiers", "--measure", "profit")
    assert "参数 --measure：无效的选择：'profit'（可选：'revenue', 'visits'）" in err


def test_a_number_that_is_not_one_is_said_in_chinese(capsys):
    err = _error(capsys, "--lang", "zh_CN", "demo", "--patients", "many")
    assert "参数 --patients：“many”不是整数" in err


def test_an_unknown_option_is_said_in_chinese(capsys):
    err = _error(capsys, "--lang", "zh_CN", "info", "--colour")
    assert "无法识别的参数：--colour" in err


def test_argparse_speaks_english_again_after_a_chinese_run(capsys):
    _error(capsys, "--lang", "zh_CN", "info", "--colour")
    parser = argparse.ArgumentParser(prog="other")
    assert parser.format_usage().startswith("usage: other")


def test_the_map_help_names_the_importers_fields():
    from clinicdesk.cli.importing import MAP_FIELDS

    assert MAP_FIELDS == ", ".join(FIELDS)


def test_chinese_lines_are_wrapped_by_their_display_width():
    text = "导入账单导出表：每一行成为一条消费记录，归入会员卡号相同的顾客，其次手机号相同。"
    lines = wrap(text, 20)
    assert "".join(lines) == text
    assert all(_width(line) <= 20 for line in lines)


def test_a_line_never_starts_with_a_closing_mark_nor_ends_with_an_opening_one():
    lines = wrap("写入备注（note，默认）或忽略（ignore）", 16)
    assert not any(line[0] in "，）" or line[-1] == "（" for line in lines)


def test_english_lines_break_at_spaces_only():
    assert wrap("the CSV's encoding, e.g. utf-8 (default: detected)", 20) == [
        "the CSV's encoding,",
        "e.g. utf-8 (default:",
        "detected)",
    ]
