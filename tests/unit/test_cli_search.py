"""``clinicdesk search``: the ranked results with why each matched, masked phones."""

from __future__ import annotations

import json

import pytest

from clinicdesk import cli
from clinicdesk.core.db import open_clinic
from clinicdesk.core.db.patients import add_patient


@pytest.fixture
def clinic(clinic_path):
    db = open_clinic(clinic_path)
    ids = {
        "inside": add_patient(db, name="李娜", mobile="13928390000"),
        "ending": add_patient(db, name="王丽玲", mobile="15057472839"),
        "card": add_patient(db, name="张敏", card_no="2839"),
    }
    db.close()
    return clinic_path, ids


def _search(capsys, *argv):
    status = cli.main(["search", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_results_come_ranked_with_why_they_matched(clinic, capsys):
    path, _ = clinic
    status, out, _ = _search(capsys, "2839", "--db", str(path))
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "“2839”：找到 3 位顾客"
    assert lines[1].startswith("  1. 张敏  -  会员卡号")
    assert lines[2] == "  2. 王丽玲  150****[2839]  手机尾号  未到院"
    assert lines[3] == "  3. 李娜  139[****]0000  包含  未到院"


def test_json_gives_id_name_masked_phone_and_match(clinic, capsys):
    path, ids = clinic
    status, out, _ = _search(capsys, "2839", "--db", str(path), "--json", "--limit", "2")
    items = json.loads(out)
    assert status == 0 and len(items) == 2
    assert {k: items[1][k] for k in ("patient_id", "name", "phone", "match")} == {
        "patient_id": ids["ending"],
        "name": "王丽玲",
        "phone": "150****2839",
        "match": "phone_end",
    }
    assert items[1]["highlight"] == [7, 11]


def test_a_limit_says_how_many_are_shown_in_english(clinic, capsys):
    path, _ = clinic
    cli.main(["--lang", "en", "search", "2839", "--db", str(path), "--limit", "1"])
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "“2839”: 3 patients found (best matches first; the first 1 shown)"


def test_one_result_is_one_patient_in_english(clinic, capsys):
    path, _ = clinic
    cli.main(["--lang", "en", "search", "wll", "--db", str(path)])
    assert capsys.readouterr().out.splitlines()[0] == "“wll”: 1 patient found"


def test_nobody_found_is_said(clinic, capsys):
    path, _ = clinic
    assert _search(capsys, "zzzz", "--db", str(path))[:2] == (0, "没有找到“zzzz”。\n")


@pytest.mark.parametrize(
    ("argv", "said"), [([" "], "请给出要查找的内容"), (["王", "--limit", "-1"], "--limit")]
)
def test_bad_input_is_a_clear_message_and_status_2(clinic, capsys, argv, said):
    path, _ = clinic
    status, out, err = _search(capsys, *argv, "--db", str(path))
    assert (status, out) == (2, "") and said in err
