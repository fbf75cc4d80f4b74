"""Team records in the app: a drill code on home, recent drills, leaderboard and compare."""

from pathlib import Path

from textual.widgets import DataTable, OptionList

from simulator.store import Store, make_code
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.leaderboard import CompareScreen, LeaderboardScreen
from tests.conftest import shipped
from tests.store.conftest import finished
from tests.tui.helpers import finish_and_wait_for_debrief, home_ready, make_app, wait_for


async def test_a_drill_code_typed_on_home_opens_that_crisis(tmp_path: Path) -> None:
    code = str(make_code(shipped("sale-outage"), 12))
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#code")
        await pilot.press(*code[:-1], "0" if code[-1] != "0" else "1", "enter")  # a typo
        assert isinstance(app.screen, HomeScreen)
        assert any("mistyped" in n.message for n in app._notifications)
        await pilot.press("backspace", code[-1], "enter")
        assert isinstance(app.screen, BriefingScreen)
        assert (app.screen.scenario.id, app.screen.seed) == ("sale-outage", 12)


async def test_a_finished_drill_is_recent_ranked_and_comparable(tmp_path: Path) -> None:
    with Store(str(tmp_path / "drills.sqlite3")) as store:
        rival = store.save(finished("rude-reply", 1, "expert", "Rival", "blue"))
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "enter", "g", "full_stop", "a")  # rude-reply, seed 1
        debrief = await finish_and_wait_for_debrief(pilot)
        assert isinstance(debrief, DebriefScreen) and debrief.record is not None
        mine = debrief.record
        assert mine.status == "done" and mine.code == str(make_code(shipped("rude-reply"), 1))
        await pilot.press("l")
        board = app.screen
        assert isinstance(board, LeaderboardScreen)
        table = board.query_one("#drills", DataTable)
        assert table.row_count == 2 and str(table.get_row_at(0)[1]) == "Rival"
        await pilot.press("enter")  # the rival's row, compared with my drill
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert (app.screen.a.id, app.screen.b.id) == (mine.id, rival)
        await pilot.press("escape", "escape", "escape")
        await home_ready(pilot)
        recent = app.screen.query_one("#recent", OptionList)
        assert recent.option_count == 2
        assert "trainee (solo)" in str(recent.get_option_at_index(0).prompt)


async def test_the_leaderboard_refreshes_live_with_drills_saved_elsewhere(tmp_path: Path) -> None:
    """The board is shared: a drill finished by another process on the same store appears on
    an open leaderboard without a key pressed."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_ready(pilot)
        app.push_screen(LeaderboardScreen(app.store, None, None))
        await pilot.pause()
        table = app.screen.query_one("#drills", DataTable)
        assert table.row_count == 0
        with Store(str(tmp_path / "drills.sqlite3")) as elsewhere:
            elsewhere.save(finished("rude-reply", 1, "expert", "Far Away", "green"))
        await wait_for(pilot, lambda: table.row_count == 1, timeout=10)
        assert str(table.get_row_at(0)[1]) == "Far Away"
