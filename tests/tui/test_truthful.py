"""The drill tells the trainee the truth, and only what the team could know (issue 11, 13-18)."""

from dataclasses import replace
from pathlib import Path

from textual.widgets import Markdown, Static

from simulator.catalogue import MONITOR_WINDOW
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.debrief import score_text
from simulator.tui.screens.drill import DrillScreen
from tests.conftest import shipped
from tests.tui.helpers import answer_injects, finish_and_wait_for_debrief, make_app

STEP = 300.0  # the "." key


def shown(drill: DrillScreen, widget: str) -> str:
    return str(drill.query_one(widget, Static).render())


def scope(drill: DrillScreen) -> str:
    return shown(drill, "#scope-text") + "\n" + shown(drill, "#scope-facts")


async def steps(pilot, n: int) -> None:
    for _ in range(n):
        await pilot.press("full_stop")
        await answer_injects(pilot)
    await pilot.pause()


async def test_the_briefing_tells_detection_and_keeps_the_facts_back(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")  # false-rumour
        assert isinstance(app.screen, BriefingScreen)
        text = app.screen.query_one(Markdown).source
    assert "20m after it started" in text and "detected at T+20m" in text
    facts = shipped("false-rumour").crisis.facts
    assert "doctored" in facts and "doctored" not in text and "no recall" not in text


async def test_the_fog_lifts_with_analysis_monitoring_and_facts(tmp_path: Path) -> None:
    """false-rumour seed 1 at 80x24: what the scope panel shows before and after each step."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        assert "Detected at T+20m, 0s ago" in shown(drill, "#clock")  # it starts at detection
        await steps(pilot, 2)  # 30 m: 10 m after detection
        assert "Detected at T+20m, 10m ago" in shown(drill, "#clock")
        before = scope(drill)
        assert "(rough)" in before and "Scope ? a" in before and "Trend ? m" in before
        assert "Age" not in before and "R " not in before and "Forecast" not in before
        assert "Facts ? g" in before
        await pilot.press("a", "g", "h")  # analyse, gather the facts, a holding statement
        await pilot.pause()
        assert "analysing, ready at 20m" in scope(drill)  # 10 m after detection + 10 m busy
        assert "Facts ?" in scope(drill)
        await steps(pilot, 4)  # 20 m on: the analysis and the facts are in
        analysed = scope(drill)
        assert "Age " in analysed and "from Facebook" in analysed and "Top @" in analysed
        assert "Negative " in analysed and "(rough)" not in analysed
        assert "Trend ? m" in analysed and "Forecast" not in analysed
        assert "Facts: Quality and legal confirm" in analysed
        told = [n.message for n in app._notifications]
        assert any("doctored 2019" in m for m in told), told
        await pilot.press("m")
        await steps(pilot, 1)  # the monitor's 5 minutes
        watched = scope(drill)
        assert "R " in watched and any(w in watched for w in ("growing", "shrinking", "steady"))
        assert "Forecast" in watched and "Since holding statement" in watched
        assert "negative " in watched and "sentiment " in watched
        assert drill.query_one("#scope").border_subtitle.startswith("monitoring until ")
        await steps(pilot, int(MONITOR_WINDOW // STEP))
        ended = scope(drill)
        assert "Trend ? ended" in ended and "Forecast" not in ended
        assert drill.query_one("#scope").border_subtitle == ""


async def test_decisions_are_named_and_timed_from_detection(tmp_path: Path) -> None:
    """The timeline names an inject's answer by its labels, never by ids."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter", "full_stop", "full_stop", "full_stop", "g")
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        await pilot.pause()
        assert "   15m Gather the facts" in shown(drill, "#timeline")  # 15 m after detection
        while not any(a.inject for a in drill.engine.applied):
            await pilot.press("full_stop")
            await answer_injects(pilot, "1")
        await pilot.pause()
        timeline = shown(drill, "#timeline")
        assert '2h40m Deny with evidence (answering "The food-safety agency asks' in timeline
        assert "regulator" not in timeline and "lab-results" not in timeline
        debrief = await finish_and_wait_for_debrief(pilot)
        assert debrief.scored is not None
        assert "beyond the reference" not in shown(debrief, "#score")
        beyond = replace(debrief.scored.card, beyond_reference=True)
        assert "★ beyond the reference" in score_text(beyond, None)
