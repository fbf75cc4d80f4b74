"""The drill: the live feed, the scope, the responses, the clock and the injects."""

import math

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
from simulator.engine.engine import Applied, Engine
from simulator.engine.voices import Voices
from simulator.plain import plain
from simulator.scenario.checks import in_play
from simulator.scenario.model import Inject, Scenario
from simulator.tui.keys import ACTION_KEYS, SPEEDS
from simulator.tui.screens.confirm import Confirm
from simulator.tui.screens.inject import InjectModal
from simulator.tui.widgets.feed import Feed
from simulator.tui.widgets.scope import ScopePanel
from simulator.tui.widgets.titled import titled

FRAME = 0.1  # real seconds between clock ticks
STEP = 300.0  # simulated seconds of the "." key


class DrillScreen(Screen[None]):
    """Every key is a priority binding: it works whatever widget has focus (the feed and the
    picker would otherwise take `end` for their own scrolling)."""

    BINDINGS = [
        Binding("space", "pause", "Pause/resume", priority=True),
        Binding("plus,equals_sign", "speed(1)", "Faster", priority=True),
        Binding("minus", "speed(-1)", "Slower", priority=True),
        Binding("full_stop", "step", "Step 5m", show=False, priority=True),
        Binding("end", "finish", "Finish", priority=True),
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
        self.engine = engine or Engine(scenario, seed)
        self.voices = Voices(scenario, seed)
        self.set_reactive(DrillScreen.running, running)
        self.target = self.engine.now  # simulated time the clock has reached
        self.posts_seen = 0
        self.over = False
        self.actions = in_play(scenario)

    def compose(self) -> ComposeResult:
        responses = [
            Option(
                f"[b]{ACTION_KEYS[a]}[/b] {CATALOGUE[a].label} [dim]{CATALOGUE[a].hint}[/dim]", id=a
            )
            for a in self.actions
        ]
        yield Static(id="clock")
        with Horizontal(id="drill"):
            yield titled(Feed(self.voices, id="feed"), "Feed")
            with Vertical(id="side"):
                yield ScopePanel(id="scope")
                yield titled(OptionList(*responses, id="picker"), "Responses")
                yield titled(Static(id="timeline"), "Decisions")
        yield Footer()

    def on_mount(self) -> None:
        self.clock = self.set_interval(FRAME, self.tick, pause=not self.running)
        self.refresh_view()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Response keys work only for the responses in play in this scenario."""
        return action != "act" or parameters[0] in self.actions

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
        grid = math.floor(t / self.engine.tick + 1e-9) * self.engine.tick
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
        self.notify(plain(inject.title), title="Inject", severity="warning", markup=False)
        self.app.push_screen(InjectModal(inject, inject.decision.timeout), self.answered)

    def answered(self, choice: str | None) -> None:
        """Apply the answer, then go on to where the clock was heading (e.g. the end)."""
        applied = self.engine.answer(choice)
        self.post_message(self.DecisionTaken(self.engine))
        self.refresh_view()
        if choice is None:
            self.notify(f"Time ran out: {applied.choice} applied by default.", severity="warning")
        self.advance_to(self.target)

    # ----- views -------------------------------------------------------------------------------

    def show_clock(self) -> None:
        e = self.engine
        trajectory = e.trajectory()
        state = "▶ running" if self.running else "■ paused"
        self.query_one("#clock", Static).update(
            f" {self.scenario.title} · T+{format_duration(e.now)} of "
            f"{format_duration(e.duration)} · {state} · {self.speed}x · "
            f"{int(trajectory.metrics['total_mentions']):,} posts so far"
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
        self.query_one(ScopePanel).show(trajectory)
        recent = trajectory.applied[-4:]
        lines = [f"{format_duration(a.t):>6} {self._decision_label(a)}" for a in recent]
        self.query_one("#timeline", Static).update("\n".join(lines) or "No decision yet.")

    @staticmethod
    def _decision_label(applied: Applied) -> str:
        if applied.inject is not None:
            return f"{applied.inject} → {applied.choice}" + (
                " (default)" if applied.by == "default" else ""
            )
        return CATALOGUE[applied.action].label

    # ----- actions -----------------------------------------------------------------------------

    def act_now(self, action: str) -> None:
        if self.engine.finished:
            return
        self.engine.act(action)
        self.post_message(self.DecisionTaken(self.engine))
        spec = CATALOGUE[action]
        busy = f" (the team is busy {format_duration(spec.busy)})" if spec.busy else ""
        self.notify(f"{spec.label} at T+{format_duration(self.engine.now)}{busy}")
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
