"""The drill's timeline: one metrics row per tick, from the posts made, and the forecast."""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from simulator.catalogue import FORECAST_NEGATIVE_SHARE, FORECAST_Z, SENTIMENT_MEMORY
from simulator.engine import clock
from simulator.engine.cascade import Cascade, Columns
from simulator.engine.effects import Profile
from simulator.engine.forecast import Forecaster, negative_range
from simulator.labels import NEG, POS, K
from simulator.scenario.conditions import METRICS

TIMELINE_FIELDS = ("t", *METRICS, "forecast", "forecast_low", "forecast_high", "posts")


@dataclass
class Counters:
    """Running totals at the last recorded tick."""

    negative: int = 0
    total: int = 0
    impressions: float = 0.0
    involved: float = 0.0
    media: int = 0
    first_post: float | None = None
    ew: list[float] = field(default_factory=lambda: [0.0, 0.0, 0.0])  # neg, pos, all
    ew_wave: np.ndarray = field(default_factory=lambda: np.zeros(1))  # recent posts per wave


Scheduled = Callable[[float], tuple[np.ndarray, np.ndarray]]  # roots at or after t: times, waves


class Recorder:
    """Records the timeline of one drill as its cascade runs."""

    def __init__(
        self,
        cascade: Cascade,
        profile: Profile,
        forecaster: Forecaster,
        scheduled: Scheduled,
        *,
        tick: float,
        beat: float,
        end: float,
    ) -> None:
        self.cascade, self.profile = cascade, profile
        self.forecaster, self.scheduled = forecaster, scheduled
        self.tick, self.beat, self.end = tick, beat, end
        self.timeline = Columns(dict.fromkeys(TIMELINE_FIELDS, np.float64), 256)
        self._counters = Counters()
        self._negative_author = np.zeros(cascade.pop.size, dtype=bool)
        self._last_forecast = (0.0, 0.0, 0.0)
        self.fresh_only_at: float | None = None  # see `Engine.forecast_only_at`
        r0 = float(cascade.branching_ratio(np.ones(1), np.zeros(1), 1.0)[0])
        self.timeline.append(
            **{name: np.array([r0 if name == "r" else 0.0]) for name in TIMELINE_FIELDS}
        )

    def latest(self) -> dict[str, float]:
        """The latest metrics row."""
        return {name: float(self.timeline[name][-1]) for name in TIMELINE_FIELDS}

    def record(self, t0: float, t1: float, start: int, cap: float) -> None:
        """Append one metrics row per tick boundary in (t0, t1], from the posts made there
        (the cascade's posts from index `start` on)."""
        posts, c = self.cascade.posts, self._counters
        order = start + np.argsort(posts["t"][start:], kind="stable")
        t, author = posts["t"][order], posts["author"][order]
        ticks = clock.ticks(t0, t1, self.tick)
        cut = np.searchsorted(t, ticks, side="left")
        last = self._running(t, posts["sentiment"][order], author, posts["kind"][order], cut)
        if c.first_post is None and t.size:
            c.first_post = float(t[0])
        sentiment_index = self._sentiment_index(cut, last)  # before the forecast, which reads it
        fatigue = self._fatigue(ticks, t, posts["wave"][order])
        held = np.tile(self._last_forecast, (ticks.size, 1))  # forecasts hold between beats
        fresh = clock.on(t1, self.beat) or t1 >= self.end - clock.EPS
        if fresh and (self.fresh_only_at is None or clock.reached(t1, self.fresh_only_at)):
            self._last_forecast = held[-1] = self._forecast(t1, cap)
        negative = c.negative + last["neg"]
        columns = {
            "t": ticks,
            "negative_mentions": negative,
            "total_mentions": c.total + cut,
            "negative_impressions": c.impressions + last["imp"],
            "followers_involved": c.involved + last["inv"],
            "sentiment_index": sentiment_index,
            "r": self.cascade.branching_ratio(
                self.profile.multiplier(ticks) * fatigue, self.profile.shift(ticks), cap
            ),
            "media_pickup": c.media + last["news"],
            "age": ticks - c.first_post if c.first_post is not None else np.zeros(ticks.size),
            "forecast": negative + held[:, 0],
            "forecast_low": negative + held[:, 1],
            "forecast_high": negative + held[:, 2],
            "posts": start + cut,
        }
        self.timeline.append(**{k: np.asarray(v, dtype=np.float64) for k, v in columns.items()})
        c.negative = int(negative[-1])
        c.total += int(t.size)
        c.impressions += float(last["imp"][-1])
        c.involved += float(last["inv"][-1])
        c.media += int(last["news"][-1])

    def _running(
        self,
        t: np.ndarray,
        sentiment: np.ndarray,
        author: np.ndarray,
        kind: np.ndarray,
        cut: np.ndarray,
    ) -> dict[str, np.ndarray]:
        """Counts of the new posts (in time order) up to each tick: negative, negative
        impressions, followers newly involved, news and positive posts."""
        followers = self.cascade.pop.followers
        neg = sentiment == NEG
        neg_auth = author[neg]
        _, first = np.unique(neg_auth, return_index=True)
        first = first[~self._negative_author[neg_auth[first]]]
        self._negative_author[neg_auth[first]] = True
        new_involved = np.zeros(t.size)
        new_involved[np.flatnonzero(neg)[first]] = followers[neg_auth[first]]
        cum = {
            "neg": np.cumsum(neg),
            "imp": np.cumsum(np.where(neg, followers[author], 0)),
            "inv": np.cumsum(new_involved),
            "news": np.cumsum(kind == K["news"]),
            "pos": np.cumsum(sentiment == POS),
        }
        return {
            name: np.where(cut > 0, values[np.maximum(cut - 1, 0)], 0)
            if t.size
            else np.zeros(cut.size)
            for name, values in cum.items()
        }

    def _sentiment_index(self, cut: np.ndarray, last: dict[str, np.ndarray]) -> np.ndarray:
        """100 x (positive - negative) / all, over an exponentially fading memory."""
        c = self._counters
        counts = np.diff(cut, prepend=0).tolist()
        negatives = np.diff(last["neg"], prepend=0).tolist()
        positives = np.diff(last["pos"], prepend=0).tolist()
        decay = 0.5 ** (self.tick / SENTIMENT_MEMORY)
        neg, pos, every = c.ew
        index = []
        for n_neg, n_pos, n_all in zip(negatives, positives, counts, strict=True):
            neg, pos, every = neg * decay + n_neg, pos * decay + n_pos, every * decay + n_all
            index.append(100.0 * (pos - neg) / every if every else 0.0)
        c.ew = [neg, pos, every]
        return np.array(index)

    def _fatigue(self, ticks: np.ndarray, t: np.ndarray, wave: np.ndarray) -> np.ndarray:
        """The fatigue R(t) shows at each tick: each wave's, weighted by its recent posts (the
        sentiment index's fading memory); the origin's before any post."""
        c, waves = self._counters, self.profile.born.size
        if c.ew_wave.size < waves:
            c.ew_wave = np.concatenate((c.ew_wave, np.zeros(waves - c.ew_wave.size)))
        tick_of = np.searchsorted(ticks, t, side="right")
        counts = np.bincount(tick_of * waves + wave, minlength=ticks.size * waves)
        counts = counts[: ticks.size * waves].reshape(ticks.size, waves)
        level = self.profile.fatigue(ticks[:, None], np.arange(waves)[None, :])
        decay = 0.5 ** (self.tick / SENTIMENT_MEMORY)
        mix = np.empty(ticks.size)
        for n in range(ticks.size):
            c.ew_wave = c.ew_wave * decay + counts[n]
            weight = c.ew_wave.sum()
            mix[n] = c.ew_wave @ level[n] / weight if weight else level[n, 0]
        return mix

    def _forecast(self, now: float, cap: float) -> tuple[float, float, float]:
        """Expected negative mentions still to come if nothing else is done, with a 90% range
        (see `forecast`). Valid at the end of a run, where the pending pool is this moment's."""
        c = self._counters
        share = c.ew[0] / c.ew[2] if c.ew[2] else FORECAST_NEGATIVE_SHARE
        ahead = self.forecaster.ahead(now, cap, *self.scheduled(now))
        return negative_range(ahead, share, FORECAST_Z)
