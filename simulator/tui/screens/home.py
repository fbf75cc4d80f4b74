"""Home: the scenario library, a seed or a drill code, and the recent drills."""

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from simulator.durations import format_duration
from simulator.library import Card, Library
from simulator.plain import NAME_MAX, plain
from simulator.session.sessions import is_session_code
from simulator.store import CodeError, DrillRecord, Store, StoreError, resolve_code
from simulator.tui.player import Player
from simulator.tui.widgets.titled import titled

if TYPE_CHECKING:  # pydantic loads when a drill starts
    from simulator.scenario.model import Scenario

RECENT = 8


def describe(card: Card) -> str:
    e = escape_plain
    objectives = "\n".join(f"  • {e(text)}" for text in card.objectives)
    return (
        f"[b]{e(card.title)}[/b]  ({card.id} v{e(card.version)})\n\n"
        f"Brand: {e(card.brand)} {e(card.handle)}\n"
        f"SCCT cluster: {card.cluster} · difficulty: {card.difficulty} · "
        f"{format_duration(card.duration)} simulated · in {language(card.locale)}\n\n"
        f"Learning objectives:\n{objectives}"
    )


LANGUAGES = {"en": "English", "es": "Spanish", "de": "German", "fr": "French"}


def language(locale: str) -> str:
    """The language a scenario's texts are in, as a trainee reads it: "French"."""
    code = locale.split("_")[0]
    return LANGUAGES.get(code, code)


def escape_plain(text: str) -> str:
    """A scenario's text inside markup: plain, with its brackets escaped."""
    return escape(plain(text))


def recent_row(r: DrillRecord) -> Text:
    """A recent drill as plain text: its score, who played it and its code."""
    return Text(plain(f"{r.score.get('total', 0):>5.1f}  {r.name} ({r.team})  {r.code}"))


class HomeScreen(Screen[None]):
    """`library`: the scenarios by id, in the order shown (drill codes resolve against it)."""

    BINDINGS = [
        Binding("enter", "start", "Start drill", priority=False),
        Binding("l,f3", "leaderboard", "Leaderboard"),
    ]

    class BriefingRequested(Message):
        """A scenario and a seed to brief the trainee on."""

        def __init__(self, scenario: "Scenario", seed: int, player: Player) -> None:
            super().__init__()
            self.scenario, self.seed, self.player = scenario, seed, player

    class RecordOpened(Message):
        """A recent drill, to be debriefed again."""

        def __init__(self, record: DrillRecord) -> None:
            super().__init__()
            self.record = record

    class LeaderboardRequested(Message):
        """The leaderboard of every drill code."""

    class SessionRequested(Message):
        """Join an instructor's session by its code."""

        def __init__(self, code: str, player: Player) -> None:
            super().__init__()
            self.code, self.player = code, player

    class RecentLoaded(Message):
        """The recent drills, read from the store off the event loop."""

        def __init__(self, records: list[DrillRecord], error: str = "") -> None:
            super().__init__()
            self.records, self.error = records, error

    def __init__(self, library: Library, store: Store, player: Player) -> None:
        super().__init__()
        self.player = player
        self.library = library
        self.cards = list(library.cards.values())
        self.store = store
        self.recent: list[DrillRecord] | None = None  # until the store has answered

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home"):
            with Vertical(id="library"):
                yield Label("Scenario library", classes="section")
                yield OptionList(
                    *(
                        Option(
                            f"{c.title}\n  {c.cluster} · {c.difficulty} · "
                            f"{format_duration(c.duration)}",
                            id=c.id,
                        )
                        for c in self.cards
                    ),
                    id="scenarios",
                )
                yield Label("Seed (same seed, same crisis)", classes="section")
                yield Input("1", id="seed", type="integer", placeholder="seed")
                yield Label("…or a drill or session code", classes="section")
                yield Input(id="code", placeholder="s-k7m2qp or a drill code")
            with Vertical(id="home-side"):
                with Horizontal(id="player"):
                    for field, value in (("name", self.player.name), ("team", self.player.team)):
                        yield titled(
                            Input(value, id=field, placeholder=field, max_length=NAME_MAX),
                            f"Your {field}",
                        )
                yield Static(id="details")
                loading = Option("Reading recent drills…", disabled=True)
                yield titled(OptionList(loading, id="recent"), "Recent drills (enter: debrief)")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#scenarios", OptionList).highlighted = 0
        self.refresh_recent()

    def refresh_recent(self) -> None:
        self.recent = None
        self.read_recent()

    @work(thread=True, exclusive=True, group="recent")
    def read_recent(self) -> None:
        """The store query, on its own connection (a SQLite one belongs to its thread)."""
        try:
            with Store(self.store.url) as store:
                records = store.recent(RECENT)
        except StoreError as err:
            self.post_message(self.RecentLoaded([], plain(err)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.RecentLoaded(records))

    def on_home_screen_recent_loaded(self, event: RecentLoaded) -> None:
        self.recent = event.records
        if event.error:
            self.notify(event.error, severity="error", markup=False)
        rows = [Option(recent_row(r), id=str(r.id)) for r in self.recent]
        empty = Option("No drill yet: pick a scenario and press enter.", disabled=True)
        recent = self.query_one("#recent", OptionList)
        recent.set_options(rows or [empty])
        if rows:
            recent.highlighted = 0  # as a list built with its options starts

    def _card(self) -> Card:
        index = self.query_one("#scenarios", OptionList).highlighted or 0
        return self.cards[index]

    def _selected(self) -> "Scenario":
        return self.library[self._card().id]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "scenarios":
            self.query_one("#details", Static).update(describe(self._card()))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "recent":
            record = next(r for r in self.recent or [] if str(r.id) == event.option.id)
            self.post_message(self.RecordOpened(record))
        else:
            self.action_start()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "code":
            self.start_from_code(event.value)
        else:
            self.action_start()

    def start_from_code(self, text: str) -> None:
        """A drill code briefs its crisis; an instructor's session code joins the session."""
        if is_session_code(text):
            self.post_message(self.SessionRequested(text, self.typed_player()))
            return
        try:
            scenario, code = resolve_code(text, self.library)
        except CodeError as err:
            self.notify(plain(err), severity="error", markup=False)
            return
        self.post_message(self.BriefingRequested(scenario, code.seed, self.typed_player()))

    def action_start(self) -> None:
        raw = self.query_one("#seed", Input).value.strip()
        if not raw.isdigit():
            self.notify("The seed is a whole number, like 1 or 42.", severity="error")
            return
        self.post_message(self.BriefingRequested(self._selected(), int(raw), self.typed_player()))

    def typed_player(self) -> Player:
        """The name and team in the fields (an empty field keeps the one before)."""
        name, team = (self.query_one(f"#{f}", Input).value for f in ("name", "team"))
        return Player.typed(name, team, self.player)

    def action_leaderboard(self) -> None:
        self.post_message(self.LeaderboardRequested())
