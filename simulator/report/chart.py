"""An SVG line chart of negative mentions over time: trainee, ignore, expert, decisions."""

from dataclasses import dataclass
from html import escape

W, H = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 28, 40
# Okabe-Ito colours (safe for colour-blind readers); each line also has its own dash.
SERIES_STYLE = {
    "trainee": ("#0072B2", "", 3.0),
    "ignore": ("#D55E00", "8 5", 2.0),
    "expert": ("#009E73", "2 4", 2.5),
}


@dataclass(frozen=True)
class Series:
    name: str
    t: list[float]  # seconds
    values: list[float]


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = max(span / ticks, 1.0)
    magnitude = 10 ** len(str(int(raw))) / 10
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def svg_chart(series: list[Series], duration: float, markers: list[tuple[float, str]]) -> str:
    """A self-contained <svg>: one polyline per series, a dashed rule per decision."""
    top = max((max(s.values, default=0) for s in series), default=0) or 1.0
    step = _nice_step(top)
    top = step * -(-top // step)
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(t: float) -> float:
        return LEFT + plot_w * t / duration

    def y(v: float) -> float:
        return TOP + plot_h * (1 - v / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" '
        f'aria-label="Negative mentions over time" font-family="sans-serif" font-size="12">',
        "<title>Negative mentions over time</title>",
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#fff" '
        'stroke="#999"/>',
    ]
    v = 0.0
    while v <= top + 1e-9:
        parts.append(
            f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#eee"/>'
            f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:,.0f}</text>'
        )
        v += step
    hours = int(duration // 3600)
    every = max(1, hours // 12)
    for hour in range(0, hours + 1, every):
        parts.append(
            f'<text x="{x(hour * 3600):.1f}" y="{H - BOTTOM + 16}" text-anchor="middle">'
            f"{hour}h</text>"
        )
    parts.append(
        f'<text x="{LEFT + plot_w / 2}" y="{H - 6}" text-anchor="middle">simulated time</text>'
    )
    for n, (t, label) in enumerate(markers, start=1):
        parts.append(
            f'<g><title>{escape(label)}</title><line x1="{x(t):.1f}" x2="{x(t):.1f}" '
            f'y1="{TOP}" y2="{TOP + plot_h}" stroke="#777" stroke-dasharray="3 3"/>'
            f'<text x="{x(t):.1f}" y="{TOP - 6 - 10 * (n % 2)}" text-anchor="middle" '
            f'font-size="10">{n}</text></g>'
        )
    for s in series:
        colour, dash, width = SERIES_STYLE[s.name]
        points = " ".join(f"{x(t):.1f},{y(v):.1f}" for t, v in zip(s.t, s.values, strict=True))
        dashing = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline class="series-{s.name}" fill="none" stroke="{colour}" '
            f'stroke-width="{width}"{dashing} points="{points}"/>'
        )
    parts += _legend(series)
    parts.append("</svg>")
    return "\n".join(parts)


def _legend(series: list[Series]) -> list[str]:
    """A sample line and the name of each series, left to right at the top of the plot."""
    parts = []
    for n, s in enumerate(series):
        colour, dash, width = SERIES_STYLE[s.name]
        lx, ly = LEFT + 12 + 110 * n, TOP + 14
        dashing = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{lx}" x2="{lx + 24}" y1="{ly}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="{width}"{dashing}/><text x="{lx + 30}" y="{ly + 4}">{s.name}</text>'
        )
    return parts
