"""The tier charts on a plain Figure (no Qt): Chinese labels, no missing glyphs."""

from __future__ import annotations

import datetime as dt
import os
import warnings

import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure

from clinicdesk.charts.fonts import use_cjk_fonts
from clinicdesk.charts.tiers import ParetoLabels, ShareLabels, plot_pareto, plot_tier_shares
from clinicdesk.core.segmentation import EngineParams, TierParams, run_segmentation
from clinicdesk.resources import BUNDLED_FAMILY
from tests.conftest import DEMO_TODAY

PARETO = ParetoLabels(
    "帕累托曲线",
    "顾客累计占比",
    "收入累计占比",
    "完全平均",
    "前 20% 顾客 → {share} 收入",
    "{tier} 级",
)
SHARES = ShareLabels("各级别的顾客与收入占比", "顾客占比", "收入占比")


@pytest.fixture(scope="module")
def result(demo_path):
    from clinicdesk.core.db import open_clinic

    db = open_clinic(demo_path)
    yield run_segmentation(db, EngineParams(TierParams.last_twelve_months(DEMO_TODAY)))
    db.close()


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text()]


def test_the_systems_cjk_fonts_go_first_and_the_bundled_one_after_them(monkeypatch):
    from clinicdesk.charts import fonts

    monkeypatch.setattr(fonts, "installed_cjk_families", lambda: ["Noto Sans CJK SC"])
    assert use_cjk_fonts() == ["Noto Sans CJK SC", BUNDLED_FAMILY, "DejaVu Sans"]


def test_the_bundled_font_is_in_the_family_list_on_any_machine():
    assert BUNDLED_FAMILY in use_cjk_fonts()
    assert BUNDLED_FAMILY in {f.name for f in font_manager.fontManager.ttflist}


# A font cache made before the CJK font was installed: matplotlib's cached list lacks it.
STALE_CACHE = """
import json, pathlib, sys
from matplotlib import font_manager
from clinicdesk.resources import CJK_FAMILIES
cache = pathlib.Path(sys.argv[1])
font_manager.json_dump(font_manager.fontManager, cache)
data = json.loads(cache.read_text())
data["ttflist"] = [f for f in data["ttflist"] if f["name"] not in CJK_FAMILIES]
cache.write_text(json.dumps(data))
"""
LATE_FONT = """
import sys
from matplotlib import font_manager
from clinicdesk.charts.fonts import use_cjk_fonts
use_cjk_fonts()
print(any(f.fname == sys.argv[1] for f in font_manager.fontManager.ttflist))
"""


def test_a_font_installed_after_matplotlibs_cache_was_made_is_found(tmp_path):
    import shutil
    import subprocess
    import sys

    from clinicdesk.resources import bundled_font

    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path / "mpl"), "HOME": str(tmp_path)}
    cache = tmp_path / "mpl" / f"fontlist-v{font_manager.FontManager.__version__}.json"
    run = [sys.executable, "-c"]
    subprocess.run([*run, STALE_CACHE, str(cache)], env=env, check=True)
    late = tmp_path / ".fonts" / "late-cjk.otf"  # ~/.fonts: a font dir matplotlib searches
    late.parent.mkdir()
    shutil.copy(bundled_font(), late)
    out = subprocess.run([*run, LATE_FONT, str(late)], env=env, check=True, capture_output=True)
    assert out.stdout.decode().strip() == "True"


def test_the_pareto_chart_draws_chinese_without_missing_glyphs(result, tmp_path):
    use_cjk_fonts()
    fig = Figure(figsize=(6, 4))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph N missing from font" would fail here
        plot_pareto(
            fig.add_subplot(),
            result.tiers.curve_plot,
            result.tiers.summaries,
            result.tiers.top20_share,
            PARETO,
        )
        fig.savefig(tmp_path / "pareto.png")
    texts = _texts(fig)
    assert "帕累托曲线" in texts and "A 级" in texts
    assert f"前 20% 顾客 → {result.tiers.top20_share:.0%} 收入" in texts


def test_the_share_chart_shows_both_shares_and_the_amounts(result, tmp_path):
    use_cjk_fonts()
    fig = Figure(figsize=(6, 4))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plot_tier_shares(fig.add_subplot(), result.tiers.summaries, SHARES)
        fig.savefig(tmp_path / "shares.svg")
    a = result.tiers.summaries["A"]
    assert any(t.startswith(f"{a.revenue_share:.0%}\n¥") for t in _texts(fig))
    assert (tmp_path / "shares.svg").stat().st_size > 1000


def test_each_series_has_one_colour_and_the_legend_shows_it(result):
    fig = Figure()
    ax = fig.add_subplot()
    plot_tier_shares(ax, result.tiers.summaries, SHARES)
    legend = ax.get_legend()
    for handle, container in zip(legend.legend_handles, ax.containers, strict=True):
        colours = {bar.get_facecolor() for bar in container}
        assert colours == {handle.get_facecolor()}


def test_the_share_chart_follows_the_visits_measure(result):
    fig = Figure()
    ax = fig.add_subplot()
    plot_tier_shares(ax, result.tiers.summaries, SHARES, measure="visits")
    s = result.tiers.summaries
    total = sum(s[t].visits for t in "ABC")
    heights = [bar.get_height() for bar in ax.containers[1]]
    assert heights == [pytest.approx(s[t].visits / total) for t in "ABC"]
    assert f"{s['A'].visits / total:.0%}\n{s['A'].visits:,}" in _texts(fig)


def test_the_bands_follow_the_tiers_patient_shares(result):
    fig = Figure()
    ax = fig.add_subplot()
    plot_pareto(
        ax, result.tiers.curve_plot, result.tiers.summaries, result.tiers.top20_share, PARETO
    )
    spans = [p for p in ax.patches]
    assert len(spans) == 3
    widths = [s.get_width() if hasattr(s, "get_width") else None for s in spans]
    assert widths == [pytest.approx(result.tiers.summaries[t].patient_share) for t in "ABC"]


def test_a_period_of_a_few_days_still_draws(demo_path):
    from clinicdesk.core.db import open_clinic

    db = open_clinic(demo_path)
    small = run_segmentation(db, EngineParams(TierParams(dt.date(2026, 11, 25), DEMO_TODAY)))
    db.close()
    fig = Figure()
    plot_pareto(
        fig.add_subplot(),
        small.tiers.curve_plot,
        small.tiers.summaries,
        small.tiers.top20_share,
        PARETO,
    )
    plot_tier_shares(fig.add_subplot(), small.tiers.summaries, SHARES)


def test_charts_draw_chinese_with_only_the_bundled_font(result, tmp_path):
    # A machine without any Chinese system font: the bundled one must carry every label.
    from matplotlib import rcParams

    use_cjk_fonts()
    saved = rcParams["font.family"]
    rcParams["font.family"] = [BUNDLED_FAMILY, "DejaVu Sans"]
    try:
        fig = Figure(figsize=(6, 4))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            plot_pareto(
                fig.add_subplot(),
                result.tiers.curve_plot,
                result.tiers.summaries,
                result.tiers.top20_share,
                PARETO,
            )
            fig.savefig(tmp_path / "bundled.png")
    finally:
        rcParams["font.family"] = saved


@pytest.mark.parametrize(("language", "label"), [("zh_CN", "¥10.5亿"), ("en", "¥1.05B")])
def test_a_bars_amount_is_short_so_that_a_big_clinics_labels_do_not_overlap(
    result, language, label
):
    import dataclasses

    summaries = {
        t: s._replace(revenue_fen=104_617_405_000)  # ¥1,046,174,050
        for t, s in result.tiers.summaries.items()
    }
    fig = Figure(figsize=(6, 4))
    plot_tier_shares(fig.add_subplot(), summaries, dataclasses.replace(SHARES, language=language))
    assert any(t.endswith(f"\n{label}") for t in _texts(fig))


def test_the_labels_of_two_bars_about_as_high_do_not_run_into_each_other():
    # The window's chart at 1366×768 (about 640×240 px for both), with the 100,000-patient
    # demo's shares: B's two bars at 21% and 20% had "15,032" and "¥2.94亿" on each other.
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from clinicdesk.core.segmentation.tiers import TierSummary

    use_cjk_fonts()
    summaries = {
        "A": TierSummary("A", 18_608, 0.266, 1_028_839_737_00, 0.700, 221_995, 0),
        "B": TierSummary("B", 15_032, 0.214, 293_930_714_00, 0.200, 122_715, 0),
        "C": TierSummary("C", 36_376, 0.520, 146_961_775_00, 0.100, 121_314, 0),
    }
    fig = Figure(figsize=(6.4, 2.4), dpi=100, layout="constrained")
    fig.add_subplot(1, 2, 1)
    ax = fig.add_subplot(1, 2, 2)
    plot_tier_shares(ax, summaries, SHARES)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts]
    assert len(boxes) == 6 and "21%\n15,032" in dict(boxes)
    for i, (text, box) in enumerate(boxes):
        for other, box2 in boxes[i + 1 :]:
            assert not box.overlaps(box2), (text, other)
