"""A text line chart for the terminal: several series on one scale, each with its own glyph."""

from rich.text import Text

GLYPHS = {"trainee": "●", "ignore": "×", "expert": "·"}


def text_chart(series: dict[str, list[float]], width: int, height: int) -> list[tuple[str, str]]:
    """Rows of (character, series name) cells, top row first; later series draw underneath."""
    top = max((max(v, default=0.0) for v in series.values()), default=0.0) or 1.0
    grid: list[list[tuple[str, str]]] = [[(" ", "")] * width for _ in range(height)]
    for name in reversed(list(series)):
        values = series[name]
        if not values:
            continue
        for x in range(width):
            v = values[min(len(values) - 1, round(x * (len(values) - 1) / max(1, width - 1)))]
            y = height - 1 - min(height - 1, int(v / top * (height - 1) + 0.5))
            grid[y][x] = (GLYPHS[name], name)
    return grid


def chart_text(series: dict[str, list[float]], width: int, height: int, colours: dict) -> Text:
    """The chart as Rich text with a y-axis of negative mentions and a legend."""
    top = max((max(v, default=0.0) for v in series.values()), default=0.0)
    label_w = len(f"{top:,.0f}") + 1
    rows = text_chart(series, max(10, width - label_w - 1), height)
    out = Text()
    for n, row in enumerate(rows):
        label = f"{top:,.0f}" if n == 0 else "0" if n == height - 1 else ""
        out.append(f"{label:>{label_w}}│")
        for char, name in row:
            out.append(char, style=colours.get(name, ""))
        out.append("\n")
    out.append(" " * label_w + "└" + "─" * (len(rows[0])) + "\n")
    for name in series:
        out.append(f"  {GLYPHS[name]} {name}", style=colours.get(name, ""))
    return out
