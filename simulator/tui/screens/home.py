"""Home: the scenario library, a seed, and the way into a drill."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from simulator.durations import format_duration
from simulator.scenario.model import Scenario


def describe(s: Scenario) -> str:
    objectives = "\n".join(f"  • {o.text}" for o in s.objectives)
    return (
        f"[b]{s.title}[/b]  ({s.id} v{s.version})\n\n"
        f"Brand: {s.brand.name} {s.brand.handle}\n"
        f"SCCT cluster: {s.crisis.cluster} · difficulty: {s.difficulty} · "
        f"{format_duration(s.clock.duration)} simulated\n\n"
        f"Learning objectives:\n{objectives}"
    )


class HomeScreen(Screen[None]):
    BINDINGS = [Binding("enter", "start", "Start drill", priority=False)]

    def __init__(self, scenarios: list[Scenario]) -> None:
        super().__init__()
        self.scenarios = scenarios

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home"):
            with Vertical(id="library"):
                yield Label("Scenario library", classes="section")
                yield OptionList(
                    *(
                        Option(
                            f"{s.title}\n  {s.crisis.cluster} · {s.difficulty} · "
                            f"{format_duration(s.clock.duration)}",
                            id=s.id,
                        )
                        for s in self.scenarios
                    ),
                    id="scenarios",
                )
                yield Label("Seed (the same seed gives the same crisis)", classes="section")
                yield Input("1", id="seed", type="integer", placeholder="seed")
            yield Static(id="details")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#scenarios", OptionList).highlighted = 0

    def _selected(self) -> Scenario:
        index = self.query_one("#scenarios", OptionList).highlighted or 0
        return self.scenarios[index]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#details", Static).update(describe(self._selected()))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_start()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_start()

    def action_start(self) -> None:
        raw = self.query_one("#seed", Input).value.strip()
        if not raw.lstrip("-").isdigit():
            self.notify("The seed is a whole number, like 1 or 42.", severity="error")
            return
        self.app.open_briefing(self._selected(), int(raw))  # type: ignore[attr-defined]
