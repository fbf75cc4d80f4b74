"""A mentions time series as social-listening tools export it: a CSV of timestamps and counts.

Columns are found by name (case and spacing aside): a time column (`timestamp`, `time`,
`date`...), a count column (`mentions`, `count`, `volume`...) and optionally a negative count
(`negative`...). Timestamps are ISO-8601 (with or without a zone, all alike) or seconds. Each
row is a bin starting at its timestamp; bins are one step apart, where the step is the most
common gap (a missing bin counts as zero mentions). Every problem is one `file:line: message`.
"""

import csv
import io
import math
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from simulator.plain import plain

if TYPE_CHECKING:
    from _csv import Reader

MAX_BYTES = 20_000_000  # a year of minute bins is ~15 MB
MAX_BINS = 20_000  # the fit's cost grows with the bins: a week of 1-minute bins is 10,080
MIN_BINS = 8
MIN_MENTIONS = 30  # fewer than this says nothing about a cascade

TIME_NAMES = ("timestamp", "time", "date", "datetime", "date_time", "ts", "period", "interval")
COUNT_NAMES = (
    "mentions",
    "count",
    "volume",
    "total",
    "total_mentions",
    "mention_volume",
    "posts",
    "results",
    "value",
)
NEGATIVE_NAMES = ("negative", "negative_mentions", "neg", "negatives", "negative_volume")


class SeriesError(ValueError):
    """A mentions file that cannot be used: its one-line message names file:line."""


@dataclass(frozen=True)
class Series:
    """Counts per bin on a regular grid: bin k starts at `step * k` seconds after `start`."""

    start: str  # the first timestamp as written
    step: float  # seconds per bin
    counts: np.ndarray  # int64, mentions per bin
    negative: np.ndarray | None  # int64, negative mentions per bin, when the file has them

    @property
    def span(self) -> float:
        return self.step * self.counts.size


def _key(name: str) -> str:
    return "_".join(name.strip().strip('"').lower().replace("-", " ").split())


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    keys = [_key(h) for h in header]
    for name in names:
        if name in keys:
            return keys.index(name)
    for n, key in enumerate(keys):  # "date (utc)", "mentions_count"...
        if any(key.startswith(name) for name in names):
            return n
    return None


def _time(text: str) -> tuple[float, str]:
    """Seconds since the epoch (or as written, for plain numbers), and the form: a number,
    a timestamp with a zone or one without (forms cannot mix in one file)."""
    value = text.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        if not math.isfinite(seconds):
            raise ValueError(f'"{value[:40]}" is not a time')
        return seconds, "a number"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f'"{value[:40]}" is not an ISO-8601 timestamp (like 2024-03-01T14:00:00Z)'
        ) from None
    if moment.tzinfo is None:
        return (moment - datetime(1970, 1, 1)).total_seconds(), "a timestamp without a zone"
    return moment.timestamp(), "a timestamp with a zone"


def _count(text: str, what: str) -> int:
    value = text.strip()
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f'{what} "{value[:40]}" is not a number') from None
    if not math.isfinite(number) or number != int(number):
        raise ValueError(f'{what} "{value[:40]}" is not a whole number')
    if number < 0:
        raise ValueError(f"{what} {value} is negative")
    return int(number)


def _text(path: Path) -> str:
    shown = plain(str(path))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SeriesError(f"{shown}:1: too large ({size:,} bytes; at most {MAX_BYTES:,})")
        data = path.read_bytes()
    except OSError as err:
        raise SeriesError(f"{shown}:1: cannot read: {err.strerror or err}") from None
    if b"\x00" in data:
        raise SeriesError(f"{shown}:1: not a text file (expected a CSV of mentions)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise SeriesError(f"{shown}:{line}: not UTF-8 text (expected a CSV of mentions)") from None


def read_series(path: Path | str) -> Series:
    """The mentions series in a CSV file; SeriesError (file:line) for anything unusable."""
    path = Path(path)
    shown = plain(str(path))
    text = _text(path)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise SeriesError(f"{shown}:1: empty (expected a header like timestamp,mentions)")
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = _rows(reader, shown)
    except csv.Error as err:
        raise SeriesError(f"{shown}:{reader.line_num}: not a CSV ({err})") from None
    return _grid(rows, shown)


Row = tuple[int, float, str, int, int | None, str]  # line, time, form, count, negative, as written


def _header(header: list[str], shown: str, line: int) -> tuple[int, int, int | None]:
    """The time, count and (optional) negative count columns of the header."""
    at, count, neg = (_column(header, n) for n in (TIME_NAMES, COUNT_NAMES, NEGATIVE_NAMES))
    if at is None or count is None:
        missing = "time" if at is None else "count"
        names = TIME_NAMES if at is None else COUNT_NAMES
        raise SeriesError(
            f"{shown}:{line}: no {missing} column (name one of {', '.join(names[:5])}); "
            f"the header has {plain(', '.join(header))[:80]}"
        )
    return at, count, neg


def _rows(reader: "Reader", shown: str) -> list[Row]:
    header: list[str] | None = None
    rows: list[Row] = []
    at = count = 0
    neg: int | None = None
    for fields in reader:
        if not any(f.strip() for f in fields):
            continue
        line = reader.line_num
        if header is None:
            header = fields
            at, count, neg = _header(header, shown, line)
            continue
        if len(fields) != len(header):
            raise SeriesError(
                f"{shown}:{line}: {len(fields)} fields where the header has {len(header)}"
            )
        if len(rows) >= MAX_BINS:
            raise SeriesError(f"{shown}:{line}: more than {MAX_BINS:,} rows (use wider bins)")
        try:
            t, form = _time(fields[at])
            n = _count(fields[count], "count")
            negative = _count(fields[neg], "negative count") if neg is not None else None
        except ValueError as err:
            raise SeriesError(f"{shown}:{line}: {plain(str(err))}") from None
        if negative is not None and negative > n:
            raise SeriesError(f"{shown}:{line}: negative count {negative} exceeds the count {n}")
        if rows:
            if form != rows[-1][2]:
                raise SeriesError(
                    f"{shown}:{line}: {form} after {rows[-1][2]} (line {rows[-1][0]})"
                )
            if t <= rows[-1][1]:
                word = "repeats" if t == rows[-1][1] else "goes back from"
                raise SeriesError(
                    f"{shown}:{line}: time {word} the row before (line {rows[-1][0]}): "
                    "rows must be in time order, one per bin"
                )
        rows.append((line, t, form, n, negative, plain(fields[at].strip())[:40]))
    if header is None or not rows:
        raise SeriesError(f"{shown}:{reader.line_num or 1}: no data rows after the header")
    return rows


def _grid(rows: list[Row], shown: str) -> Series:
    times = np.array([r[1] for r in rows])
    if times.size < MIN_BINS:
        raise SeriesError(f"{shown}:{rows[-1][0]}: only {times.size} rows (at least {MIN_BINS})")
    gaps = np.diff(times)
    step = float(Counter(np.round(gaps, 3).tolist()).most_common(1)[0][0])
    index = np.round((times - times[0]) / step).astype(np.int64)
    off = np.abs(times - times[0] - index * step) > 1e-3 * step
    if off.any():
        line = rows[int(np.argmax(off))][0]
        raise SeriesError(
            f"{shown}:{line}: time is off the bins' grid of {step:g} s (rows must be one bin "
            "or a whole number of bins apart)"
        )
    if index[-1] + 1 > MAX_BINS:
        raise SeriesError(f"{shown}:{rows[-1][0]}: spans over {MAX_BINS:,} bins (use wider bins)")
    counts = np.zeros(index[-1] + 1, dtype=np.int64)
    counts[index] = [r[3] for r in rows]
    negative = None
    if rows[0][4] is not None:
        negative = np.zeros_like(counts)
        negative[index] = [r[4] for r in rows]
    if counts.sum() < MIN_MENTIONS:
        raise SeriesError(
            f"{shown}:{rows[-1][0]}: only {counts.sum()} mentions in all (at least {MIN_MENTIONS})"
        )
    return Series(start=rows[0][5], step=step, counts=counts, negative=negative)
