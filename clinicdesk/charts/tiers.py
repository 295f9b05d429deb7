"""The tier overview's two charts: the Pareto curve and the tiers' shares.

Labels come in as arguments (the caller translates them), money as fen; nothing here
knows about Qt, so the charts are tested on a plain Figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from clinicdesk.core.segmentation.tiers import TIERS, TierSummary
from clinicdesk.core.values import compact_fen

if TYPE_CHECKING:  # matplotlib loads with the first chart, not with the window (0.5-0.9 s)
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.ticker import PercentFormatter

    from clinicdesk.core.segmentation import SegmentationResult

COLOURS = {"A": "#c0392b", "B": "#e67e22", "C": "#7f8c8d"}
SHADES = {"A": "#f9e0dd", "B": "#fdebd3", "C": "#eceff0"}
PATIENTS_COLOUR = "#95a5a6"  # the share chart's two series
MEASURE_COLOUR = "#c0392b"


@dataclass(frozen=True)
class ParetoLabels:
    """The words on the Pareto chart."""

    title: str
    x: str
    y: str
    equality: str
    marker: str  # with {share}: "top 20% of patients → {share} of revenue"
    tier: str  # with {tier}: "{tier}"


class ParetoData(NamedTuple):
    """What a Pareto curve and its tier shares show of a measure: the curve (at most a
    thousand points), the tiers' sums and the top 20%'s share (small: it is sent to the
    chart process whole, for the engine's charts and the predicted value's)."""

    curve: Sequence[tuple[float, float]]
    summaries: Mapping[str, TierSummary]
    top20_share: float


class TierChartData(NamedTuple):
    """What the tier overview's two charts show of a run."""

    pareto: ParetoData
    measure: str

    @classmethod
    def of(cls, result: SegmentationResult) -> TierChartData:
        tiers = result.tiers
        pareto = ParetoData(tuple(tiers.curve_plot), tiers.summaries, tiers.top20_share)
        return cls(pareto, result.params.tiers.measure)


def draw_tiers(
    figure: Figure, data: TierChartData, labels: tuple[ParetoLabels, ShareLabels]
) -> None:
    """Draw a run's Pareto curve and tier shares side by side on `figure`."""
    figure.clear()
    pareto, shares = figure.add_subplot(1, 2, 1), figure.add_subplot(1, 2, 2)
    plot_pareto_and_shares(pareto, shares, data.pareto, labels[0], labels[1], data.measure)


def plot_pareto_and_shares(
    pareto_ax: Axes,
    shares_ax: Axes,
    data: ParetoData,
    pareto: ParetoLabels,
    shares: ShareLabels,
    measure: str = "revenue",
) -> None:
    """The Pareto curve on `pareto_ax` and the tier shares on `shares_ax`, of one measure."""
    plot_pareto(pareto_ax, data.curve, data.summaries, data.top20_share, pareto)
    plot_tier_shares(shares_ax, data.summaries, shares, measure)


def plot_pareto(
    ax: Axes,
    curve: Sequence[tuple[float, float]],
    summaries: Mapping[str, TierSummary],
    top20_share: float,
    labels: ParetoLabels,
) -> None:
    """Cumulative share of patients (x) against cumulative share of the measure (y), with
    the A/B/C bands, the line of perfect equality and the top-20% marker."""
    start = 0.0
    for tier in TIERS:
        width = summaries[tier].patient_share
        if width > 0:
            ax.axvspan(start, start + width, color=SHADES[tier], zorder=0)
            ax.text(
                start + width / 2,
                0.04,
                labels.tier.format(tier=tier),
                ha="center",
                color=COLOURS[tier],
                fontsize=11,
            )
        start += width
    ax.plot([0, 1], [0, 1], linestyle="--", color="#999999", linewidth=1, label=labels.equality)
    xs, ys = [p[0] for p in curve], [p[1] for p in curve]
    ax.plot(xs, ys, color="#2c3e50", linewidth=2)
    ax.plot([0.2], [top20_share], marker="o", color="#c0392b")
    ax.annotate(
        labels.marker.format(share=f"{top20_share:.0%}"),
        (0.2, top20_share),
        xytext=(0.32, max(0.1, top20_share - 0.18)),
        arrowprops={"arrowstyle": "->", "color": "#c0392b"},
        color="#c0392b",
    )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.xaxis.set_major_formatter(_percent())
    ax.yaxis.set_major_formatter(_percent())
    ax.set_xlabel(labels.x)
    ax.set_ylabel(labels.y)
    ax.set_title(labels.title)
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 0.1), frameon=False)
    ax.grid(alpha=0.3)


@dataclass(frozen=True)
class ShareLabels:
    """The words on the tier-share chart, and the language of its amounts' units (a bar's
    amount is short, ¥10.5亿 / ¥1.05B: at 100,000 patients the exact sums overlapped; the
    table under the chart has them)."""

    title: str
    patients: str
    revenue: str
    language: str = "zh_CN"


def plot_tier_shares(
    ax: Axes,
    summaries: Mapping[str, TierSummary],
    labels: ShareLabels,
    measure: str = "revenue",
) -> None:
    """For A, B and C (on the x axis): the share of patients beside the share of the
    measure (revenue, or visits), with the amounts. One colour per series, as the legend
    says; `labels.revenue` names the measure's series."""
    positions = range(len(TIERS))
    width = 0.38
    s = summaries
    bars_p = ax.bar(
        [p - width / 2 for p in positions],
        [s[t].patient_share for t in TIERS],
        width,
        color=PATIENTS_COLOUR,
        label=labels.patients,
    )
    shares, amounts = _measure_shares(summaries, measure, labels.language)
    bars_m = ax.bar(
        [p + width / 2 for p in positions],
        shares,
        width,
        color=MEASURE_COLOUR,
        label=labels.revenue,
    )
    _label_pairs(
        ax,
        bars_p,
        bars_m,
        [f"{s[t].patient_share:.0%}\n{s[t].patients:,}" for t in TIERS],
        [f"{share:.0%}\n{amount}" for share, amount in zip(shares, amounts, strict=True)],
    )
    ax.set_xticks(list(positions), list(TIERS))
    ax.set_ylim(0, 1.18)
    ax.yaxis.set_major_formatter(_percent())
    ax.set_title(labels.title)
    ax.legend(loc="upper right", frameon=False)
    ax.grid(axis="y", alpha=0.3)


def _measure_shares(
    summaries: Mapping[str, TierSummary], measure: str, language: str
) -> tuple[list[float], list[str]]:
    """Each tier's share of the measure and its amount as short text (money or a count)."""
    if measure == "revenue":
        return (
            [summaries[t].revenue_share for t in TIERS],
            [compact_fen(summaries[t].revenue_fen, language) for t in TIERS],
        )
    visits = [summaries[t].visits for t in TIERS]
    total = sum(visits) or 1
    return [v / total for v in visits], [f"{v:,}" for v in visits]


def _percent() -> PercentFormatter:
    from matplotlib.ticker import PercentFormatter

    return PercentFormatter(1.0, decimals=0)


CLOSE = 0.18  # two bars of a tier nearer than this (a share) have their labels side by side


def _label_pairs(
    ax: Axes, left: Any, right: Any, left_texts: Sequence[str], right_texts: Sequence[str]
) -> None:
    """Write each text just above its bar. The two labels of a tier whose bars are about
    as high (B at 21% and 20%) stand side by side above the higher, each leaning out
    from the middle: centred, each wider than its bar, they ran into each other
    ("15,03¥2.94亿")."""
    for pair in zip(left, right, left_texts, right_texts, strict=True):
        bar_l, bar_r, text_l, text_r = pair
        high_l, high_r = bar_l.get_height(), bar_r.get_height()
        middle = bar_l.get_x() + bar_l.get_width()
        if abs(high_l - high_r) < CLOSE:
            top = max(high_l, high_r)
            _label(ax, text_l, middle - 0.02, top, "right")
            _label(ax, text_r, middle + 0.02, top, "left")
        else:
            _label(ax, text_l, bar_l.get_x() + bar_l.get_width() / 2, high_l, "center")
            _label(ax, text_r, bar_r.get_x() + bar_r.get_width() / 2, high_r, "center")


def _label(ax: Axes, text: str, x: float, y: float, align: str) -> None:
    ax.annotate(text, (x, y), ha=align, va="bottom", fontsize=8, multialignment="center")
