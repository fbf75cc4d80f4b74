"""SVG snapshots of every screen a trainee meets, at 80x24 and 120x40, in both themes.

Update them with `pytest tests/snapshots --snapshot-update` after a deliberate change, and look
at the report before committing.
"""

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.conftest import SHIPPED
from tests.tui.helpers import answer_injects, home_ready, make_app, wait_for

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def _still(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


async def _briefing(pilot: Pilot) -> None:
    await pilot.press("down", "enter")


async def _drill(pilot: Pilot) -> None:
    """rude-reply seed 1, paused, three decisions and 20 simulated minutes in."""
    await pilot.press("down", "enter", "enter", "g", "full_stop", "a", "full_stop", "h")
    await pilot.press("full_stop", "full_stop")
    pilot.app.clear_notifications()
    await pilot.pause()


async def _inject(pilot: Pilot) -> None:
    from simulator.tui.screens.inject import InjectModal

    await pilot.press("down", "enter", "enter")
    while not isinstance(pilot.app.screen, InjectModal):
        await pilot.press("full_stop")
    modal = pilot.app.screen
    modal.countdown.pause()  # the countdown is real time: freeze it at 30 s
    modal.left = 30.0
    modal.show_left()
    pilot.app.clear_notifications()
    await pilot.pause()


async def _feed(pilot: Pilot) -> None:
    """The drill with the feed focused and its cursor two posts down."""
    from simulator.tui.widgets.feed import Feed

    await _drill(pilot)
    while not isinstance(pilot.app.focused, Feed):
        await pilot.press("tab")
    await pilot.press("down", "down")


async def _post(pilot: Pilot) -> None:
    """That post opened whole."""
    await _feed(pilot)
    await pilot.press("enter")


async def _alert(pilot: Pilot) -> None:
    """rude-reply seed 1 at 5h05m: the leaked memo (an inject without a question) fired."""
    from simulator.tui.screens.drill import DrillScreen

    await pilot.press("down", "enter", "enter")
    drill = pilot.app.screen
    assert isinstance(drill, DrillScreen)
    while "leaked-memo" not in drill.engine.fired:
        await answer_injects(pilot, "3")
        if drill.engine.now >= 5 * 3600 - 300:
            pilot.app.clear_notifications()
        await pilot.press("full_stop")
    await pilot.press("full_stop")  # the memo's own post, marked in the feed
    await pilot.pause()


async def _debrief(pilot: Pilot) -> None:
    from simulator.tui.screens.debrief import DebriefScreen

    await pilot.press("down", "enter", "enter", "g", "full_stop", "a", "full_stop", "r", "end")
    while not isinstance(pilot.app.screen, DebriefScreen):
        await answer_injects(pilot)
        await pilot.pause(0.05)
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.scored is not None)
    pilot.app.clear_notifications()
    await pilot.pause()


async def _help(pilot: Pilot) -> None:
    await pilot.press("question_mark")


async def _home(pilot: Pilot) -> None:
    await home_ready(pilot)


SCREENS = {
    "home": _home,
    "briefing": _briefing,
    "drill": _drill,
    "inject": _inject,
    "feed": _feed,
    "post": _post,
    "alert": _alert,
    "debrief": _debrief,
    "help": _help,
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(screen: str, size: tuple[int, int], snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=SCREENS[screen])


@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_high_contrast(screen: str, snap_compare, tmp_path: Path) -> None:
    app = make_app(tmp_path, high_contrast=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=SCREENS[screen])


def test_home_lists_the_whole_library(snap_compare, tmp_path: Path) -> None:
    """Every shipped scenario, scrolled to the last one: titles in their languages, the
    details name the language."""
    app = make_app(tmp_path, tuple(SHIPPED))

    async def last(pilot: Pilot) -> None:
        await home_ready(pilot)
        await pilot.press("end")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=last)
