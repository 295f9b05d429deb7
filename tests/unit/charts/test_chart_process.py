"""The chart process draws the window's charts: the same pixels as drawn here, started
again when it dies, never outliving the window's process, and never needed."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from clinicdesk.charts import process
from clinicdesk.charts.picture import Picture, draw_picture
from clinicdesk.charts.tiers import ParetoLabels, ShareLabels, TierChartData, draw_tiers
from clinicdesk.core.db import open_clinic
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation
from tests.conftest import DEMO_TODAY

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
LABELS = (
    ParetoLabels(
        "帕累托曲线", "顾客累计占比", "收入累计占比", "完全平均", "前 20% → {share}", "{tier}"
    ),
    ShareLabels("各级别的顾客与收入占比", "顾客占比", "收入占比", "zh_CN"),
)


@pytest.fixture(scope="module")
def data(demo_path):
    db = open_clinic(demo_path)
    try:
        return TierChartData.of(
            run_segmentation(db, EngineParams(TierParams.last_twelve_months(DEMO_TODAY)))
        )
    finally:
        db.close()


@pytest.fixture
def chart_process():
    child = process.ChartProcess()
    yield child
    child.stop()


def _gone(pid: int, seconds: float = 10.0) -> bool:
    """Whether process `pid` ended within `seconds` (a zombie has ended)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:
            return True
        if stat.rsplit(")", 1)[1].split()[0] in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


def test_the_chart_process_draws_the_same_picture_as_this_process(chart_process, data):
    there = chart_process.call(draw_picture, draw_tiers, data, LABELS, 800, 300, 1.0)
    here = draw_picture(draw_tiers, data, LABELS, 800, 300, 1.0)
    assert isinstance(there, Picture) and chart_process.pid not in (None, os.getpid())
    assert there.titles == here.titles == ("帕累托曲线", "各级别的顾客与收入占比")
    assert (there.width, there.height, there.size) == (800, 300, (800, 300))
    assert there.pixels == here.pixels


def test_a_chart_process_that_died_is_started_again(chart_process, data):
    chart_process.start()
    first = chart_process.pid
    assert first is not None
    os.kill(first, 9)
    assert _gone(first)
    picture = chart_process.call(draw_picture, draw_tiers, data, LABELS, 400, 200, 1.0)
    assert picture.titles[0] == "帕累托曲线" and chart_process.pid not in (None, first)


def test_an_error_in_the_chart_process_is_raised_here_with_its_traceback(chart_process):
    with pytest.raises(ValueError, match="invalid literal") as raised:
        chart_process.call(int, "十")
    assert "in the chart process" in "".join(raised.value.__notes__)
    assert chart_process.call(int, "12") == 12  # and it goes on


def test_without_a_chart_process_charts_are_drawn_here(data):
    nowhere = process.ChartProcess(["/nonexistent/clinicdesk-charts"])
    picture = nowhere.call(draw_picture, draw_tiers, data, LABELS, 400, 200, 1.0)
    assert picture.titles[0] == "帕累托曲线" and nowhere.pid is None


def test_the_chart_process_ends_with_the_window_process_even_a_killed_one(tmp_path):
    script = textwrap.dedent(
        """
        import os, sys
        from clinicdesk.charts import process
        child = process.start()
        print(child.pid, flush=True)
        os.kill(os.getpid(), 9)
        """
    )
    parent = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert parent.returncode == -9
    assert _gone(int(parent.stdout.split()[0]))


def test_the_window_process_draws_through_it_without_loading_matplotlib(data, tmp_path):
    script = textwrap.dedent(
        """
        import pickle, sys
        from clinicdesk.charts import process
        from clinicdesk.charts.picture import draw_picture, save_picture
        from clinicdesk.charts.tiers import draw_tiers
        data, labels, path = pickle.loads(sys.stdin.buffer.read())
        process.start()
        picture = process.run(draw_picture, draw_tiers, data, labels, 600, 250, 1.0)
        process.run(save_picture, draw_tiers, data, labels, path, (6, 2.5))
        print(picture.titles[0], len(picture.pixels), "matplotlib" in sys.modules)
        """
    )
    import pickle

    path = tmp_path / "charts.png"
    ran = subprocess.run(
        [sys.executable, "-c", script],
        input=pickle.dumps((data, LABELS, path)),
        capture_output=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stderr.decode()
    assert ran.stdout.decode().split() == ["帕累托曲线", str(600 * 250 * 4), "False"]
    assert path.read_bytes().startswith(b"\x89PNG")


def test_the_frozen_program_started_with_the_flag_is_the_chart_process():
    launcher = Path(__file__).resolve().parents[3] / "packaging" / "launcher.py"
    assert f'["{process.FLAG}"]' in launcher.read_text()
    frozen = process.ChartProcess([sys.executable, str(launcher), process.FLAG])
    try:
        assert frozen.call(int, "7") == 7 and frozen.pid is not None
    finally:
        frozen.stop()
