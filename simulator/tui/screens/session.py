"""The instructor's screens: the session watched live, and the group debrief."""

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Label, LoadingIndicator, Markdown, OptionList
from textual.widgets.option_list import Option

from simulator.labels import counted
from simulator.plain import plain
from simulator.scenario.model import Scenario
from simulator.session import sessions
from simulator.session.debrief import group_debrief
from simulator.session.render import to_markdown
from simulator.session.watch import watch_rows
from simulator.store import DrillRecord, Store
from simulator.tui.widgets.titled import titled

REFRESH_S = 1.0  # the watch screen reads the store this often
WATCH_HEADER = ("name", "team", "state", "at", "#", "latest decisions", "forecast", "stuck")


class ReleasePicker(ModalScreen[str | None]):
    """Pick a timed inject to release to every trainee now."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Back")]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.injects = [i for i in scenario.injects if i.at is not None]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Release an inject to every trainee now", classes="title")
            yield OptionList(*(Option(Text(plain(i.title)), id=i.id) for i in self.injects))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class WatchScreen(Screen[None]):
    """Every trainee of a session, refreshed from the store; the instructor's controls."""

    BINDINGS = [
        Binding("p", "pause", "Pause/resume all"),
        Binding("r", "release", "Release inject"),
        Binding("e", "end", "End session"),
        Binding("d", "debrief", "Group debrief"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, store: Store, session: sessions.Session, scenario: Scenario) -> None:
        super().__init__()
        self.store, self.session, self.scenario = store, session, scenario

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="watch"):
            yield Label(id="watch-title", classes="section")
            yield titled(
                DataTable(id="trainees", cursor_type="row", zebra_stripes=True), "Trainees"
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#trainees", DataTable).add_columns(*WATCH_HEADER)
        self.fill()
        self.set_interval(REFRESH_S, self.fill)

    def fill(self) -> None:
        """Read the session and its drills again and redraw the table."""
        self.session = sessions.load(self.store, self.session.code)
        rows = watch_rows(self.scenario, sessions.trainees(self.store, self.session.code))
        s = self.session
        finished = sum(r.state == "finished" for r in rows)
        stuck = sum(r.stuck for r in rows)
        released = f" · released: {', '.join(s.released)}" if s.released else ""
        self.query_one("#watch-title", Label).update(
            Text(
                f"Session {s.code} · {plain(self.scenario.title)} · {s.state.upper()} · "
                f"{counted(len(rows), 'trainee')}, {finished} finished, {stuck} stuck{released}"
            )
        )
        table = self.query_one("#trainees", DataTable)
        cursor = table.cursor_row
        table.clear()
        for r in rows:
            stuck_mark = Text("⚠ stuck", style="bold") if r.stuck else Text("")
            table.add_row(
                *(Text(plain(c)) for c in (r.name, r.team, r.state, r.at, str(r.decisions))),
                Text(plain(r.last)),
                Text(r.forecast),
                stuck_mark,
                key=str(r.drill_id),
            )
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))

    def action_pause(self) -> None:
        if self.session.state == "ended":
            self.notify("The session has ended.", severity="warning")
            return
        state = "open" if self.session.state == "paused" else "paused"
        self.session = sessions.set_state(self.store, self.session.code, state)
        self.notify("Every trainee's clock is paused." if state == "paused" else "Resumed.")
        self.fill()

    def action_release(self) -> None:
        if self.session.state == "ended":
            self.notify("The session has ended.", severity="warning")
            return

        def chosen(inject: str | None) -> None:
            if inject:
                self.session = sessions.release(self.store, self.session.code, inject)
                self.notify(f"Released {inject} to every trainee.")
                self.fill()

        self.app.push_screen(ReleasePicker(self.scenario), chosen)

    def action_end(self) -> None:
        if self.session.state != "ended":
            self.session = sessions.set_state(self.store, self.session.code, "ended")
            self.notify("Session ended: every drill runs to its end and is saved.")
        self.fill()

    def action_debrief(self) -> None:
        self.app.push_screen(GroupDebriefScreen(self.store, self.session, self.scenario))


class GroupDebriefScreen(Screen[None]):
    """The group debrief, computed in a worker (counterfactuals replay the expert)."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), Binding("q", "app.quit", "Quit")]

    def __init__(self, store: Store, session: sessions.Session, scenario: Scenario) -> None:
        super().__init__()
        self.store, self.session, self.scenario = store, session, scenario

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="group-debrief"):
            yield LoadingIndicator()
            yield Markdown(id="group-report")
        yield Footer()

    def on_mount(self) -> None:
        self.compute(sessions.finished(self.store, self.session.code))  # the store: this thread

    @work(thread=True, exclusive=True)
    def compute(self, drills: list[DrillRecord]) -> None:
        from simulator.store import parse_code

        seed = parse_code(self.session.drill_code).seed
        try:
            text = to_markdown(
                group_debrief(
                    self.session.code, self.session.drill_code, self.scenario, seed, drills
                )
            )
        except ValueError as err:
            text = f"# Group debrief\n\n{plain(err)}."
        self.app.call_from_thread(self.show, text)

    def show(self, text: str) -> None:
        self.query_one(LoadingIndicator).remove()
        self.query_one("#group-report", Markdown).update(text)


class SessionApp(App[None]):
    """`crisis-drill session watch CODE`: the instructor's app."""

    CSS = """
    #watch { height: 1fr; }
    #trainees { height: 1fr; border: round $primary; }
    .section { color: $text-muted; margin: 1 0 0 0; }
    .dialog { width: 70; max-width: 95%; height: auto; border: thick $warning;
              background: $panel; padding: 1 2; }
    ReleasePicker { align: center middle; }
    .dialog .title { text-style: bold; color: $warning; }
    """
    TITLE = "crisis-drill"
    SUB_TITLE = "instructor: session"

    def __init__(self, store: Store, session: sessions.Session, scenario: Scenario) -> None:
        super().__init__()
        self.store, self.session, self.scenario = store, session, scenario

    def on_mount(self) -> None:
        self.push_screen(WatchScreen(self.store, self.session, self.scenario))
