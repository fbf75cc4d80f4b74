"""Border titles at construction (Textual sets them only as an attribute)."""

from typing import TypeVar

from textual.widget import Widget

W = TypeVar("W", bound=Widget)


def titled(widget: W, title: str) -> W:
    widget.border_title = title
    return widget
