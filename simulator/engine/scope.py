"""What the team can see of the crisis now: the fog that analysis and monitoring lift.

A pure function of a `Trajectory` (the seed's steps): before `analyse_scope` the team sees the
feed and a rough volume only; a finished analysis shows how long the negative comment has
circulated, where it started, the negative mentions, the followers involved and the top voices;
a `monitor` shows, for its window, R's level and direction, the forecast with its range and the
effect so far of the last public response; a finished `gather_facts` shows the facts. The drill's
scope panel draws a `ScopeView`; a headless script reads the same one.
"""

import itertools
import math
from dataclasses import dataclass

import numpy as np

from simulator.catalogue import CATALOGUE, MONITOR_WINDOW, STEADY_R, TREND_SPAN
from simulator.engine import clock
from simulator.engine.population import ROLES
from simulator.engine.trajectory import Applied, Trajectory

TOP_VOICES = 3  # accounts named as the crisis's top voices
SPARK_STEP = 5  # ticks per sparkline bar
SPARK_BARS = 24


def rough(value: float) -> str:
    """A rough count, as seen without analysis: two significant digits and a ≈."""
    if value < 10:
        return f"{value:,.0f}"
    digits = 10 ** (int(math.log10(value)) - 1)
    return f"≈{round(value / digits) * digits:,.0f}"


@dataclass(frozen=True)
class Trend:
    """R's level (growing, shrinking, holding steady) and its direction over TREND_SPAN."""

    r: float
    level: str  # "growing", "shrinking", "holding steady"
    change: str  # "faster", "more slowly", "" (no clear change)

    @property
    def glyph(self) -> str:
        return {"growing": "▲", "shrinking": "▼"}.get(self.level, "■")

    @property
    def words(self) -> str:
        """ "▲ growing, more slowly", "▼ shrinking faster", "■ holding steady"."""
        if not self.change:
            return f"{self.glyph} {self.level}"
        sep = " " if self.change == "faster" else ", "
        return f"{self.glyph} {self.level}{sep}{self.change}"


def trend_of(r: float, before: float) -> Trend:
    """R now and TREND_SPAN ago, in words: growing faster is R above 1 and rising."""
    level = "growing" if r > 1 + STEADY_R else "shrinking" if r < 1 - STEADY_R else "holding steady"
    change = ""
    if level != "holding steady" and abs(r - before) >= STEADY_R:
        away_from_one = (r > before) == (level == "growing")
        change = "faster" if away_from_one else "more slowly"
    return Trend(r, level, change)


@dataclass(frozen=True)
class Voice:
    """An account driving the crisis: by the reach of its negative posts."""

    account: int
    role: str
    followers: int
    negative_posts: int


@dataclass(frozen=True)
class Analysis:
    """What a finished `analyse_scope` shows (live from then on)."""

    circulating: float  # seconds since the first post
    platform: str  # where it started
    role: str  # who started it
    negative: int
    involved: int  # followers of the accounts posting negatively
    top_voices: tuple[Voice, ...]


@dataclass(frozen=True)
class ResponseEffect:
    """The last public response and what followed: negative mentions in the time since it
    against as long a time before it, and the sentiment index then and now."""

    action: str
    at: float
    span: float  # seconds compared on each side
    negative_before: int
    negative_after: int
    sentiment_before: float
    sentiment_after: float


@dataclass(frozen=True)
class Monitoring:
    """What a running `monitor` shows until `until`."""

    until: float
    trend: Trend
    forecast: float
    forecast_low: float
    forecast_high: float
    effect: ResponseEffect | None


@dataclass(frozen=True)
class ScopeView:
    """What the team can see now. `None` parts are still in the fog."""

    now: float
    volume: int  # posts so far, shown rough until analysed
    spark: tuple[float, ...]  # new posts per bar (negative ones once analysed)
    analysis: Analysis | None
    analysing_until: float | None  # an analysis under way finishes then
    monitoring: Monitoring | None
    monitor_ready_at: float | None  # a monitor under way shows its first figures then
    monitor_ended: float | None  # the last monitoring window ended then (none running)
    facts: str | None  # revealed by a finished gather_facts

    @property
    def rough_volume(self) -> str:
        return rough(self.volume)


def _at(trajectory: Trajectory, name: str, t: float) -> float:
    """A metric's value at the last tick at or before t."""
    tl = trajectory.timeline
    i = int(np.searchsorted(tl["t"], t + clock.EPS, side="right")) - 1
    return float(tl[name][max(0, i)])


def _finishes(trajectory: Trajectory, action: str) -> float | None:
    """When the first use of `action` finishes, if it has started."""
    start = trajectory.done_at.get(action)
    return None if start is None else start + CATALOGUE[action].busy


def _top_voices(trajectory: Trajectory) -> tuple[Voice, ...]:
    """The accounts driving the crisis (`Trajectory.top_voices`), with what the team can see."""
    return tuple(
        Voice(
            account=v.author,
            role=ROLES[int(trajectory.roles[v.author])],
            followers=int(trajectory.followers[v.author]),
            negative_posts=v.posts,
        )
        for v in trajectory.top_voices(TOP_VOICES)
    )


def _analysis(trajectory: Trajectory) -> Analysis:
    m, cascade = trajectory.metrics, trajectory.scenario.cascade
    origin = cascade.origin[0]
    return Analysis(
        circulating=m["age"],
        platform=origin.platform or cascade.platforms[0],
        role=origin.role,
        negative=int(m["negative_mentions"]),
        involved=int(m["followers_involved"]),
        top_voices=_top_voices(trajectory),
    )


def last_public(applied: tuple[Applied, ...]) -> Applied | None:
    """The last public response (an action, or an inject answered with one)."""
    public = [a for a in applied if a.action in CATALOGUE and CATALOGUE[a.action].public]
    return public[-1] if public else None


def _effect(trajectory: Trajectory) -> ResponseEffect | None:
    response = last_public(trajectory.applied)
    if response is None:
        return None
    now = trajectory.now
    span = min(now - response.t, MONITOR_WINDOW)
    start = max(0.0, response.t - span)

    def negative(t: float) -> float:
        return _at(trajectory, "negative_mentions", t)

    return ResponseEffect(
        action=CATALOGUE[response.action].label,
        at=response.t,
        span=span,
        negative_before=int(negative(response.t) - negative(start)),
        negative_after=int(negative(now) - negative(response.t)),
        sentiment_before=_at(trajectory, "sentiment_index", response.t),
        sentiment_after=trajectory.metrics["sentiment_index"],
    )


def monitor_windows(applied: tuple[Applied, ...]) -> list[tuple[float, float]]:
    """(start, end) of each monitoring: MONITOR_WINDOW from each monitor's start."""
    return [(a.t, a.t + MONITOR_WINDOW) for a in applied if a.action == "monitor"]


def _monitoring(trajectory: Trajectory) -> tuple[Monitoring | None, float | None, float | None]:
    """The monitoring shown now, when a running one shows it first, when the last one ended."""
    now = trajectory.now
    windows = monitor_windows(trajectory.applied)
    running = [(s, e) for s, e in windows if s <= now < e]
    if not running:
        ended = max((e for _, e in windows), default=None)
        return None, None, ended
    start, until = running[-1]
    ready = start + CATALOGUE["monitor"].busy
    if now < ready:
        return None, ready, None
    m = trajectory.metrics
    monitoring = Monitoring(
        until=until,
        trend=trend_of(m["r"], _at(trajectory, "r", now - TREND_SPAN)),
        forecast=m["forecast"],
        forecast_low=m["forecast_low"],
        forecast_high=m["forecast_high"],
        effect=_effect(trajectory),
    )
    return monitoring, None, None


def _spark(trajectory: Trajectory, negative: bool) -> tuple[float, ...]:
    values = trajectory.timeline["negative_mentions" if negative else "total_mentions"].tolist()
    points = values[::-SPARK_STEP][: SPARK_BARS + 1][::-1]
    return tuple(max(0.0, b - a) for a, b in itertools.pairwise(points)) or (0.0,)


def scope_view(trajectory: Trajectory) -> ScopeView:
    """What the team can see of the crisis at `trajectory.now`."""
    now = trajectory.now
    analysed = trajectory.revealed("analyse_scope")
    analysing = _finishes(trajectory, "analyse_scope")
    monitoring, ready, ended = _monitoring(trajectory)
    facts = " ".join(trajectory.scenario.crisis.facts.split())  # one paragraph
    return ScopeView(
        now=now,
        volume=int(trajectory.metrics["total_mentions"]),
        spark=_spark(trajectory, analysed),
        analysis=_analysis(trajectory) if analysed else None,
        analysing_until=analysing if analysing is not None and not analysed else None,
        monitoring=monitoring,
        monitor_ready_at=ready,
        monitor_ended=ended,
        facts=facts if facts and trajectory.revealed("gather_facts") else None,
    )
