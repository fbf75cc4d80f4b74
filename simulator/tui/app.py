"""The crisis-drill terminal app: home, briefing, drill, debrief, help."""

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from simulator.durations import format_duration
from simulator.library import Library
from simulator.plain import plain
from simulator.session import sessions
from simulator.store import (
    CodeError,
    DrillRecord,
    Store,
    StoreError,
    make_code,
    open_store,
    resolve_code,
)
from simulator.store.records import now_iso
from simulator.tui.player import DEFAULT_PLAYER, Player, remember
from simulator.tui.screens.home import HomeScreen

if TYPE_CHECKING:  # pydantic, the engine, scoring and drill screens load when a drill starts
    from simulator.scenario.model import Scenario
    from simulator.tui.screens.briefing import BriefingScreen
    from simulator.tui.screens.debrief import DebriefScreen
    from simulator.tui.screens.drill import DrillScreen

# Okabe-Ito colours on black: safe for the common colour-vision deficiencies.
HIGH_CONTRAST = Theme(
    name="crisis-high-contrast",
    primary="#56B4E9",
    secondary="#F0E442",
    accent="#E69F00",
    warning="#F0E442",
    error="#E69F00",
    success="#56B4E9",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    dark=True,
)
DEFAULT_THEME = "textual-dark"
NEXT_DECISION = "the drill goes on; it is saved whole at your next decision"


class CrisisDrillApp(App[None]):
    """`library`: the scenarios; `data_dir`: reports (and the store, unless one is given)."""

    CSS_PATH = "app.tcss"
    TITLE = "crisis-drill"
    SUB_TITLE = "social-media crisis simulator"
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help"),
        Binding("f2", "toggle_contrast", "High contrast"),
        Binding("ctrl+q", "quit", "Quit", show=False),
    ]

    def __init__(
        self,
        library: Library,
        data_dir: Path,
        *,
        store: Store | None = None,
        player: Player = DEFAULT_PLAYER,  # the home screen's fields start with it
        start: "tuple[Scenario, int] | None" = None,
        resume: DrillRecord | None = None,
        autostart: bool = True,
        high_contrast: bool = False,
        session: sessions.Session | None = None,  # the instructor's session the drills join
    ) -> None:
        super().__init__()
        self.library = library
        self.data_dir = data_dir
        self.store = store or open_store(None, data_dir)
        self.player = player
        self.start = start
        self.resume = resume
        self.autostart = autostart
        self.current: DrillRecord | None = None  # the drill being played, saved as it goes
        self.session = session
        self.brought: set[str] = set()  # injects the instructor released that this drill had
        self.decided = now_iso()  # wall time of the drill's last decision (the watch's "stuck")
        self.register_theme(HIGH_CONTRAST)
        self.theme = HIGH_CONTRAST.name if high_contrast else DEFAULT_THEME

    def get_default_screen(self) -> Screen:
        """Home is the bottom of the stack (no blank screen to compose and paint first)."""
        return HomeScreen(self.library, self.store, self.player)

    def on_mount(self) -> None:
        self.set_interval(sessions.POLL_S, self.poll_session)
        if self.resume is not None:
            self.resume_drill(self.resume)
        elif self.session is not None:
            self.join(self.session)
        elif self.start is not None:
            self.open_briefing(*self.start)

    # ----- a session: join it, say where the drill is, follow the instructor -------------------

    def join(self, session: sessions.Session) -> None:
        """Brief the trainee on the session's crisis; the drill will carry the session."""
        try:
            scenario, code = resolve_code(session.drill_code, self.library)
        except CodeError as err:
            self.notify(plain(err), severity="error", markup=False)
            return
        if session.state == "ended":
            self.notify(f"Session {session.code} has ended.", severity="error")
            return
        self.session, self.brought = session, set()
        self.open_briefing(scenario, code.seed)

    def on_home_screen_session_requested(self, event: HomeScreen.SessionRequested) -> None:
        if event.player != self.player:
            self.player = event.player
            remember(self.data_dir, event.player)
        try:
            session = sessions.load(self.store, event.code)
        except sessions.SessionError as err:
            self.notify(plain(err), severity="error", markup=False)
            return
        self.join(session)

    def poll_session(self) -> None:
        """Every POLL_S while a session's drill is played: say where it is, read the
        instructor's state and follow it (pause, release an inject, end)."""
        from simulator.tui.screens.drill import DrillScreen

        record = self.current
        drill = next((s for s in self.screen_stack if isinstance(s, DrillScreen)), None)
        if self.session is None or record is None or record.id is None or drill is None:
            return
        engine = drill.engine
        metrics = engine.metrics()
        live = sessions.Live(
            t=engine.now,
            forecast=float(metrics["forecast"]),
            negative=float(metrics["negative_mentions"]),
            seen=now_iso(),
            decided=self.decided,
            waiting=engine.awaiting is not None,
        )
        try:
            sessions.heartbeat(self.store, record.id, live)
            session = self.session = sessions.load(self.store, self.session.code)
        except StoreError as err:  # the next poll tries again
            self.notify(f"Session not reached: {plain(err)}", severity="warning", markup=False)
            return
        drill.hold(session.state == "paused")
        for inject in session.released:
            if inject not in self.brought:
                self.brought.add(inject)
                drill.bring_on(inject)
        if session.state == "ended":
            drill.end()

    def scenario(self, record: DrillRecord) -> "Scenario | None":
        """The library's scenario of a record, if it is still the version it was played on."""
        try:
            return resolve_code(record.code, self.library)[0]
        except CodeError as err:
            self.notify(plain(err), severity="error", markup=False)
            return None

    # ----- navigation: the screens post what the trainee asks, the app decides where to go ----

    def open_briefing(self, scenario: "Scenario", seed: int) -> None:
        from simulator.tui.screens.briefing import BriefingScreen

        self.push_screen(BriefingScreen(scenario, seed))

    def on_home_screen_briefing_requested(self, event: HomeScreen.BriefingRequested) -> None:
        self.session = None  # a scenario or a drill code from home: a drill of one's own
        if event.player != self.player:
            self.player = event.player
            remember(self.data_dir, event.player)
        self.open_briefing(event.scenario, event.seed)

    def on_briefing_screen_drill_requested(self, event: "BriefingScreen.DrillRequested") -> None:
        from simulator.tui.screens.drill import DrillScreen

        session = self.session.code if self.session is not None else None
        self.current = DrillRecord.start(
            make_code(event.scenario, event.seed), self.player.name, self.player.team, session
        )
        self.keep(self.current)
        self.decided = now_iso()
        self.switch_screen(DrillScreen(event.scenario, event.seed, running=self.autostart))

    def keep(self, record: DrillRecord, unsaved: str = NEXT_DECISION) -> None:
        """Save the drill being played. A store that refuses it (locked past the wait,
        read-only, full) is a notification saying so and what `unsaved` means; play goes on."""
        try:
            if record.id is None:
                self.store.save(record)
            else:
                self.store.update(record)
        except StoreError as err:
            self.notify(
                f"Not saved ({unsaved}): {plain(err)}",
                title="Store",
                severity="error",
                markup=False,
            )

    def resume_drill(self, record: DrillRecord) -> None:
        """Continue an unfinished drill where its last decision left it, clock paused."""
        scenario = self.scenario(record)
        if scenario is None:
            return
        from simulator.engine.runner import replay
        from simulator.tui.screens.drill import DrillScreen

        self.current = record
        if record.session is not None:  # it follows its session again
            try:
                self.session = sessions.load(self.store, record.session)
            except sessions.SessionError:
                self.session = None
        engine = replay(scenario, record.seed, record.log, to_end=False)
        self.push_screen(DrillScreen(scenario, record.seed, running=False, engine=engine))
        self.notify(f"Resumed at T+{format_duration(engine.now)} with {len(record.log)} decisions")

    def on_drill_screen_decision_taken(self, event: "DrillScreen.DecisionTaken") -> None:
        """After every decision: the drill survives a crash or a kill."""
        engine = event.engine
        if self.current is not None:
            self.current.set_log(engine.trajectory().applied)
            self.keep(self.current)
            self.decided = now_iso()

    def on_drill_screen_finished(self, event: "DrillScreen.Finished") -> None:
        from simulator.tui.screens.debrief import DebriefScreen

        engine = event.engine
        self.switch_screen(DebriefScreen(engine, self.data_dir / "reports", self.current))

    def on_debrief_screen_drill_scored(self, event: "DebriefScreen.DrillScored") -> None:
        """A drill played here is stored finished once scored (a reopened one already is)."""
        if self.current is not None and self.current.status != "done":
            self.current.finish(event.scored)
            self.keep(self.current, "its score is shown here but not stored")

    def on_home_screen_record_opened(self, event: HomeScreen.RecordOpened) -> None:
        """A stored drill's debrief: replayed (exactly) and scored again."""
        from simulator.engine.runner import replay
        from simulator.tui.screens.debrief import DebriefScreen

        record = event.record
        scenario = self.scenario(record)
        if scenario is not None:
            self.current = record
            self.push_screen(
                DebriefScreen(
                    replay(scenario, record.seed, record.log), self.data_dir / "reports", record
                )
            )

    def on_home_screen_leaderboard_requested(self) -> None:
        from simulator.tui.screens.leaderboard import LeaderboardScreen

        self.push_screen(LeaderboardScreen(self.store, None, None))

    def on_debrief_screen_leaderboard_requested(
        self, event: "DebriefScreen.LeaderboardRequested"
    ) -> None:
        from simulator.tui.screens.leaderboard import LeaderboardScreen

        self.push_screen(LeaderboardScreen(self.store, event.record.code, event.record))

    def on_debrief_screen_home_requested(self) -> None:
        self.current = None
        self.session = None  # a session is one drill: the next one joins again
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_recent()  # the drill just played is one of them

    def ask_preview(self) -> None:
        from simulator.tui.screens.preview import PathModal

        self.push_screen(PathModal(), self.open_preview)

    def open_preview(self, path: str | None) -> None:
        from simulator.tui.screens.preview import PreviewScreen

        if path:
            self.push_screen(PreviewScreen(Path(path).expanduser()))

    def on_preview_screen_closed(self) -> None:
        self.pop_screen()

    # ----- app-wide actions --------------------------------------------------------------------

    def action_help(self) -> None:
        from simulator.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_contrast(self) -> None:
        high = self.theme != HIGH_CONTRAST.name
        self.theme = HIGH_CONTRAST.name if high else DEFAULT_THEME

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key, and the playbook", self.action_help)
        yield SystemCommand(
            "High-contrast theme", "Colour-blind-safe colours on black", self.action_toggle_contrast
        )
        if isinstance(screen, HomeScreen):
            yield SystemCommand(
                "Preview a scenario file",
                "Its problems, timeline and a dry run, reloaded as you edit it",
                self.ask_preview,
            )
        from simulator.tui.screens.drill import DrillScreen

        if isinstance(screen, DrillScreen):
            yield SystemCommand("Pause or resume", "Stop or start the clock", screen.action_pause)
            yield SystemCommand("Faster", "Speed the clock up", lambda: screen.action_speed(1))
            yield SystemCommand("Slower", "Slow the clock down", lambda: screen.action_speed(-1))
            yield SystemCommand("Finish the drill", "Run to the end", screen.action_finish)
