"""The live crisis: step simulated time, act, answer injects; everything else is derived."""

import copy
import math

from simulator.catalogue import CATALOGUE, LIE_EXPOSED_AFTER
from simulator.engine import clock
from simulator.engine.cascade import Cascade
from simulator.engine.effects import Effect, Profile
from simulator.engine.forecast import Forecaster
from simulator.engine.kernels import make_kernel
from simulator.engine.metrics import Recorder
from simulator.engine.population import build_population
from simulator.engine.responses import Consequence, History, exposure, respond
from simulator.engine.roots import ORIGIN_WAVE, RootSchedule, cast_origin
from simulator.engine.trajectory import Applied, ReplayError, Trajectory, frozen_view
from simulator.scenario.checks import in_play
from simulator.scenario.conditions import parse_condition
from simulator.scenario.model import Inject, Scenario

__all__ = ["Applied", "Engine", "ReplayError"]


class Engine:
    """A drill in progress on one scenario and seed."""

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self.scenario = scenario
        self.seed = seed
        self.duration = scenario.clock.duration
        self.tick = scenario.clock.tick
        self.beat = clock.beat_of(self.tick)
        cascade = scenario.cascade
        self.population = build_population(scenario.audience, seed, scenario.brand.followers)
        origin_authors = cast_origin(scenario, self.population)  # before the cascade's weights
        kernel = make_kernel(cascade.kernel, cascade.mean_delay)
        self.cascade = Cascade.for_scenario(scenario, self.population, kernel, seed)
        origin_at = min(post.at for post in cascade.origin)
        self.profile = Profile(scenario.crisis.detected_at, cascade.fatigue_half_life, origin_at)
        self.history = History()
        self.now = 0.0
        self.applied: list[Applied] = []
        self.awaiting: Inject | None = None
        self.fired: dict[str, float] = {}
        self.roots = RootSchedule(
            scenario, self.population, seed, origin_authors, self.profile.wave
        )
        forecaster = Forecaster(
            self.cascade,
            self.profile,
            kernel,
            end=self.duration,
            background=cascade.background_rate / 3600.0,
        )
        self.recorder = Recorder(
            self.cascade,
            self.profile,
            forecaster,
            self.roots.after,
            tick=self.tick,
            beat=self.beat,
            end=self.duration,
        )
        self._conditions = {i.id: parse_condition(i.when) for i in scenario.injects if i.when}
        self._truth_inject = any(i.reveal_truth for i in scenario.injects)
        self._mean_followers = self.population.mean_followers
        self._cap = 1.0

    # ----- public API -------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.now >= self.duration - clock.EPS

    def step(self, until: float) -> Inject | None:
        """Advance to `until` (rounded up to the tick grid) and fire what is due there; stop
        early at an inject that asks a decision (returned; unanswered, it takes its default
        on the next step). Stepping in one call or many gives the same trajectory."""
        until = min(clock.up(until, self.tick), self.duration)
        while True:
            if self.awaiting is not None:
                if clock.reached(self.now, until):
                    return self.awaiting
                self.answer(None)
            asked = self._boundary()
            if asked is not None or clock.reached(self.now, until):
                return asked
            self._advance(self._next_stop(until))

    def act(
        self,
        action: str,
        by: str = "trainee",
        *,
        inject: str | None = None,
        choice: str | None = None,
    ) -> Applied:
        """Apply an action now (by the trainee, an inject's default...; `inject` and `choice`
        name the question it answers); it affects only the future."""
        if action not in in_play(self.scenario) and action != "none":
            raise ValueError(f'action "{action}" is not in play in this scenario')
        if action == "none":
            applied = Applied(self.now, action, by, inject, choice)
        else:
            consequence = respond(self.scenario, self.history, action, self.now)
            waves = self._apply(consequence)
            spec = CATALOGUE[action]
            if spec.public:  # its own post: a mistake's joins the wave the mistake starts
                wave = waves[0] if spec.hostile and waves else ORIGIN_WAVE
                self.roots.brand_post(self.now, action, wave)
            applied = Applied(
                self.now,
                action,
                by,
                strength=round(consequence.strength, 4),
                notes=tuple(consequence.notes),
                inject=inject,
                choice=choice,
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
        fixed: tuple[object, ...] = (self.scenario, pop.role, pop.activity, pop.author_cdf)
        fixed += (pop.drawn, pop.ranked, self.cascade.w)
        memo: dict[int, object] = {id(x): x for x in fixed}
        return copy.deepcopy(self, memo)

    def forecast_only_at(self, t: float) -> None:
        """A headless run that reads only its row at t (a scoring branch, a baseline) skips
        the forecasts of the beats before it (the costliest part of a run); every other
        metric, and the forecast at t, are exactly those of a full run. Rows before t then
        hold a stale forecast: use only on engines nobody shows."""
        self.recorder.fresh_only_at = t

    def run_to_end(self) -> None:
        while not self.finished:
            self.step(self.duration)

    # ----- views -------------------------------------------------------------------------------

    def trajectory(self) -> Trajectory:
        """The drill as data at this moment (read-only views: cheap, taken every frame)."""
        timeline, posts = self.recorder.timeline, self.cascade.posts
        return Trajectory(
            scenario=self.scenario,
            seed=self.seed,
            now=self.now,
            beat=self.beat,
            timeline={name: frozen_view(timeline[name]) for name in timeline.fields},
            applied=tuple(self.applied),
            fired=dict(self.fired),
            posts={name: frozen_view(posts[name]) for name in posts.fields},
            root_texts=tuple(self.roots.texts),
            inject_roots=dict(self.roots.injects),
            followers=frozen_view(self.population.followers),
            roles=frozen_view(self.population.role),
            mean_followers=self._mean_followers,
            done_at=dict(self.history.done_at),
            first_public=self.history.first_public,
            inconsistent=self.history.inconsistent,
            events=tuple((e.start, e.source) for e in self.profile.effects),
        )

    def metrics(self) -> dict[str, float]:
        """The latest metrics row."""
        return self.recorder.latest()

    def digest(self) -> str:
        """sha256 of the canonical trajectory (see `Trajectory.digest`)."""
        return self.trajectory().digest

    # ----- internals ---------------------------------------------------------------------------

    def _next_stop(self, until: float) -> float:
        """The next moment something may change: a beat, a timed inject, an exposure."""
        stop = min(until, clock.after(self.now, self.beat))
        for inject in self.scenario.injects:
            if inject.at is not None and inject.id not in self.fired:
                at = clock.up(inject.at, self.tick)
                if not clock.reached(self.now, at):
                    stop = min(stop, at)
        if self.history.lied_at is not None and not self.history.exposed:
            stop = min(stop, max(self._exposure_at(), self.now + self.tick))
        return stop

    def _exposure_at(self) -> float:
        lied = self.history.lied_at
        if lied is None or self._truth_inject:
            return math.inf
        return clock.up(lied + LIE_EXPOSED_AFTER, self.tick)

    def _advance(self, stop: float) -> None:
        t0 = self.now
        start = len(self.cascade.posts)
        roots = self.roots.due(t0, stop)
        self.cascade.run(stop, roots, self.profile.rate, self.profile.shift, self._cap)
        self.now = stop
        self.recorder.record(t0, stop, start, self._cap)

    def _boundary(self) -> Inject | None:
        """Fire what is due at this moment: injects, exposures. Returns an inject that asks.
        Condition injects and the audience cap are looked at on the beat only."""
        if clock.reached(self.now, self._exposure_at()):
            self._expose()
        on_beat = clock.on(self.now, self.beat)
        if on_beat:
            self._cap = self.cascade.cap()
        latest = self.metrics()
        for inject in self.scenario.injects:
            if inject.id in self.fired:
                continue
            timed = inject.at is not None and clock.reached(
                self.now, clock.up(inject.at, self.tick)
            )
            if timed or (
                on_beat
                and inject.id in self._conditions
                and self._conditions[inject.id].holds(latest)
            ):
                self._fire(inject)
                if inject.decision is not None:
                    self.awaiting = inject
                    return inject
        return None

    def _fire(self, inject: Inject) -> None:
        self.fired[inject.id] = self.now
        if inject.multiplier != 1.0:
            self.profile.add(Effect(self.now, inject.multiplier, 0.0, inject.half_life, inject.id))
        self.roots.inject(inject, self.now)
        if inject.reveal_truth:
            self._expose()

    def _expose(self) -> None:
        consequence = exposure(self.history, self.now)
        if consequence is not None:
            self._apply(consequence)

    def _apply(self, consequence: Consequence) -> list[int]:
        """Apply a consequence's effects and roots; returns the waves its roots started."""
        for effect in consequence.effects:
            self.profile.add(effect)
        self.profile.first_public = self.history.first_public
        return self.roots.consequence(consequence.roots)
