"""The live crisis: step simulated time, act, answer injects; everything else is derived."""

import copy
import hashlib
import json
import math
from dataclasses import asdict, dataclass, field

import numpy as np

from simulator.engine import rand
from simulator.engine.cascade import (
    FORECAST_AHEAD,
    FORECAST_GENERATIONS,
    NEG,
    POS,
    Cascade,
    Columns,
    K,
    Roots,
)
from simulator.engine.catalogue import FORECAST_WINDOW, LIE_EXPOSED_AFTER, MONITOR_WINDOW
from simulator.engine.effects import Effect, Profile
from simulator.engine.kernels import make_kernel
from simulator.engine.population import build_population
from simulator.engine.responses import Consequence, History, exposure, respond
from simulator.engine.roots import ROOT_TEXTS
from simulator.scenario.checks import in_play
from simulator.scenario.conditions import METRICS, parse_condition
from simulator.scenario.model import Inject, Scenario

BEAT = 900.0  # the engine's beat (at least a tick): the audience cap, condition injects and
# the forecast are refreshed on it; runs never cross it, so results do not depend on stepping
SENTIMENT_MEMORY = 3600.0  # half-life of the sentiment index's memory
TIMELINE_FIELDS = ("t", *METRICS, "forecast", "forecast_low", "forecast_high", "posts")


class ReplayError(ValueError):
    """A recorded decision that this drill cannot replay (edited, or from another scenario)."""


@dataclass(frozen=True)
class Applied:
    """One decision as applied: an action, or an answer to an inject."""

    t: float
    action: str  # an action id, or "none"
    by: str  # "trainee", "default" (an inject's timeout), "inject"
    inject: str | None = None
    choice: str | None = None
    strength: float = 1.0
    notes: tuple[str, ...] = ()


@dataclass
class Counters:
    negative: int = 0
    total: int = 0
    impressions: float = 0.0
    involved: float = 0.0
    media: int = 0
    first_post: float | None = None
    ew: list[float] = field(default_factory=lambda: [0.0, 0.0, 0.0])  # neg, pos, all


class Engine:
    """A drill in progress on one scenario and seed."""

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self.scenario = scenario
        self.seed = seed
        self.duration = scenario.clock.duration
        self.tick = scenario.clock.tick
        self.beat = self.tick * max(1, round(BEAT / self.tick))
        cascade = scenario.cascade
        self.population = build_population(scenario.audience, seed)
        self.cascade = Cascade(
            self.population,
            make_kernel(cascade.kernel, cascade.mean_delay),
            base=cascade.base_infectiousness,
            follower_exponent=cascade.follower_exponent,
            sentiment_weights=(
                cascade.sentiment_weights.negative,
                cascade.sentiment_weights.neutral,
                cascade.sentiment_weights.positive,
            ),
            platforms=len(cascade.platforms),
            audience_cap=cascade.audience_cap,
            end=self.duration,
            forecast_window=FORECAST_WINDOW,
            seed=seed,
        )
        self.profile = Profile(scenario.crisis.detected_at, cascade.fatigue_half_life)
        self.history = History()
        self.now = 0.0
        self.applied: list[Applied] = []
        self.awaiting: Inject | None = None
        self.fired: dict[str, float] = {}
        self.root_texts: list[str] = []
        self._root_cols = Columns(
            {
                "t": np.float64,
                "id": np.uint64,
                "author": np.int32,
                "platform": np.int8,
                "kind": np.int8,
                "sentiment": np.int8,
                "root": np.int32,
            },
            64,
        )
        self._root_serial = 0
        self._conditions = {i.id: parse_condition(i.when) for i in scenario.injects if i.when}
        self._truth_inject = any(i.reveal_truth for i in scenario.injects)
        self._counters = Counters()
        self._negative_author = np.zeros(self.population.size, dtype=bool)
        self._last_forecast = (0.0, 0.0, 0.0)
        self._cap = 1.0
        self.timeline: dict[str, list[float]] = {name: [] for name in TIMELINE_FIELDS}
        self._schedule_origin()
        self._schedule_background()
        self._record(
            {name: 0.0 for name in TIMELINE_FIELDS}
            | {"r": float(self.cascade.branching_ratio(np.ones(1), np.zeros(1), 1.0)[0])}
        )

    # ----- public API -------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.now >= self.duration - 1e-9

    def step(self, until: float) -> Inject | None:
        """Advance to `until` (rounded up to the tick grid) and fire what is due there; stop
        early at an inject that asks a decision (returned; unanswered, it takes its default
        on the next step). Stepping in one call or many gives the same trajectory."""
        until = min(self._on_grid(until), self.duration)
        while True:
            if self.awaiting is not None:
                if self.now + 1e-9 >= until:
                    return self.awaiting
                self.answer(None)
            asked = self._boundary()
            if asked is not None or self.now + 1e-9 >= until:
                return asked
            self._advance(self._next_stop(until))

    def act(self, action: str, by: str = "trainee", **extra: str | None) -> Applied:
        """Apply an action now; it affects only the future."""
        if action not in in_play(self.scenario) and action != "none":
            raise ValueError(f'action "{action}" is not in play in this scenario')
        if action == "none":
            applied = Applied(self.now, action, by, **extra)
        else:
            consequence = respond(self.scenario, self.history, action, self.now)
            self._apply(consequence, action)
            applied = Applied(
                self.now,
                action,
                by,
                strength=round(consequence.strength, 4),
                notes=tuple(consequence.notes),
                **extra,
            )
        self.applied.append(applied)
        return applied

    def answer(self, choice: str | None) -> Applied:
        """Answer the inject awaiting a decision; None lets its default apply (time ran out)."""
        inject = self.awaiting
        if inject is None or inject.decision is None:
            raise ValueError("no inject is waiting for a decision")
        options = {o.id: o for o in inject.decision.options}
        if choice is not None and choice not in options:
            raise ValueError(f'inject "{inject.id}" has no option "{choice}"')
        by = "trainee" if choice is not None else "default"
        option = options[choice or inject.decision.default]
        self.awaiting = None
        return self.act(option.action, by, inject=inject.id, choice=option.id)

    def skip(self) -> None:
        """Let the awaiting inject pass with no decision at all (a counterfactual branch)."""
        self.awaiting = None

    def reach(self, entry: Applied) -> None:
        """Step to the moment of a recorded decision: its time, or its inject asking."""
        if self.awaiting is not None:
            if self.awaiting.id == entry.inject:
                return
            raise ReplayError(f'the log never answers inject "{self.awaiting.id}"')
        asked = self.step(entry.t)
        if entry.inject is not None:
            if asked is None or asked.id != entry.inject:
                raise ReplayError(
                    f'the log answers inject "{entry.inject}" at {entry.t:g} s, '
                    f"but the drill asked {asked.id if asked else 'nothing'} by then"
                )
        elif asked is not None:
            raise ReplayError(f'the log never answers inject "{asked.id}" ({self.now:g} s)')
        if abs(self.now - entry.t) > 1e-6:
            raise ReplayError(f'the log has "{entry.action}" at {entry.t:g} s, off the drill clock')

    def redo(self, entry: Applied) -> Applied:
        """Replay one recorded decision exactly (action, or answer to an inject)."""
        self.reach(entry)
        try:
            if entry.inject is not None:
                return self.answer(entry.choice if entry.by == "trainee" else None)
            return self.act(entry.action, entry.by)
        except ValueError as error:
            raise ReplayError(str(error)) from None

    def fork(self, index: int) -> "Engine":
        """This drill replayed on its seed to just before decision `index`, to try another."""
        engine = Engine(self.scenario, self.seed)
        for entry in self.applied[:index]:
            engine.redo(entry)
        engine.reach(self.applied[index])
        return engine

    def snapshot(self) -> "Engine":
        """An independent copy of the drill at this moment; fixed inputs are shared."""
        pop = self.population
        fixed = (self.scenario, pop.role, pop.activity, pop.author_cdf, self.cascade.w)
        memo: dict[int, object] = {id(x): x for x in fixed}
        memo |= {id(column): column.copy() for column in self.timeline.values()}  # of floats
        return copy.deepcopy(self, memo)

    def run_to_end(self) -> None:
        while not self.finished:
            self.step(self.duration)

    # ----- views -------------------------------------------------------------------------------

    def metrics(self) -> dict[str, float]:
        """The latest metrics row."""
        return {name: values[-1] for name, values in self.timeline.items()}

    def revealed(self, action: str) -> bool:
        """Whether the team has finished `action` (analyse_scope, gather_facts...) by now."""
        return self.history.finished(action, self.now)

    def monitoring(self) -> bool:
        at = self.history.done_at.get("monitor")
        uses = [a.t for a in self.applied if a.action == "monitor"]
        return at is not None and self.now - max(uses) <= MONITOR_WINDOW

    def timeline_arrays(self) -> dict[str, np.ndarray]:
        return {
            name: np.asarray(values, dtype=np.float64) for name, values in self.timeline.items()
        }

    def digest(self) -> str:
        """sha256 of the canonical trajectory: every post (in time order, parents by identity),
        every decision, every tick's counts."""
        h = hashlib.sha256()
        posts = self.cascade.posts
        order = np.lexsort((posts["id"], posts["t"]))
        parent = posts["parent"][order]
        parent_id = np.where(parent >= 0, posts["id"][np.maximum(parent, 0)], 0)
        h.update(np.round(posts["t"][order] * 1000).astype("<i8").tobytes())
        h.update(parent_id.astype("<u8").tobytes())
        for name in ("id", "author", "kind", "sentiment", "platform"):
            column = posts[name][order]
            h.update(column.astype(column.dtype.newbyteorder("<")).tobytes())
        h.update(json.dumps([asdict(a) for a in self.applied], sort_keys=True).encode())
        for name in ("negative_mentions", "total_mentions"):
            h.update(np.asarray(self.timeline[name], dtype="<f8").tobytes())
        return h.hexdigest()

    # ----- internals ---------------------------------------------------------------------------

    def _rate(self, t: np.ndarray) -> np.ndarray:
        return self.profile.multiplier(t)

    def _shift(self, t: np.ndarray) -> np.ndarray:
        return self.profile.shift(t)

    def _on_grid(self, t: float) -> float:
        return math.ceil(t / self.tick - 1e-9) * self.tick

    def _on_beat(self, t: float) -> bool:
        return abs(t / self.beat - round(t / self.beat)) < 1e-9

    def _next_stop(self, until: float) -> float:
        """The next moment something may change: a beat, a timed inject, an exposure."""
        stop = min(until, (math.floor(self.now / self.beat + 1e-9) + 1) * self.beat)
        for inject in self.scenario.injects:
            if inject.at is not None and inject.id not in self.fired:
                at = self._on_grid(inject.at)
                if at > self.now + 1e-9:
                    stop = min(stop, at)
        if self.history.lied_at is not None and not self.history.exposed:
            stop = min(stop, max(self._exposure_at(), self.now + self.tick))
        return stop

    def _exposure_at(self) -> float:
        lied = self.history.lied_at
        return (
            math.inf
            if lied is None or self._truth_inject
            else self._on_grid(lied + LIE_EXPOSED_AFTER)
        )

    def _advance(self, stop: float) -> None:
        t0 = self.now
        start = len(self.cascade.posts)
        self.cascade.run(t0, stop, self._due_roots(t0, stop), self._rate, self._shift, self._cap)
        self.now = stop
        self._record_ticks(t0, stop, start)

    def _boundary(self) -> Inject | None:
        """Fire what is due at this moment: injects, exposures. Returns an inject that asks.
        Condition injects and the audience cap are looked at on the beat only."""
        if self.now >= self._exposure_at() - 1e-9:
            self._expose()
        on_beat = self._on_beat(self.now)
        if on_beat:
            self._cap = self.cascade.cap()
        latest = self.metrics()
        for inject in self.scenario.injects:
            if inject.id in self.fired:
                continue
            due = (inject.at is not None and self._on_grid(inject.at) <= self.now + 1e-9) or (
                on_beat
                and inject.id in self._conditions
                and self._conditions[inject.id].holds(latest)
            )
            if due:
                self._fire(inject)
                if inject.decision is not None:
                    self.awaiting = inject
                    return inject
        return None

    def _fire(self, inject: Inject) -> None:
        self.fired[inject.id] = self.now
        if inject.multiplier != 1.0:
            self.profile.add(Effect(self.now, inject.multiplier, 0.0, inject.half_life, inject.id))
        for n, root in enumerate(inject.roots):
            author = self.population.top(root.role, n)
            self._add_root(
                self.now + 60.0 * n,
                author,
                root.text,
                K[root.kind],
                ("negative", "neutral", "positive").index(root.sentiment),
            )
        if inject.reveal_truth:
            self._expose()

    def _expose(self) -> None:
        consequence = exposure(self.history, self.now)
        if consequence is not None:
            self._apply(consequence, "lie_exposed")

    def _apply(self, consequence: Consequence, cause: str) -> None:
        for effect in consequence.effects:
            self.profile.add(effect)
        self.profile.first_public = self.history.first_public
        for at, count in consequence.roots:
            texts = ROOT_TEXTS.get(cause, ROOT_TEXTS["default"])
            for n in range(count):
                author = self.population.top("critic", self._root_serial + n)
                self._add_root(at + 120.0 * (n + 1), author, texts[n % len(texts)], K["quote"], NEG)
            self._root_serial += count

    def _add_root(self, t: float, author: int, text: str, kind: int, sentiment: int) -> None:
        self.root_texts.append(text)
        serial = len(self.root_texts)
        self._root_cols.append(
            t=np.array([t]),
            id=np.array([rand.key(self.seed, 0x5007, serial)], dtype=np.uint64),
            author=np.array([author]),
            platform=np.array([-1]),
            kind=np.array([kind]),
            sentiment=np.array([sentiment]),
            root=np.array([serial - 1]),
        )

    def _schedule_origin(self) -> None:
        platforms = self.scenario.cascade.platforms
        for n, post in enumerate(self.scenario.cascade.origin):
            author = self.population.top("critic", n)
            if post.followers is not None:
                self.population.followers[author] = post.followers
            self._add_root(post.at, author, post.text, K["complaint"], NEG)
            plat = platforms.index(post.platform) if post.platform else 0
            self._root_cols["platform"][-1] = plat

    def _schedule_background(self) -> None:
        rate = self.scenario.cascade.background_rate / 3600.0
        base = rand.key(self.seed, 0xB6)
        count = int(rand.poisson(np.array([rate * self.duration]), rand.uniforms(base, 1, 1))[0])
        self._bg_t = np.sort(np.round(rand.uniforms(base, count, 2) * self.duration, 3))
        self._bg_id = rand.mix64(np.arange(count, dtype=np.uint64) ^ base)

    def _due_roots(self, t0: float, t1: float) -> Roots:
        lo, hi = np.searchsorted(self._bg_t, [t0, t1])
        rc = self._root_cols
        due = (rc["t"] >= t0) & (rc["t"] < t1)
        n_bg = hi - lo
        return Roots(
            t=np.concatenate((rc["t"][due], self._bg_t[lo:hi])),
            id=np.concatenate((rc["id"][due], self._bg_id[lo:hi])),
            author=np.concatenate((rc["author"][due], np.full(n_bg, -1, np.int32))),
            platform=np.concatenate((rc["platform"][due], np.full(n_bg, -1, np.int8))),
            kind=np.concatenate((rc["kind"][due], np.full(n_bg, -1, np.int8))),
            sentiment=np.concatenate((rc["sentiment"][due], np.full(n_bg, -1, np.int8))),
            root=np.concatenate((rc["root"][due], np.full(n_bg, -1, np.int32))),
        )

    def _record_ticks(self, t0: float, t1: float, start: int) -> None:
        """Append one metrics row per tick boundary in (t0, t1], from the posts made there."""
        posts, c = self.cascade.posts, self._counters
        order = start + np.argsort(posts["t"][start:], kind="stable")
        t, sentiment, author = posts["t"][order], posts["sentiment"][order], posts["author"][order]
        kind = posts["kind"][order]
        followers = self.population.followers
        ticks = np.arange(t0 + self.tick, t1 + 1e-9, self.tick)
        ticks[-1] = t1
        cut = np.searchsorted(t, ticks, side="left")
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
        rate, shift = self._rate(ticks), self._shift(ticks)
        r = self.cascade.branching_ratio(rate, shift, self._cap)
        if c.first_post is None and t.size:
            c.first_post = float(t[0])
        last = {
            name: np.where(cut > 0, values[np.maximum(cut - 1, 0)], 0)
            if t.size
            else np.zeros(ticks.size)
            for name, values in cum.items()
        }
        counts = np.diff(cut, prepend=0)
        negatives = np.diff(last["neg"], prepend=0)
        positives = np.diff(last["pos"], prepend=0)
        decay = 0.5 ** (self.tick / SENTIMENT_MEMORY)
        sentiment_index = np.empty(ticks.size)
        for n in range(ticks.size):
            c.ew = [
                c.ew[0] * decay + negatives[n],
                c.ew[1] * decay + positives[n],
                c.ew[2] * decay + counts[n],
            ]
            sentiment_index[n] = 100.0 * (c.ew[1] - c.ew[0]) / c.ew[2] if c.ew[2] else 0.0
        held = np.tile(self._last_forecast, (ticks.size, 1))  # forecasts hold between beats
        if self._on_beat(t1) or t1 >= self.duration - 1e-9:
            self._last_forecast = held[-1] = self._forecast()
        negative = c.negative + last["neg"]
        columns = {
            "t": ticks,
            "negative_mentions": negative,
            "total_mentions": c.total + cut,
            "negative_impressions": c.impressions + last["imp"],
            "followers_involved": c.involved + last["inv"],
            "sentiment_index": sentiment_index,
            "r": r,
            "media_pickup": c.media + last["news"],
            "age": ticks - c.first_post if c.first_post is not None else np.zeros(ticks.size),
            "forecast": negative + held[:, 0],
            "forecast_low": negative + held[:, 1],
            "forecast_high": negative + held[:, 2],
            "posts": start + cut,
        }
        for name, values in columns.items():
            self.timeline[name].extend(np.asarray(values, dtype=np.float64).tolist())
        c.negative = int(negative[-1])
        c.total += int(t.size)
        c.impressions += float(last["imp"][-1])
        c.involved += float(last["inv"][-1])
        c.media += int(last["news"][-1])

    def _forecast(self) -> tuple[float, float, float]:
        """Expected negative mentions still to come if nothing else is done, with a 90% range
        (a branching process's total progeny: variance E^3 / A^2 for A first posts). Each
        coming generation, one mean delay apart, has the R that the known effects, fatigue and
        silence will give it. Valid at the end of a run, where the pending pool is this moment's."""
        c = self._counters
        share = c.ew[0] / c.ew[2] if c.ew[2] else 0.6
        first = self.cascade.pending_mass(self._rate, self._cap)
        if first <= 0.0:
            return (0.0, 0.0, 0.0)
        delay = self.scenario.cascade.mean_delay
        generations = min(FORECAST_GENERATIONS, math.ceil(FORECAST_AHEAD / delay))
        times = self.now + delay * np.arange(1, generations + 1)
        r = self.cascade.branching_ratio(self._rate(times), self._shift(times), self._cap)
        posts = self.cascade.progeny(first, r)
        spread = 1.64 * posts * math.sqrt(posts) / first
        expected = posts * share
        return (expected, max(0.0, expected - spread * share), expected + spread * share)

    def _record(self, row: dict[str, float]) -> None:
        for name, value in row.items():
            self.timeline[name].append(value)
