"""Durations written as in scenario and policy files: "45s", "90m", "1h30m", "2d"."""

import re

_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_PART = re.compile(r"(\d+(?:\.\d+)?)([dhms])")
_WHOLE = re.compile(r"(?:\d+(?:\.\d+)?[dhms])+")


def parse_duration(text: str) -> float:
    """Seconds in `text`; ValueError with a hint when it is not a duration."""
    compact = text.strip().replace(" ", "")
    if not _WHOLE.fullmatch(compact):
        raise ValueError(f'bad duration "{text}": write it like "45s", "90m", "1h30m" or "2d"')
    return float(sum(float(n) * _UNITS[u] for n, u in _PART.findall(compact)))


def format_duration(seconds: float) -> str:
    """Compact form of a duration: 5400 -> "1h30m"."""
    s = round(seconds)
    sign = "-" if s < 0 else ""
    s = abs(s)
    parts: list[str] = []
    for unit, size in _UNITS.items():
        if s >= size or (unit == "s" and not parts):
            n, s = divmod(s, size)
            if n or unit == "s":
                parts.append(f"{n}{unit}")
    return sign + "".join(parts)
