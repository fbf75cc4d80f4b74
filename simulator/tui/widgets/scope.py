"""The scope panel: how big the crisis is, as far as the team knows (estimates until analysed)."""

import itertools
import math

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static

from simulator.durations import format_duration
from simulator.engine.trajectory import Trajectory

SPARK_STEP = 5  # ticks per sparkline bar
SPARK_BARS = 24


def estimate(value: float, known: bool) -> str:
    """Exact once the scope is analysed; before that, two significant digits and a ≈."""
    if known or value < 10:
        return f"{value:,.0f}"
    digits = 10 ** (int(math.log10(value)) - 1)
    return f"≈{round(value / digits) * digits:,.0f}"


def scope_text(trajectory: Trajectory) -> str:
    m = trajectory.metrics
    tl = trajectory.timeline
    known = trajectory.revealed("analyse_scope")
    before = tl["r"][max(0, len(tl["r"]) - 16)]
    trend = (
        "▲ heating"
        if m["r"] > before + 0.01
        else "▼ calming"
        if m["r"] < before - 0.01
        else "■ steady"
    )
    origin = trajectory.scenario.cascade.origin[0]
    lines = [
        f"Age       {format_duration(m['age']) if m['total_mentions'] else '—'}"
        f"   origin {origin.platform or trajectory.scenario.cascade.platforms[0]}",
        f"Negative  {estimate(m['negative_mentions'], known)}"
        f"   reach {estimate(m['followers_involved'], known)}",
        f"Sentiment {m['sentiment_index']:+.0f}   R {m['r']:.2f} {trend}",
    ]
    if known:
        lines.append(
            f"Forecast  {m['forecast']:,.0f} ({m['forecast_low']:,.0f}–{m['forecast_high']:,.0f})"
        )
    else:
        lines.append("Forecast  ? analyse the scope (a) to see it")
    if not known:
        lines.append("[i]estimates: the scope is not analysed yet[/i]")
    return "\n".join(lines)


def spark_data(trajectory: Trajectory) -> list[float]:
    negatives = trajectory.timeline["negative_mentions"].tolist()
    points = negatives[::-SPARK_STEP][: SPARK_BARS + 1][::-1]
    return [max(0.0, b - a) for a, b in itertools.pairwise(points)] or [0.0]


class ScopePanel(Vertical):
    DEFAULT_CSS = """
    ScopePanel { height: auto; border: round $primary; padding: 0 1; }
    ScopePanel Sparkline { height: 2; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="scope-text")
        yield Sparkline([0.0], id="spark")

    def show(self, trajectory: Trajectory) -> None:
        self.query_one("#scope-text", Static).update(scope_text(trajectory))
        self.query_one("#spark", Sparkline).data = spark_data(trajectory)
