"""The crisis-drill terminal app: home, briefing, drill, debrief, help."""

from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from simulator.engine.engine import Engine
from simulator.scenario.model import Scenario
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.drill import DrillScreen
from simulator.tui.screens.help import HelpScreen
from simulator.tui.screens.home import HomeScreen

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


class CrisisDrillApp(App[None]):
    """`scenarios`: the library; `data_dir`: where reports are saved."""

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
        scenarios: list[Scenario],
        data_dir: Path,
        *,
        start: tuple[Scenario, int] | None = None,
        autostart: bool = True,
        high_contrast: bool = False,
    ) -> None:
        super().__init__()
        self.scenarios = scenarios
        self.data_dir = data_dir
        self.start = start
        self.autostart = autostart
        self.register_theme(HIGH_CONTRAST)
        self.theme = HIGH_CONTRAST.name if high_contrast else DEFAULT_THEME

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.scenarios))
        if self.start is not None:
            self.open_briefing(*self.start)

    # ----- navigation --------------------------------------------------------------------------

    def open_briefing(self, scenario: Scenario, seed: int) -> None:
        self.push_screen(BriefingScreen(scenario, seed))

    def start_drill(self, scenario: Scenario, seed: int) -> None:
        self.switch_screen(DrillScreen(scenario, seed, running=self.autostart))

    def show_debrief(self, engine: Engine) -> None:
        self.switch_screen(DebriefScreen(engine, self.data_dir / "reports"))

    def go_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.switch_screen(HomeScreen(self.scenarios))

    # ----- app-wide actions --------------------------------------------------------------------

    def action_help(self) -> None:
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
        if isinstance(screen, DrillScreen):
            yield SystemCommand("Pause or resume", "Stop or start the clock", screen.action_pause)
            yield SystemCommand("Faster", "Speed the clock up", lambda: screen.action_speed(1))
            yield SystemCommand("Slower", "Slow the clock down", lambda: screen.action_speed(-1))
            yield SystemCommand("Finish the drill", "Run to the end", screen.action_finish)
