"""A trainee's whole drill, key by key, from home to debrief (Textual's pilot)."""

import json
from pathlib import Path

from textual.widgets import Static

from simulator.cli import main
from simulator.engine.runner import as_steps
from simulator.tui.keys import ACTION_KEYS
from simulator.tui.player import Player
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.confirm import Confirm
from simulator.tui.screens.drill import DrillScreen
from simulator.tui.screens.help import HelpScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.inject import InjectModal
from tests.tui.helpers import finish_and_wait_for_debrief, make_app, wait_for


async def test_a_whole_drill_scores_as_the_headless_run_does(tmp_path: Path, capsys) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("down")  # rude-reply
        await pilot.click("#seed")
        await pilot.press("end", "backspace", "7", "enter")
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        drill = app.screen
        assert isinstance(drill, DrillScreen) and drill.seed == 7
        await pilot.press("g", "a", "full_stop", "h", "o", "full_stop", "full_stop")
        await pilot.press("full_stop", "full_stop", "y", "k", "m")
        assert [a.action for a in drill.engine.applied] == [
            "gather_facts",
            "analyse_scope",
            "holding_statement",
            "draft_options",
            "public_apology",
            "acknowledge_correct",
            "monitor",
        ]
        debrief = await finish_and_wait_for_debrief(pilot)
        shown = str(debrief.query_one("#score", Static).render())
        log = debrief.played.applied
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps([s.model_dump(exclude_none=True) for s in as_steps(log)]))
    assert main(["run", "rude-reply", "--seed", "7", "--policy", str(policy), "--json"]) == 0
    headless = json.loads(capsys.readouterr().out)
    assert f"SCORE {headless['score']['total']:.1f}" in shown
    assert [(a["t"], a["action"]) for a in headless["actions"]] == [(a.t, a.action) for a in log]


async def test_an_inject_pauses_the_clock_and_its_default_applies_on_timeout(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, autostart=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "enter")  # rude-reply, seed 1, start
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        while not isinstance(app.screen, InjectModal):
            await pilot.press("full_stop")  # the journalist calls at 2h
        modal = app.screen
        assert modal.inject.id == "journalist-call"
        modal.left = 0.5  # the countdown is real time: shorten what is left of it
        frozen = drill.engine.now
        await pilot.pause(0.3)
        assert isinstance(app.screen, InjectModal) and drill.engine.now == frozen
        clock_line = str(drill.query_one("#clock").render())
        assert "waiting for your answer" in clock_line and "running" not in clock_line
        await wait_for(pilot, lambda: not isinstance(app.screen, InjectModal))
        answer = drill.engine.applied[-1]
        assert (answer.inject, answer.choice, answer.by) == (
            "journalist-call",
            "no-comment",
            "default",
        )


async def test_quitting_mid_drill_asks_first_and_its_keys_apply_no_response(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        await pilot.press("q")
        assert isinstance(app.screen, Confirm)
        await pilot.press(*ACTION_KEYS.values(), "y", "n", "enter")  # "enter": the focused Back
        assert isinstance(app.screen, DrillScreen) and drill.engine.applied == []
        await pilot.press("q")
        await pilot.press("escape")
        assert isinstance(app.screen, DrillScreen) and drill.engine.applied == []
        await pilot.press("q", "q")
        await pilot.pause()
        assert drill.engine.applied == []
    assert app.return_code == 0 and not app.is_running


async def test_help_palette_filters_and_theme_by_keyboard(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")
        drill = app.screen
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("v")
        assert drill.query_one("#feed").negative_only
        assert drill.query_one("#feed").border_title == "Feed · negative only"
        await pilot.press("f2")
        assert app.theme == "crisis-high-contrast"
        await pilot.press("plus", "plus", "minus")
        assert drill.speed == 2


async def test_debrief_tries_another_response_and_saves_the_report(tmp_path: Path) -> None:
    app = make_app(tmp_path, player=Player("Ada Lovelace", "Comms 1.0"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "enter")
        await pilot.press("g", "full_stop", "r")  # argue at 5m
        debrief = await finish_and_wait_for_debrief(pilot)
        await pilot.press("down", "w")  # the second decision: argue
        await pilot.pause()
        await pilot.press("enter")  # the first alternative offered
        await wait_for(pilot, lambda: "What if" in str(debrief.query_one("#branch").render()))
        text = str(debrief.query_one("#branch").render())
        assert "instead of argue" in text and "as played" in text
        await pilot.press("s")
        await pilot.pause()
    saved = sorted(p.suffix for p in (tmp_path / "reports").iterdir())
    assert saved == [".html", ".md"]
    report = next((tmp_path / "reports").glob("*.md")).read_text()
    assert "Ada Lovelace (Comms 1.0) · played by a trainee" in report  # who played, as typed
    assert "v\\1" not in report and "engine \\2" not in report  # was "v\\1.1": renders "v1.1" now


async def test_no_color_gives_a_monochrome_screen(tmp_path: Path, monkeypatch) -> None:
    import re

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")
        svg = app.export_screenshot()
    colours = set(re.findall(r"fill: (#[0-9a-f]{6})", svg))
    grey = {c for c in colours if c[1:3] == c[3:5] == c[5:7]}
    terminal_default = {"#c5c8c6"}  # the SVG export's own default foreground
    assert app.no_color and colours - terminal_default == grey and len(grey) > 2
