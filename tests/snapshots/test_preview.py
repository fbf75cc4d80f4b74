"""SVG snapshots of the scenario preview: an invalid file and a valid one, at 80x24 and 120x40."""

from pathlib import Path

import pytest
from textual.pilot import Pilot

from simulator.tui.screens.preview import PreviewApp
from tests.tui.helpers import wait_for
from tests.tui.test_preview import scenario_file

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def _still(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.chdir(tmp_path)  # the file shows as scenario.toml, wherever the test runs


async def _loaded(pilot: Pilot) -> None:
    screen = pilot.app.screen
    await wait_for(pilot, lambda: getattr(screen, "loads", 0) > 0)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("broken", [True, False], ids=["invalid", "valid"])
def test_preview(broken: bool, size: tuple[int, int], snap_compare, tmp_path: Path) -> None:
    scenario_file(tmp_path, broken=broken)
    app = PreviewApp(Path("scenario.toml"))
    assert snap_compare(app, terminal_size=size, run_before=_loaded)
