"""``clinicdesk calls``: the day's workload, its parts and the backlog, as text and JSON."""

from __future__ import annotations

import json

import pytest

from clinicdesk import cli
from tests.conftest import DEMO_TODAY


def _run(capsys, demo_path, *args: str, lang: str = "zh_CN") -> tuple[int, str, str]:
    day = DEMO_TODAY.isoformat()
    status = cli.main(["--lang", lang, "calls", "--db", str(demo_path), "--date", day, *args])
    out, err = capsys.readouterr()
    return status, out, err


def _json(capsys, demo_path, *args: str) -> dict:
    status, out, _ = _run(capsys, demo_path, "--json", *args)
    assert status == 0
    return json.loads(out)


def test_the_json_gives_the_backlog_and_each_entrys_part_priority_and_tries(capsys, demo_copy):
    day = _json(capsys, demo_copy)
    assert (day["day"], day["callers"], day["capacity"]) == (DEMO_TODAY.isoformat(), 1, 40)
    assert day["backlog"] > 0 and sum(day["backlog_by_tier"].values()) == day["backlog"]
    entry = day["entries"][-1]
    assert {"must_call", "priority", "tries", "last_try", "script"} <= set(entry)
    assert entry["must_call"] is False and entry["priority"] > 0
    assert sum(not e["must_call"] for e in day["entries"]) == 40


def test_capacity_and_callers_size_the_priority_part(capsys, demo_copy):
    day = _json(capsys, demo_copy, "--capacity", "10", "--callers", "3")
    assert day["capacity"] == 30
    assert sum(not e["must_call"] for e in day["entries"]) == 30


def test_the_forecast_is_in_the_json(capsys, demo_copy):
    forecast = _json(capsys, demo_copy)["forecast"]
    assert len(forecast) == 14
    assert set(forecast[0]) == {"day", "must_call", "newly_due", "backlog", "capacity"}


def test_the_text_says_the_parts_and_the_backlog(capsys, demo_copy):
    status, out, _ = _run(capsys, demo_copy, "--capacity", "5")
    assert status == 0
    head, *lines = out.splitlines()
    assert head.startswith(f"{DEMO_TODAY} 回访清单：今日 ") and "按优先级 5）· 待回访 " in head
    assert any(line.startswith("必打（") for line in lines)
    assert "按优先级（5 位）" in lines


def test_the_english_text_too(capsys, demo_copy):
    status, out, _ = _run(capsys, demo_copy, "--capacity", "5", lang="en")
    assert status == 0 and "must call " in out.splitlines()[0] and "5 by priority" in out


@pytest.mark.parametrize(("args", "said"), [
    (["--capacity", "-1"], "--capacity：“-1”"), (["--callers", "0"], "--callers：“0”"),
])  # fmt: skip
def test_a_capacity_or_callers_below_the_least_is_refused(capsys, demo_copy, args, said):
    status, out, err = _run(capsys, demo_copy, *args)
    assert status == 2 and said in err and out == ""


def test_a_commit_while_the_list_is_read_leaves_the_list_in_one_snapshot(
    capsys, demo_copy, monkeypatch
):
    import sqlite3

    from clinicdesk.core.segmentation.beside import Beside

    before = _json(capsys, demo_copy)
    follow = Beside.follow

    def commit_then_follow(self):
        # After the first connection's snapshot began, before the second reader's does:
        # every call the list counts went unanswered (the list changes, see below).
        writer = sqlite3.connect(demo_copy)
        with writer:
            writer.execute("UPDATE contacts SET outcome = 'no_answer'")
        writer.close()
        follow(self)

    monkeypatch.setattr(Beside, "follow", commit_then_follow)
    during = _json(capsys, demo_copy)
    monkeypatch.undo()
    assert during == before
    assert _json(capsys, demo_copy) != before


LOADED = """
import sys
from clinicdesk import cli
status = cli.main(["calls", "--db", sys.argv[1], "--date", sys.argv[2], "--json", "--limit", "5"])
heavy = ("pypinyin", "scipy", "matplotlib", "openpyxl", "PySide6")
print(status, sorted({m.split(".")[0] for m in sys.modules} & set(heavy)))
"""


def test_the_call_list_command_loads_no_library_it_does_not_use(demo_copy):
    import subprocess
    import sys

    argv = [sys.executable, "-c", LOADED, str(demo_copy), DEMO_TODAY.isoformat()]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "0 []"
