"""Briefing: the brand, the situation, the objectives and the keys, before the clock starts."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown

from simulator.durations import format_duration
from simulator.scenario.model import Scenario


def briefing_text(s: Scenario, seed: int) -> str:
    objectives = "\n".join(f"- {o.text}" for o in s.objectives)
    return f"""# {s.title}

**{s.brand.name}** ({s.brand.handle}, {s.brand.followers:,} followers) · seed {seed}

## The situation

{s.crisis.summary.strip()}

The team learned of it **{format_duration(s.crisis.detected_at)} after it started** (the clock
shows "detected at T+{format_duration(s.crisis.detected_at)}"); the golden hour, and every time
you read in the drill and the debrief, count from that moment. What really happened is for you
to find out: gather the facts.

## Your objectives

{objectives}

## How it works

The crisis plays out over {format_duration(s.clock.duration)} of simulated time (about
{format_duration(s.clock.pace)} at 1x). Pick responses with their keys (the picker on the right
lists them); questions from journalists and others pause the clock. `space` pauses, `+`/`-`
change speed, `?` shows every key. At the end you see what each choice did, and why.

**Press `enter` to start the clock.**
"""


class BriefingScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "start", "Start the drill"),
        Binding("escape", "back", "Back"),
    ]

    class DrillRequested(Message):
        """The trainee is ready: start the clock on this scenario and seed."""

        def __init__(self, scenario: Scenario, seed: int) -> None:
            super().__init__()
            self.scenario, self.seed = scenario, seed

    def __init__(self, scenario: Scenario, seed: int) -> None:
        super().__init__()
        self.scenario, self.seed = scenario, seed

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="briefing"):
            yield Markdown(briefing_text(self.scenario, self.seed))
        yield Footer()

    def action_start(self) -> None:
        self.post_message(self.DrillRequested(self.scenario, self.seed))

    def action_back(self) -> None:
        self.app.pop_screen()
