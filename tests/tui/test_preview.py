"""The scenario preview: problems with file:line, or parameters, timeline and a dry run; every
footer key; reloaded (keeping the view) when the file changes on disk; reachable from home."""

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from simulator.cli import main
from simulator.tui.app import CrisisDrillApp
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.preview import PathModal, PreviewApp, PreviewScreen
from tests.conftest import SHIPPED
from tests.tui.helpers import make_app, wait_for

BROKEN = {
    'cluster = "preventable"': 'cluster = "preventible"',  # line 22
    "size = 40000": "size = 10",  # line 39
}


def scenario_file(folder: Path, broken: bool = False) -> Path:
    """rude-reply as `scenario.toml` in `folder`, optionally with two mistakes."""
    file = Path(shutil.copy(SHIPPED["rude-reply"], folder / "scenario.toml"))
    if broken:
        edit(file, BROKEN)
    return file


def edit(file: Path, changes: dict[str, str]) -> None:
    text = file.read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new)
    file.write_text(text, encoding="utf-8")


def text(screen: PreviewScreen, pane: str) -> str:
    return str(screen.query_one(pane, Static).render())


async def loaded(pilot: Pilot, after: int = 0) -> PreviewScreen:
    """The preview screen once it has shown the file more than `after` times."""
    screen = pilot.app.screen
    assert isinstance(screen, PreviewScreen)
    await wait_for(pilot, lambda: screen.loads > after)
    await pilot.pause()
    return screen


class TestPreview:
    async def test_an_invalid_file_shows_each_problem_at_its_line(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(tmp_path)
        scenario_file(tmp_path, broken=True)
        app = PreviewApp(Path("scenario.toml"))
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await loaded(pilot)
            assert "2 problems" in text(screen, "#preview-status")
            problems = text(screen, "#problems")
            assert "scenario.toml:22:1: crisis.cluster" in problems
            assert "scenario.toml:39:1: audience.size" in problems
            assert not screen.query_one("#dry-run").display

    async def test_a_valid_file_shows_its_timeline_and_a_dry_run(self, tmp_path: Path) -> None:
        app = PreviewApp(scenario_file(tmp_path))
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await loaded(pilot)
            assert "valid" in text(screen, "#preview-status")
            assert "40,000 accounts" in text(screen, "#parameters")
            timeline = text(screen, "#inject-timeline").splitlines()
            assert timeline[0].split() == ["10m", "·", "expert:", "Gather", "the", "facts"]
            assert any("! A journalist asks for comment" in line for line in timeline)
            run = text(screen, "#dry-run")
            assert run.startswith("expert on seed 1: score") and "· expert" in run

    async def test_every_footer_key(self, tmp_path: Path) -> None:
        app = PreviewApp(scenario_file(tmp_path))
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await loaded(pilot)
            shown = [b.key for b in screen.BINDINGS if b.show]  # type: ignore[union-attr]
            assert shown == ["p", "r", "escape"]
            expert = text(screen, "#dry-run")
            await pilot.press("p")
            screen = await loaded(pilot, 1)
            assert screen.policy == "ignore"
            ignore = text(screen, "#dry-run")
            assert ignore.startswith("ignore on seed 1") and ignore != expert
            await pilot.press("p")
            screen = await loaded(pilot, 2)
            assert text(screen, "#dry-run") == expert  # the same seed: the same run
            await pilot.press("r")
            await loaded(pilot, 3)
            await pilot.press("escape")
            await pilot.pause()
        assert not app.is_running

    async def test_editing_the_file_reloads_it_and_keeps_the_view(self, tmp_path: Path) -> None:
        file = scenario_file(tmp_path)
        app = PreviewApp(file)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await loaded(pilot)
            await pilot.press("p")
            screen = await loaded(pilot, 1)
            await pilot.press("end")
            await pilot.pause()
            scroll = screen.query_one("#preview").scroll_y
            assert scroll > 0
            edit(file, {'title = "The screenshotted reply"': 'title = "The screenshotted answer"'})
            screen = await loaded(pilot, 2)
            assert "The screenshotted answer" in text(screen, "#parameters")
            assert screen.policy == "ignore"
            assert screen.query_one("#preview").scroll_y == scroll
            edit(file, BROKEN)
            screen = await loaded(pilot, 3)
            assert "2 problems" in text(screen, "#preview-status")
            edit(file, {v: k for k, v in BROKEN.items()})
            screen = await loaded(pilot, 4)
            assert text(screen, "#dry-run").startswith("ignore on seed 1")

    async def test_from_home_through_the_command_palette(self, tmp_path: Path) -> None:
        file = scenario_file(tmp_path)
        app: CrisisDrillApp = make_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Preview a scenario")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, PathModal))
            modal = app.screen
            modal.query_one("#path", Input).value = str(tmp_path / "missing.toml")
            await pilot.press("enter")
            assert app.screen is modal  # no such file: it says so and stays
            modal.query_one("#path", Input).value = str(file)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, PreviewScreen))
            screen = await loaded(pilot)
            assert "valid" in text(screen, "#preview-status")
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


def test_preview_of_a_missing_file_is_one_line(tmp_path: Path, capsys) -> None:
    assert main(["preview", str(tmp_path / "nope.toml")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no scenario file" in err[0]
