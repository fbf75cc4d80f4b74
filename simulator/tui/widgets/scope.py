"""The scope panel: draws what the team can see now (`engine.scope.ScopeView`), nothing more."""

import textwrap
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static

from simulator.durations import format_duration
from simulator.engine.scope import Monitoring, ScopeView
from simulator.labels import compact

FACT_LINES = 3  # the facts take at most this many lines of the panel


def clipped(text: str, width: int, lines: int) -> str:
    """`text` wrapped to `width`, at most `lines` lines, the cut marked with an ellipsis (the
    drill's notification shows the facts whole)."""
    wrapped = textwrap.wrap(text, max(8, width))
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    last = textwrap.shorten(" ".join(wrapped[lines - 1 :]), max(8, width), placeholder="…")
    return "\n".join([*wrapped[: lines - 1], last])


def _monitor_lines(m: Monitoring) -> list[str]:
    lines = [
        f"R {m.trend.r:.2f} {m.trend.words}",
        f"Forecast {m.forecast:,.0f} ({m.forecast_low:,.0f}–{m.forecast_high:,.0f})",
    ]
    e = m.effect
    if e is None:
        lines.append("No public response yet to judge")
    else:
        lines += [
            f"Since {e.action.lower()} ({format_duration(e.span)}):",
            f"  negative {e.negative_after:,} (before {e.negative_before:,})",
            f"  sentiment {e.sentiment_before:+.0f} → {e.sentiment_after:+.0f}",
        ]
    return lines


def scope_lines(view: ScopeView, when: Callable[[float], str], handle: Callable[[int], str]) -> str:
    """The panel's text: `when` states a moment (since detection), `handle` names an account."""
    a = view.analysis
    if a is None:
        lines = [f"Volume {view.rough_volume} posts (rough)"]
        lines.append(
            f"Scope: analysing, ready at {when(view.analysing_until)}"
            if view.analysing_until is not None
            else "Scope ? a: analyse it"
        )
    else:
        voices = ", ".join(f"{handle(v.account)} {compact(v.followers)}" for v in a.top_voices)
        lines = [
            f"Negative {a.negative:,} of {view.volume:,} · reach {compact(a.involved)}",
            f"Age {format_duration(a.circulating)} · from {a.platform} ({a.role})",
            f"Top {voices or '—'}",
        ]
    if view.monitoring is not None:
        lines += _monitor_lines(view.monitoring)
    elif view.monitor_ready_at is not None:
        lines.append(f"Trend: monitoring, ready at {when(view.monitor_ready_at)}")
    elif view.monitor_ended is not None:
        lines.append(f"Trend ? ended {when(view.monitor_ended)} · m: monitor")
    else:
        lines.append("Trend ? m: monitor (R, forecast)")
    return "\n".join(lines)


class ScopePanel(Vertical):
    DEFAULT_CSS = """
    ScopePanel {
        height: auto; max-height: 45%; overflow-y: auto; border: round $primary; padding: 0 1;
    }
    ScopePanel #scope-text { text-wrap: nowrap; text-overflow: ellipsis; }
    ScopePanel #scope-facts { height: auto; }
    ScopePanel Sparkline { height: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="scope-text")
        yield Static(id="scope-facts")
        yield Sparkline([0.0], id="spark")

    def show(
        self, view: ScopeView, when: Callable[[float], str], handle: Callable[[int], str]
    ) -> None:
        """Draw `view`; `when` and `handle` as in `scope_lines`."""
        self.query_one("#scope-text", Static).update(Text(scope_lines(view, when, handle)))
        facts = self.query_one("#scope-facts", Static)
        facts.update(
            Text(
                clipped(f"Facts: {view.facts}", facts.size.width or 40, FACT_LINES)
                if view.facts
                else "Facts ? g: gather them"
            )
        )
        self.query_one("#spark", Sparkline).data = list(view.spark)
        monitoring = view.monitoring
        self.border_title = "Scope" if view.analysis else "Scope (not analysed)"
        self.border_subtitle = (
            f"monitoring until {when(monitoring.until)}" if monitoring is not None else ""
        )
