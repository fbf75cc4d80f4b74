"""The drill: the live feed, the scope, the responses, the clock and the injects."""

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from simulator.catalogue import CATALOGUE
from simulator.durations import format_duration
from simulator.engine import clock
from simulator.engine.engine import Applied, Engine
from simulator.engine.scope import scope_view
from simulator.engine.trajectory import Trajectory, decision_title
from simulator.engine.voices import Voices
from simulator.labels import counted
from simulator.plain import plain
from simulator.scenario.checks import in_play
from simulator.scenario.model import Inject, Scenario
from simulator.scoring.moments import after_detection, detected_at, since_detection
from simulator.tui.keys import ACTION_KEYS, SPEEDS
from simulator.tui.screens.confirm import Confirm
from simulator.tui.screens.inject import InjectModal
from simulator.tui.screens.post import PostModal, TopVoicesModal
from simulator.tui.widgets.feed import Feed
from simulator.tui.widgets.scope import ScopePanel
from simulator.tui.widgets.titled import titled

FRAME = 0.1  # real seconds between clock ticks
STEP = 300.0  # simulated seconds of the "." key
# Skipping a quiet stretch goes window by window until an inject fires or a window brings a
# burst: at least BURST_MIN posts and BURST_FACTOR times those of the window before the skip;
# it stops after SKIP_LIMIT at most (a fading crisis brings no burst, and the end is the debrief).
SKIP_WINDOW = 300.0
BURST_MIN, BURST_FACTOR = 5, 2.0
SKIP_LIMIT = 2 * 3600.0


class DrillScreen(Screen[None]):
    """Every key is a priority binding: it works whatever widget has focus (the feed and the
    picker would otherwise take `end` for their own scrolling)."""

    BINDINGS = [
        Binding("space", "pause", "Pause", priority=True),
        Binding("s", "skip", "Skip quiet", priority=True),
        Binding("plus,equals_sign", "speed(1)", "Faster", priority=True),
        Binding("minus", "speed(-1)", "Slower", priority=True),
        Binding("full_stop", "step", "Step 5m", show=False, priority=True),
        Binding("w", "top_voices", "Top voices", show=False, priority=True),
        Binding("end", "finish", "Finish", key_display="End", priority=True),
        Binding("v", "filter('negative')", "Negative only", show=False, priority=True),
        Binding("i", "filter('influencers')", "Influencers only", show=False, priority=True),
        Binding("q", "quit_drill", "Quit", priority=True),
        *(
            Binding(key, f"act('{action}')", show=False, priority=True)
            for action, key in ACTION_KEYS.items()
        ),
    ]

    running: reactive[bool] = reactive(True, init=False)
    speed: reactive[int] = reactive(1, init=False)
    negative_only: reactive[bool] = reactive(False, init=False)
    influencers_only: reactive[bool] = reactive(False, init=False)
    alert_mark: reactive[str] = reactive("", init=False)  # beside the clock: injects so far

    class DecisionTaken(Message):
        """A decision was applied (an action, or an inject's answer): the drill so far."""

        def __init__(self, engine: Engine) -> None:
            super().__init__()
            self.engine = engine

    class Finished(Message):
        """The clock reached the end of the drill."""

        def __init__(self, engine: Engine) -> None:
            super().__init__()
            self.engine = engine

    def __init__(
        self, scenario: Scenario, seed: int, running: bool = True, engine: Engine | None = None
    ) -> None:
        super().__init__()
        self.scenario, self.seed = scenario, seed
        if engine is None:  # a new drill: the team takes over when it learns of the crisis
            engine = Engine(scenario, seed)
            engine.step(detected_at(scenario))
        self.engine = engine
        self.voices = Voices(scenario, seed)
        self.set_reactive(DrillScreen.running, running)
        self.target = self.engine.now  # simulated time the clock has reached
        self.posts_seen = 0
        self.alerted: set[str] = set(self.engine.fired)  # injects already announced
        self.over = False
        self.facts_told = False
        self.actions = in_play(scenario)
        self.held = False  # the instructor paused the session: only they restart the clock
        self.was_running = running

    def compose(self) -> ComposeResult:
        responses = [
            Option(
                f"[b]{ACTION_KEYS[a]}[/b] {CATALOGUE[a].label} [dim]{CATALOGUE[a].hint}[/dim]", id=a
            )
            for a in self.actions
        ]
        with Horizontal(id="clock-bar"):
            yield Static(id="clock")
            yield Static(id="alerts")
        with Horizontal(id="drill"):
            yield titled(Feed(self.voices, id="feed"), "Feed")
            with Vertical(id="side"):
                yield ScopePanel(id="scope")
                yield titled(OptionList(*responses, id="picker"), "Responses")
                yield titled(Static(id="timeline"), "Decisions (since detection)")
        yield Footer()

    def on_mount(self) -> None:
        self.clock = self.set_interval(FRAME, self.tick, pause=not self.running)
        self.refresh_view()
        if self.engine.awaiting is not None:  # an inject asked before the team took over
            self.ask(self.engine.awaiting)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Response keys work only for the responses in play in this scenario; while the
        instructor holds the session, the keys that move the clock do not."""
        if self.held and action in ("pause", "skip", "step", "finish", "speed"):
            return False
        return action != "act" or parameters[0] in self.actions

    # ----- a session's instructor ------------------------------------------------------------

    def hold(self, on: bool) -> None:
        """The instructor paused (True) or resumed (False) every trainee's clock."""
        if on == self.held or self.over:
            return
        self.held = on
        if on:
            self.was_running, self.running = self.running, False
            self.notify("The instructor has paused the session.", timeout=5)
        else:
            self.running = self.was_running
            self.notify("The instructor has resumed the session.", timeout=5)
        for screen in self.app.screen_stack:
            if isinstance(screen, InjectModal):
                screen.hold(on)
        self.refresh_bindings()

    def bring_on(self, inject_id: str) -> None:
        """The instructor released a timed inject to all: the clock jumps to it now (a drill
        already past it is left as it is; the jump is time passing, so replays stay exact)."""
        inject = next((i for i in self.scenario.injects if i.id == inject_id), None)
        if inject is None or inject.at is None or inject_id in self.engine.fired or self.over:
            return
        if self.engine.awaiting is None:
            at = clock.up(inject.at, self.engine.tick)
            self.target = max(self.target, min(at, self.engine.duration))
            self.advance_to(self.target)

    def end(self) -> None:
        """The instructor ended the session: the drill runs to its end (and its debrief)."""
        self.hold(False)
        if not self.over:
            self.action_finish()

    # ----- the clock ---------------------------------------------------------------------------

    @property
    def rate(self) -> float:
        """Simulated seconds per real second at 1x."""
        return self.scenario.clock.duration / self.scenario.clock.pace

    def tick(self) -> None:
        if self.engine.awaiting is not None:
            return
        self.target = min(self.target + self.speed * self.rate * FRAME, self.engine.duration)
        self.advance_to(self.target)

    def watch_running(self, running: bool) -> None:
        if running:
            self.clock.resume()
        else:
            self.clock.pause()
        self.show_clock()

    def watch_speed(self) -> None:
        self.show_clock()

    def advance_to(self, t: float) -> None:
        """Step the engine to the last tick boundary before t; stop at an inject that asks."""
        grid = clock.down(t, self.engine.tick)
        if grid > self.engine.now or self.engine.finished:
            asked = self.engine.step(grid)
            self.refresh_view()
            if asked is not None:
                self.ask(asked)
                return
        if self.engine.finished and not self.over:
            self.running, self.over = False, True
            self.post_message(self.Finished(self.engine))

    def ask(self, inject: Inject) -> None:
        assert inject.decision is not None
        self.app.push_screen(
            InjectModal(inject, inject.decision.timeout, held=self.held), self.answered
        )

    def answered(self, choice: str | None) -> None:
        """Apply the answer, then go on to where the clock was heading (e.g. the end)."""
        applied = self.engine.answer(choice)
        self.post_message(self.DecisionTaken(self.engine))
        self.refresh_view()
        if choice is None:
            self.notify(
                f"Time ran out: {decision_title(self.scenario, applied)} applied by default.",
                severity="warning",
            )
        self.advance_to(self.target)

    # ----- views -------------------------------------------------------------------------------

    def show_clock(self) -> None:
        """Times count from detection, as everywhere the trainee reads them."""
        e = self.engine
        trajectory = e.trajectory()
        posts = int(trajectory.metrics["total_mentions"])
        state = (
            "⏸ waiting for your answer"
            if e.awaiting is not None
            else "▶ running"
            if self.running
            else "■ paused by the instructor"
            if self.held
            else "■ paused"
        )
        detected = detected_at(self.scenario)
        since = (
            f"{format_duration(e.now - detected)} ago"
            if e.now >= detected
            else f"in {format_duration(detected - e.now)}"
        )
        self.query_one("#clock", Static).update(
            Text(
                f" Detected at T+{format_duration(detected)}, {since} · "
                f"{format_duration(e.duration - e.now)} left · {state} · {self.speed}x · "
                f"{counted(posts, 'post')} · {self.scenario.title}",
                no_wrap=True,
                overflow="ellipsis",
            )
        )

    def refresh_view(self) -> None:
        """Everything the engine's state shows: after a step or a decision."""
        self.show_clock()
        trajectory = self.engine.trajectory()
        self.voices.follow(trajectory)
        new = trajectory.posts_since(self.posts_seen)
        self.posts_seen = trajectory.post_count
        if new:
            self.query_one(Feed).push(new)
        self.show_scope(trajectory)
        self.alert(trajectory)
        recent = trajectory.applied[-4:]
        lines = [f"{self.since(a.t):>6} {self._decision_label(a)}" for a in recent]
        self.query_one("#timeline", Static).update(Text("\n".join(lines) or "No decision yet."))

    def since(self, t: float) -> str:
        """A moment of the drill as the trainee counts it: time since detection."""
        return since_detection(self.scenario, t)

    def show_scope(self, trajectory: Trajectory) -> None:
        """Draw what the team can see; say the facts once, when gather_facts brings them."""
        view = scope_view(trajectory)
        self.query_one(ScopePanel).show(
            view, self.since, lambda account: self.voices.person(account).handle
        )
        if view.facts and not self.facts_told:
            self.facts_told = True
            self.notify(view.facts, title="The facts are in", timeout=15)

    def _decision_label(self, applied: Applied) -> str:
        default = " (default)" if applied.by == "default" else ""
        return decision_title(self.scenario, applied) + default

    def alert(self, trajectory: Trajectory) -> None:
        """Every inject that fired since the last look: a notification (short when the inject
        asks: its dialog tells the rest) and a mark beside the clock (how many so far)."""
        new = [
            i
            for i in self.scenario.injects
            if i.id in trajectory.fired and i.id not in self.alerted
        ]
        if trajectory.finished:  # fired on the way to the end: the debrief tells the rest
            self.alerted.update(i.id for i in new)
            new = []
        for inject in new:
            self.alerted.add(inject.id)
            asks = " · it asks a decision" if inject.decision else ""
            self.notify(
                "Answer it in the dialog." if inject.decision else plain(inject.text),
                title=f"⚠ Inject {self.since(trajectory.fired[inject.id])}: "
                f"{plain(inject.title)}{asks}",
                severity="warning",
                markup=False,
                timeout=12,
            )
        if self.alerted:
            self.alert_mark = f" ⚠ {len(self.alerted)} "

    def watch_alert_mark(self, mark: str) -> None:
        self.query_one("#alerts", Static).update(mark)

    # ----- actions -----------------------------------------------------------------------------

    def act_now(self, action: str) -> None:
        if self.engine.finished:
            return
        self.engine.act(action)
        self.post_message(self.DecisionTaken(self.engine))
        spec = CATALOGUE[action]
        busy = f" (the team is busy {format_duration(spec.busy)})" if spec.busy else ""
        self.notify(f"{spec.label} at {after_detection(self.scenario, self.engine.now)}{busy}")
        self.refresh_view()

    def action_act(self, action: str) -> None:
        self.act_now(action)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.act_now(event.option.id)

    def action_pause(self) -> None:
        self.running = not self.running

    def action_speed(self, change: int) -> None:
        n = SPEEDS.index(self.speed) + change
        self.speed = SPEEDS[max(0, min(len(SPEEDS) - 1, n))]

    def action_step(self) -> None:
        self.target = min(self.engine.now + STEP, self.engine.duration)
        self.advance_to(self.target)

    def action_skip(self) -> None:
        """Skip a quiet stretch: on to the next inject or burst of posts (at most SKIP_LIMIT)."""
        engine = self.engine
        if engine.awaiting is not None or engine.finished:
            return
        posts = engine.trajectory().posts["t"]
        burst = max(BURST_MIN, BURST_FACTOR * np.count_nonzero(posts >= engine.now - SKIP_WINDOW))
        fired, start, before = len(engine.fired), engine.now, len(posts)
        limit = min(engine.duration, start + SKIP_LIMIT)
        asked = None
        while asked is None and len(engine.fired) == fired and not clock.reached(engine.now, limit):
            count = engine.trajectory().post_count
            asked = engine.step(min(engine.now + SKIP_WINDOW, limit))
            if engine.trajectory().post_count - count >= burst:
                break
        self.target = engine.now
        self.refresh_view()
        if asked is not None:
            self.ask(asked)
        elif clock.reached(engine.now, start + SKIP_LIMIT):
            new = engine.trajectory().post_count - before
            self.notify(
                f"Skipped {self.since(start)} to {self.since(engine.now)}: {new:,} new posts, "
                f"no inject and no burst ({burst:,}+ posts in {format_duration(SKIP_WINDOW)})."
            )
        self.advance_to(self.target)

    def action_top_voices(self) -> None:
        trajectory = self.engine.trajectory()
        if not trajectory.revealed("analyse_scope"):
            self.notify("The top voices need the scope analysed first (a).", severity="warning")
            return
        self.app.push_screen(TopVoicesModal(trajectory, self.voices))

    def on_feed_opened(self, event: Feed.Opened) -> None:
        self.app.push_screen(PostModal(self.engine.trajectory(), self.voices, event.post))

    def action_finish(self) -> None:
        self.target = self.engine.duration
        self.advance_to(self.target)

    def action_filter(self, which: str) -> None:
        if which == "negative":
            self.negative_only = not self.negative_only
        else:
            self.influencers_only = not self.influencers_only

    def watch_negative_only(self) -> None:
        self.show_filters()

    def watch_influencers_only(self) -> None:
        self.show_filters()

    def show_filters(self) -> None:
        feed = self.query_one(Feed)
        feed.set_filters(negative_only=self.negative_only, influencers_only=self.influencers_only)
        filters = (("negative only", self.negative_only), ("influencers", self.influencers_only))
        shown = [name for name, on in filters if on]
        feed.border_title = "Feed" + (f" · {' + '.join(shown)}" if shown else "")

    def action_quit_drill(self) -> None:
        was = self.running
        self.running = False

        def done(yes: bool | None) -> None:
            if yes:
                self.app.exit()
            else:
                self.running = was

        self.app.push_screen(
            Confirm("Quit the drill? It is saved: `crisis-drill play --resume` continues it."), done
        )
