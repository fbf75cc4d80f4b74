"""The leaderboard (drills and teams) and the side-by-side comparison of two drills."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label

from simulator.plain import plain
from simulator.store import DrillRecord, Store, StoreError
from simulator.store.views import (
    LEADERBOARD_HEADER,
    TEAM_HEADER,
    compare_rows,
    leaderboard_rows,
    side_name,
    team_rows,
)
from simulator.tui.widgets.titled import titled


def cells(row: tuple[str, ...]) -> list[Text]:
    """A row of the store's views as Rich `Text`: shown as written, never parsed as markup."""
    return [Text(cell) for cell in row]


REFRESH_S = 3.0  # the board is shared: drills finished elsewhere appear within this


class LeaderboardScreen(Screen[None]):
    """Enter on a drill compares it with `mine` (from a debrief) or with the one picked first.
    Refreshed live: a drill finished by anyone on the same store appears within REFRESH_S."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), Binding("a", "all", "All codes")]

    def __init__(self, store: Store, code: str | None, mine: DrillRecord | None) -> None:
        super().__init__()
        self.store, self.code, self.mine = store, code, mine
        self.picked: DrillRecord | None = mine
        self.shown: tuple[list, list] | None = None  # the rows on screen

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="board"):
            yield Label(id="board-title", classes="section")
            yield titled(
                DataTable(id="drills", cursor_type="row", zebra_stripes=True),
                "Drills (enter: compare)",
            )
            yield titled(DataTable(id="teams", cursor_type="none"), "Teams")
        yield Footer()

    def on_mount(self) -> None:
        self.fill()
        self.query_one("#drills", DataTable).focus()
        self.set_interval(REFRESH_S, self.fill)

    def fill(self) -> None:
        """Read the board; redraw it if it changed (the highlighted row stays where it was)."""
        try:
            ranked = self.store.leaderboard(code=self.code, limit=100)
            rows = (leaderboard_rows(ranked), team_rows(self.store.teams(code=self.code)))
        except StoreError as err:  # the next refresh tries again
            self.notify(plain(err), severity="error", markup=False)
            return
        if rows == self.shown:
            return
        self.shown = rows
        what = f"drill code {plain(self.code)}" if self.code else "every drill code"
        self.query_one("#board-title", Label).update(
            Text(f"Leaderboard: {what}" + ("" if ranked else " · no finished drill yet"))
        )
        drills = self.query_one("#drills", DataTable)
        cursor = drills.cursor_row
        drills.clear(columns=True)
        drills.add_columns(*LEADERBOARD_HEADER)
        for row in rows[0]:
            drills.add_row(*cells(row), key=row[-1])
        drills.move_cursor(row=min(cursor, max(0, drills.row_count - 1)))
        teams = self.query_one("#teams", DataTable)
        teams.clear(columns=True)
        teams.add_columns(*TEAM_HEADER)
        teams.add_rows(cells(row) for row in rows[1])

    def action_all(self) -> None:
        self.code = None
        self.fill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        try:
            chosen = self.store.get(int(str(event.row_key.value)))
        except StoreError as err:  # a corrupt record (verify names it) or a vanished row
            self.notify(plain(err), severity="error", markup=False)
            return
        if self.picked is None or self.picked.id == chosen.id:
            self.picked = chosen
            self.notify(f"Drill {chosen.id} picked: choose another to compare with it.")
            return
        self.app.push_screen(CompareScreen(self.picked, chosen))


class CompareScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, a: DrillRecord, b: DrillRecord) -> None:
        super().__init__()
        self.a, self.b = a, b

    def compose(self) -> ComposeResult:
        a, b = self.a, self.b
        yield Header()
        with Vertical(id="compare"):
            same = "the same crisis" if a.code == b.code else "different crises"
            yield Label(Text(f"{plain(a.code)} vs {plain(b.code)}: {same}"), classes="section")
            yield DataTable(id="sides", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#sides", DataTable)
        table.add_columns("", Text(f"A: {side_name(self.a)}"), Text(f"B: {side_name(self.b)}"))
        table.add_rows(cells(row) for row in compare_rows(self.a, self.b))
        table.focus()
