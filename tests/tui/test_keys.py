"""Every key shown in a footer or in the help does what it says, whatever widget has focus."""

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static

from simulator.store import Store, make_code
from simulator.tui.app import CrisisDrillApp
from simulator.tui.keys import ACTION_KEYS
from simulator.tui.screens.alternative import AlternativeModal
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.confirm import Confirm
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.drill import DrillScreen
from simulator.tui.screens.help import HelpScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.inject import InjectModal
from simulator.tui.screens.leaderboard import LeaderboardScreen
from simulator.tui.screens.post import PostModal, TopVoicesModal
from simulator.tui.widgets.feed import Feed
from tests.conftest import shipped
from tests.store.conftest import finished
from tests.tui.helpers import answer_injects, home_ready, make_app, wait_for

APP_KEYS = ["question_mark", "f1", "f2", "ctrl+p"]  # the help, the theme, the palette
DRILL_FOCUS = ["feed", "picker"]  # sorted, as focus_ids gives them
DEBRIEF_FOCUS = ["debrief", "decisions"]
CODE = str(make_code(shipped("rude-reply"), 1))


def keys_of(screen: type[Screen]) -> list[tuple[str, str]]:
    """(key, action) of each of a screen's bindings."""
    return [
        (key.strip(), binding.action)
        for binding in screen.BINDINGS
        if not isinstance(binding, tuple)
        for key in binding.key.split(",")
    ]


def focus_ids(screen: Screen) -> list[str]:
    """The ids of the widgets that can take focus, sorted."""
    return sorted(str(w.id) for w in screen.focus_chain)


async def focus(pilot: Pilot, screen: Screen, widget_id: str) -> None:
    screen.query_one(f"#{widget_id}").focus()
    await pilot.pause()
    assert pilot.app.focused is not None and pilot.app.focused.id == widget_id


async def app_key_works(pilot: Pilot, key: str) -> None:
    """An app-wide key from the current screen: its effect, then back where it was."""
    app = pilot.app
    before = app.screen
    if key == "f2":
        theme = app.theme
        await pilot.press("f2")
        assert app.theme != theme
        await pilot.press("f2")
        assert app.theme == theme
        return
    await pilot.press(key)
    await pilot.pause()
    opened = CommandPalette if key == "ctrl+p" else HelpScreen
    assert isinstance(app.screen, opened), f"{key} did not open {opened.__name__}"
    await pilot.press("escape")
    await wait_for(pilot, lambda: app.screen is before)


def clock_line(drill: DrillScreen) -> str:
    return str(drill.query_one("#clock", Static).render())


async def to_drill(pilot: Pilot) -> DrillScreen:
    """rude-reply seed 1, paused, 100 simulated minutes in: the feed is longer than its box."""
    await pilot.press("down", "enter", "enter")
    drill = pilot.app.screen
    assert isinstance(drill, DrillScreen)
    while drill.engine.now < 100 * 60:  # the drill starts at detection; step on to 100 min
        await pilot.press("full_stop")
    feed = drill.query_one("#feed")
    assert feed.virtual_size.height > feed.size.height
    return drill


class TestDrillKeys:
    async def test_every_key_works_from_every_focus(self, tmp_path: Path) -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            drill = await to_drill(pilot)
            assert focus_ids(drill) == DRILL_FOCUS
            feed = drill.query_one("#feed")
            for widget_id in DRILL_FOCUS:
                for key, action in keys_of(DrillScreen):
                    await focus(pilot, drill, widget_id)
                    where = f"{key} with #{widget_id} focused"
                    if action == "finish":
                        continue  # ends the drill: TestDrillKeys.test_end_finishes_from_any_focus
                    if action == "pause":
                        running = drill.running
                        await pilot.press(key)
                        assert drill.running != running, where
                        state = "▶ running" if drill.running else "■ paused"
                        assert state in clock_line(drill), where
                    elif action.startswith("speed"):
                        drill.speed = 2
                        await pilot.press(key)
                        assert drill.speed == (4 if "(1)" in action else 1), where
                        assert f" {drill.speed}x " in clock_line(drill), where
                    elif action == "step":
                        now = drill.engine.now
                        await pilot.press(key)
                        assert drill.engine.now == now + 300, where
                    elif action == "skip":
                        now, fired = drill.engine.now, len(drill.engine.fired)
                        await pilot.press(key)
                        assert drill.engine.now > now or len(drill.engine.fired) > fired, where
                        await answer_injects(pilot)
                    elif action == "top_voices":
                        await pilot.press(key)
                        await pilot.pause()
                        if drill.engine.trajectory().revealed("analyse_scope"):
                            assert isinstance(app.screen, TopVoicesModal), where
                            await pilot.press("escape")
                        else:
                            assert app.screen is drill, where
                            assert "analysed" in list(app._notifications)[-1].message, where
                    elif action.startswith("filter"):
                        name = "negative_only" if "negative" in action else "influencers_only"
                        was = getattr(feed, name)
                        await pilot.press(key)
                        assert getattr(drill, name) == getattr(feed, name) != was, where
                    elif action == "quit_drill":
                        await pilot.press(key)
                        assert isinstance(app.screen, Confirm), where
                        await pilot.press("escape")
                        assert app.screen is drill
                    elif action.startswith("act("):
                        response = action.removeprefix("act('").removesuffix("')")
                        made = len(drill.engine.applied)
                        await pilot.press(key)
                        if response in drill.actions:
                            assert drill.engine.applied[-1].action == response, where
                        else:
                            assert len(drill.engine.applied) == made, where
                    else:
                        pytest.fail(f"no check for the drill's {action}")
                for key in APP_KEYS:
                    await focus(pilot, drill, widget_id)
                    await app_key_works(pilot, key)

    @pytest.mark.parametrize("widget_id", DRILL_FOCUS)
    async def test_end_finishes_from_any_focus(self, tmp_path: Path, widget_id: str) -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            drill = await to_drill(pilot)
            await focus(pilot, drill, widget_id)
            await pilot.press("end")
            await pilot.pause()
            assert isinstance(app.screen, InjectModal)  # the journalist calls at 2 h
            await answer_injects(pilot)
            await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
            assert drill.engine.finished

    async def test_feed_keys_from_every_focus(self, tmp_path: Path) -> None:
        """On the feed they move its cursor and open a post; on the picker they are its own."""
        app = make_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            drill = await to_drill(pilot)
            feed = drill.query_one(Feed)
            picker = drill.query_one("#picker", OptionList)
            for widget_id in DRILL_FOCUS:
                for key, action in keys_of(Feed):
                    if action == "oldest":
                        continue  # the drill's priority `end` finishes: test_end_finishes_...
                    await focus(pilot, drill, widget_id)
                    where = f"{key} with #{widget_id} focused"
                    feed.cursor = 3
                    highlighted, made = picker.highlighted, len(drill.engine.applied)
                    await pilot.press(key)
                    await pilot.pause()
                    if widget_id == "picker":
                        assert feed.cursor == 3, where
                        if action == "open":
                            assert app.screen is drill and len(drill.engine.applied) == made + 1
                        else:
                            assert picker.highlighted != highlighted or key == "pageup", where
                        continue
                    if action == "open":
                        assert isinstance(app.screen, PostModal), where
                        assert app.screen.post is feed.shown[-4], where
                        await pilot.press("escape")
                        continue
                    expected = {
                        "cursor(-1)": 2,
                        "cursor(1)": 4,
                        "newest": 0,
                        "page(1)": 3 + feed.view.height // feed.lines_per_post,
                        "page(-1)": 0,
                    }
                    assert feed.cursor == expected[action], where

    async def test_post_and_voices_close_from_every_focus(self, tmp_path: Path) -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            drill = await to_drill(pilot)
            await pilot.press("a", "full_stop", "full_stop")  # the analysis takes a while
            assert drill.engine.trajectory().revealed("analyse_scope")
            for modal, body, opening in (
                (PostModal, "post-body", ("tab", "enter")),
                (TopVoicesModal, "voices-body", ("w",)),
            ):
                for key, _ in keys_of(modal):
                    await focus(pilot, drill, "picker")
                    await pilot.press(*opening)
                    await pilot.pause()
                    assert isinstance(app.screen, modal)
                    assert focus_ids(app.screen) == [body]
                    await focus(pilot, app.screen, body)
                    await pilot.press(key)
                    await pilot.pause()
                    assert app.screen is drill, f"{key} in {modal.__name__}"

    async def test_quit_prompt_keys_from_every_focus(self, tmp_path: Path) -> None:
        for widget_id in ["no", "yes"]:
            for key, action in keys_of(Confirm):
                app = make_app(tmp_path)
                async with app.run_test(size=(80, 24)) as pilot:
                    drill = await to_drill(pilot)
                    await pilot.press("q")
                    assert focus_ids(app.screen) == ["no", "yes"]
                    await focus(pilot, app.screen, widget_id)
                    await pilot.press(key)
                    await pilot.pause()
                    assert drill.engine.applied == []
                    assert app.is_running == (action == "answer(False)"), key
                    if app.is_running:
                        assert app.screen is drill

    def test_every_response_has_a_key_the_drill_binds(self) -> None:
        bound = {action for _, action in keys_of(DrillScreen)}
        assert {f"act('{a}')" for a in ACTION_KEYS} <= bound


def stored_app(tmp_path: Path) -> CrisisDrillApp:
    """The app with one finished drill in the store (rude-reply, seed 1, the expert's)."""
    with Store(str(tmp_path / "drills.sqlite3")) as store:
        store.save(finished("rude-reply", 1, "expert", "Ada", "blue"))
    return make_app(tmp_path)


async def open_recent(pilot: Pilot) -> DebriefScreen:
    """Home's recent drill, debriefed again."""
    await home_ready(pilot)
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    await focus(pilot, home, "recent")
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, DebriefScreen))
    debrief = pilot.app.screen
    assert isinstance(debrief, DebriefScreen)
    await wait_for(pilot, lambda: debrief.scored is not None)
    await pilot.pause()
    return debrief


class TestDebriefKeys:
    async def test_every_key_works_from_every_focus(self, tmp_path: Path) -> None:
        app = stored_app(tmp_path)
        reports = tmp_path / "reports"
        async with app.run_test(size=(100, 30)) as pilot:
            debrief = await open_recent(pilot)
            assert focus_ids(debrief) == DEBRIEF_FOCUS
            for widget_id in DEBRIEF_FOCUS:
                for key, action in keys_of(DebriefScreen):
                    if action in ("home", "app.quit"):
                        continue  # they leave: test_leaving_keys_from_every_focus
                    await focus(pilot, debrief, widget_id)
                    where = f"{key} with #{widget_id} focused"
                    if action == "what_if":
                        await pilot.press(key)
                        await pilot.pause()
                        assert isinstance(app.screen, AlternativeModal), where
                        await pilot.press("escape")
                    elif action == "save":
                        for old in reports.glob("*") if reports.exists() else []:
                            old.unlink()
                        await pilot.press(key)
                        assert sorted(p.suffix for p in reports.iterdir()) == [".html", ".md"]
                    elif action == "leaderboard":
                        await pilot.press(key)
                        assert isinstance(app.screen, LeaderboardScreen), where
                        await pilot.press("escape")
                    else:
                        pytest.fail(f"no check for the debrief's {action}")
                    await wait_for(pilot, lambda: app.screen is debrief)
                for key in APP_KEYS:
                    await focus(pilot, debrief, widget_id)
                    await app_key_works(pilot, key)

    async def test_leaving_keys_from_every_focus(self, tmp_path: Path) -> None:
        app = stored_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            leaving = [key for key, action in keys_of(DebriefScreen) if action == "home"]
            assert leaving == ["escape", "h"]
            for widget_id in DEBRIEF_FOCUS:
                for key in leaving:
                    debrief = await open_recent(pilot)
                    await focus(pilot, debrief, widget_id)
                    await pilot.press(key)
                    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
            debrief = await open_recent(pilot)
            await focus(pilot, debrief, DEBRIEF_FOCUS[-1])
            await pilot.press("q")
            await pilot.pause()
        assert not app.is_running


class TestHomeKeys:
    """Text fields keep printable keys (a drill code has letters): there, `f3` opens the
    leaderboard and `f1` the help, and `enter` submits the field."""

    async def test_every_key_works_from_every_focus(self, tmp_path: Path) -> None:
        app = stored_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await home_ready(pilot)
            home = app.screen
            assert focus_ids(home) == ["code", "name", "recent", "scenarios", "seed", "team"]
            for widget_id in focus_ids(home):
                typing = isinstance(home.query_one(f"#{widget_id}"), Input)
                for key, action in keys_of(HomeScreen):
                    await focus(pilot, home, widget_id)
                    where = f"{key} with #{widget_id} focused"
                    if action == "leaderboard":
                        await pilot.press(key)
                        if typing and key == "l":
                            assert app.screen is home, where
                            continue
                        assert isinstance(app.screen, LeaderboardScreen), where
                        await pilot.press("escape")
                    elif action == "start":
                        if widget_id == "code":
                            home.query_one("#code", Input).value = CODE
                        await pilot.press(key)
                        expected = DebriefScreen if widget_id == "recent" else BriefingScreen
                        await wait_for(pilot, lambda e=expected: isinstance(app.screen, e))
                        await pilot.press("escape")
                    else:
                        pytest.fail(f"no check for home's {action}")
                    await home_ready(pilot)
                    home = app.screen  # afresh after a debrief
                for key in APP_KEYS:
                    await focus(pilot, home, widget_id)
                    if typing and key == "question_mark":
                        continue  # typed into the field
                    await app_key_works(pilot, key)


class TestLeaderboardKeys:
    async def test_every_key_works_from_every_focus(self, tmp_path: Path) -> None:
        app = stored_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            home = app.screen
            for widget_id in ["drills", "teams"]:
                await pilot.press("f3")
                board = app.screen
                assert isinstance(board, LeaderboardScreen)
                assert focus_ids(board) == ["drills", "teams"]
                for key, action in keys_of(LeaderboardScreen):
                    await focus(pilot, board, widget_id)
                    if action == "all":
                        board.code = "not-a-code"
                        await pilot.press(key)
                        assert board.code is None
                    elif action != "app.pop_screen":
                        pytest.fail(f"no check for the leaderboard's {action}")
                for key in APP_KEYS:
                    await focus(pilot, board, widget_id)
                    await app_key_works(pilot, key)
                await focus(pilot, board, widget_id)
                await pilot.press("escape")
                assert app.screen is home


class TestHelpKeys:
    async def test_each_closing_key_closes_it(self, tmp_path: Path) -> None:
        app = make_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            home = app.screen
            await pilot.press("f1")
            chain = focus_ids(app.screen)
            assert chain == ["help-body"]
            await pilot.press("escape")
            for key, _ in keys_of(HelpScreen):
                for widget_id in chain:
                    await pilot.press("f1")
                    assert isinstance(app.screen, HelpScreen)
                    await focus(pilot, app.screen, widget_id)
                    await pilot.press(key)
                    await pilot.pause()
                    assert app.screen is home, f"{key} with #{widget_id} focused"
