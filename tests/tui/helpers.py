"""Driving the app as a user does: an app on the shipped scenarios, waits, key loops."""

from pathlib import Path

from textual.pilot import Pilot

from simulator.library import Library
from simulator.tui.app import CrisisDrillApp
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.inject import InjectModal
from tests.conftest import ORIGINAL, shipped


def make_app(
    data_dir: Path, library: tuple[str, ...] = ORIGINAL, **options: object
) -> CrisisDrillApp:
    """The app on shipped scenarios, paused drills: by default the original three, whose order
    the tests' keys walk (the whole library has a home snapshot of its own)."""
    options.setdefault("autostart", False)
    return CrisisDrillApp(Library.of(shipped(n) for n in library), data_dir, **options)  # type: ignore[arg-type]


async def wait_for(pilot: Pilot, condition, timeout: float = 30.0) -> None:
    """Let the app run until condition() holds."""
    waited = 0.0
    while not condition():
        assert waited < timeout, "timed out waiting for the app"
        await pilot.pause(0.05)
        waited += 0.05


async def home_ready(pilot: Pilot) -> None:
    """Wait for the home screen and its recent drills (read from the store on a worker)."""
    from simulator.tui.screens.home import HomeScreen

    await wait_for(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
    home = pilot.app.screen
    await wait_for(pilot, lambda: home.recent is not None)
    await pilot.pause()


async def answer_injects(pilot: Pilot, key: str = "1") -> None:
    while isinstance(pilot.app.screen, InjectModal):
        await pilot.press(key)
        await pilot.pause()


async def finish_and_wait_for_debrief(pilot: Pilot) -> DebriefScreen:
    await pilot.press("end")
    await pilot.pause()
    while not isinstance(pilot.app.screen, DebriefScreen):
        await answer_injects(pilot)
        await pilot.pause(0.05)
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.scored is not None)
    await pilot.pause()
    return screen
