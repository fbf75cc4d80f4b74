"""A debrief what-if: the drill with one decision replaced, scored from the branch itself."""

import pytest

from simulator.engine.runner import as_steps, play
from simulator.policies import playbook
from simulator.scoring import score
from simulator.scoring.scorecard import what_if
from tests.conftest import shipped


def _replayed(played, index: int, choice: str):
    """The what-if as a replay from the start would score it (the reference)."""
    fork = played.fork(index)
    log = played.applied
    if log[index].inject is not None:
        fork.answer(choice)
    else:
        fork.act(choice)
    play(fork.scenario, fork.seed, as_steps(log[index + 1 :]), engine=fork)
    return score(fork.scenario, fork.seed, fork.trajectory().applied, annotate=False)


@pytest.mark.parametrize(
    ("name", "index", "choice"), [("rude-reply", 4, "argue"), ("sale-outage", 1, "monitor")]
)
def test_what_if_scores_as_a_replay_of_its_log(name: str, index: int, choice: str) -> None:
    scenario = shipped(name)
    played = play(scenario, 3, playbook(scenario))
    branch = what_if(played, index, choice)
    reference = _replayed(played, index, choice)
    assert branch.trajectory.digest == reference.trajectory.digest
    assert branch.card == reference.card
    assert branch.trajectory.applied[index].action == choice != played.applied[index].action


def test_what_if_answers_an_inject_otherwise() -> None:
    scenario = shipped("sale-outage")
    played = play(scenario, 2, playbook(scenario))
    index = next(n for n, a in enumerate(played.applied) if a.inject is not None)
    inject = next(i for i in scenario.injects if i.id == played.applied[index].inject)
    assert inject.decision is not None
    other = next(o.id for o in inject.decision.options if o.id != played.applied[index].choice)
    branch = what_if(played, index, other)
    assert branch.trajectory.applied[index].choice == other
    assert branch.card == _replayed(played, index, other).card
