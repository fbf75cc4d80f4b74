"""The debrief's what-if: another response, or another answer to an inject, replayed."""

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from simulator.engine.engine import Applied
from simulator.library import Library
from simulator.scenario.checks import in_play
from simulator.scenario.model import Scenario
from simulator.scoring import score
from simulator.tui.app import CrisisDrillApp
from simulator.tui.screens.alternative import AlternativeModal
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.inject import InjectModal
from tests.conftest import shipped
from tests.tui.helpers import wait_for


def two_calls() -> Scenario:
    """rude-reply with a second question: the journalist calls back at 3 h."""
    base = shipped("rude-reply")
    call = next(i for i in base.injects if i.id == "journalist-call")
    again = call.model_copy(update={"id": "call-back", "title": "The journalist calls back"})
    again = again.model_copy(update={"at": 3 * 3600.0})
    return base.model_copy(update={"injects": [*base.injects, again]})


async def play_answering(app: CrisisDrillApp, pilot, answers: dict[str, str]) -> DebriefScreen:
    """The first scenario, seed 1: gather facts, argue, then to the end, answering each
    inject that asks with `answers[inject id]` (the option's number)."""
    await pilot.press("enter", "enter", "g", "full_stop", "r", "end")
    while not isinstance(app.screen, DebriefScreen):
        if isinstance(app.screen, InjectModal):
            await pilot.press(answers[app.screen.inject.id])
        await pilot.pause(0.05)
    debrief = app.screen
    await wait_for(pilot, lambda: debrief.scored is not None)
    return debrief


def replaced(log: list[Applied], index: int, choice: str, scenario: Scenario) -> list[Applied]:
    """The log with decision `index` made otherwise: what the branch must replay."""
    entry = log[index]
    if entry.inject is None:
        other = Applied(entry.t, choice, "trainee")
    else:
        inject = next(i for i in scenario.injects if i.id == entry.inject)
        assert inject.decision is not None
        action = next(o.action for o in inject.decision.options if o.id == choice)
        other = Applied(entry.t, action, "trainee", inject=entry.inject, choice=choice)
    return [*log[:index], other, *log[index + 1 :]]


class TestWhatIf:
    @pytest.mark.parametrize(
        ("scenario", "answers"),
        [
            (two_calls(), {"journalist-call": "2", "call-back": "1"}),
            (shipped("false-rumour"), {"regulator": "1"}),
        ],
        ids=["rude-reply-two-calls", "false-rumour"],
    )
    async def test_every_decision_replays_another_choice(
        self, tmp_path: Path, scenario: Scenario, answers: dict[str, str]
    ) -> None:
        app = CrisisDrillApp(Library.of([scenario]), tmp_path, autostart=False)
        async with app.run_test(size=(120, 40)) as pilot:
            debrief = await play_answering(app, pilot, answers)
            assert isinstance(debrief, DebriefScreen) and debrief.scored is not None
            log = debrief.played.applied
            assert {e.inject for e in log if e.by == "trainee"} >= set(answers)
            decisions = debrief.query_one("#decisions", OptionList)
            indices = [d.index for d in debrief.scored.card.decisions]
            assert {log[i].inject for i in indices} >= set(answers)
            for row, index in enumerate(indices):
                entry = log[index]
                decisions.highlighted = row
                await pilot.press("w")
                await pilot.pause()
                modal = app.screen
                assert isinstance(modal, AlternativeModal)
                listed = modal.query_one(OptionList).options
                offered = [o.id for o in listed]
                label = str(listed[-1].prompt)
                if entry.inject is None:
                    assert offered == [a for a in in_play(scenario) if a != entry.action]
                else:
                    inject = next(i for i in scenario.injects if i.id == entry.inject)
                    assert inject.decision is not None
                    own = [o.id for o in inject.decision.options]
                    assert offered == [o for o in own if o != entry.choice]
                choice = offered[-1]
                assert choice is not None
                branch = debrief.query_one("#branch", Static)
                branch.update("")
                await pilot.press("end", "enter")  # the last one offered
                await wait_for(pilot, lambda b=branch: "What if" in str(b.render()))
                text = str(branch.render())
                expected = score(scenario, 1, replaced(log, index, choice, scenario))
                assert f"what-if:   score {expected.card.total:.1f}" in text, (index, text)
                assert (label if entry.inject else label.lower()) in text
            assert isinstance(app.screen, DebriefScreen) and app.is_running
