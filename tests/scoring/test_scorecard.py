"""Scorecards are reproducible, name their moments, and fork a drill where it was."""

import json

import pytest

from simulator.cli import main
from simulator.engine.runner import log_from_records, named_policy, play, replay
from simulator.policies import playbook
from simulator.scoring import score
from simulator.scoring.annotations import percent
from simulator.scoring.outcome import IGNORE_POINTS
from simulator.scoring.scorecard import score_trajectory
from tests.conftest import shipped, steps


def test_rescoring_a_stored_action_log_gives_the_identical_scorecard(capsys) -> None:
    assert main(["run", "rude-reply", "--policy", "expert", "--seed", "7", "--json"]) == 0
    stored = json.loads(json.dumps(json.loads(capsys.readouterr().out)))  # as a file holds it
    again = score(shipped("rude-reply"), 7, log_from_records(stored["actions"]))
    keys = ("score", "harm", "outcome", "detected_at", "checks", "decisions")
    assert again.card.to_json() == {k: stored[k] for k in keys}
    assert again.trajectory.digest == stored["trajectory_digest"]


def test_run_json_has_the_scorecard(capsys) -> None:
    assert main(["run", "false-rumour", "--policy", "ignore", "--seed", "2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["score"]["outcome"] == IGNORE_POINTS  # doing nothing: the low anchor
    assert out["outcome"]["ratio"] == 0.0 and not out["outcome"]["beyond_reference"]
    assert {"total", "outcome", "playbook", "timeliness"} == out["score"].keys()
    assert {"id", "label", "part", "passed", "reason"} == out["checks"][0].keys()
    golden = next(c for c in out["checks"] if c["id"] == "golden_hour")
    assert not golden["passed"] and "no public response" in golden["reason"]


def test_checks_name_the_moment_of_a_rushed_reply() -> None:
    scenario = shipped("rude-reply")
    log = play(scenario, 1, steps(("10m", "public_apology"), ("20m", "gather_facts"))).applied
    checks = {c.id: c for c in score(scenario, 1, log, annotate=False).card.checks}
    assert not checks["calm"].passed
    assert checks["calm"].reason == (
        "The public apology 0s after detection came before the facts: "
        "they were only in 30m after detection."
    )
    assert checks["rebuild"].passed  # an apology is a rebuild response


def test_weights_come_from_the_scenario() -> None:
    scenario = shipped("sale-outage")
    outcome_only = scenario.model_copy(
        update={"scoring": scenario.scoring.model_copy(update={"playbook": 0, "timeliness": 0})}
    )
    log = play(scenario, 3, playbook(scenario)).applied
    default, weighted = score(scenario, 3, log, False).card, score(outcome_only, 3, log, False).card
    assert weighted.total == weighted.outcome == default.outcome
    expected = 0.6 * default.outcome + 0.25 * default.playbook + 0.15 * default.timeliness
    assert abs(default.total - expected) < 0.1


def test_fork_restarts_just_before_a_decision_on_the_same_seed() -> None:
    scenario = shipped("rude-reply")
    drill = play(scenario, 5, named_policy(scenario, "expert"))
    inject_at = next(n for n, a in enumerate(drill.applied) if a.inject == "journalist-call")
    for index in (4, inject_at):
        fork = drill.fork(index)
        assert fork.now == drill.applied[index].t and len(fork.applied) == index
        mine, theirs = fork.trajectory().timeline, drill.trajectory().timeline
        assert mine["negative_mentions"].tolist() == (
            theirs["negative_mentions"][: len(mine["t"])].tolist()
        )
        for entry in drill.applied[index:]:
            fork.redo(entry)
        fork.run_to_end()
        assert fork.digest() == drill.digest()
    assert drill.fork(inject_at).awaiting is not None  # the question is asked again


def test_a_branch_scores_against_the_same_counterfactuals() -> None:
    scenario = shipped("rude-reply")
    drill = play(scenario, 5, named_policy(scenario, "expert"))
    fork = drill.fork(4)  # just before the public apology: argue instead
    fork.act("argue")
    fork.run_to_end()
    branch = score(scenario, 5, fork.applied)
    original = score(scenario, 5, drill.applied)
    assert branch.card.harm["ignore"] == original.card.harm["ignore"]
    assert branch.card.harm["expert"] == original.card.harm["expert"]
    assert branch.card.total < original.card.total
    assert branch.card.decisions[4].action == "argue"
    assert branch.card.decisions[4].effect == "fuelled"


def test_a_replayed_log_that_does_not_fit_is_refused() -> None:
    from simulator.engine.engine import Applied, ReplayError

    scenario = shipped("rude-reply")
    log = play(scenario, 1, named_policy(scenario, "expert")).applied
    edited = [*log[:2], Applied(t=log[2].t, action="fly_to_the_moon", by="trainee"), *log[3:]]
    for bad in (edited, [a for a in log if a.inject is None]):
        try:
            replay(scenario, 1, bad)
        except ReplayError as error:
            assert str(error)
        else:
            raise AssertionError("a log that does not fit was replayed")


def test_shares_are_said_the_way_people_say_them() -> None:
    """A significant effect is never said as "under 0.1%" (a fuelled decision read "+under
    0.1%"): small shares keep two figures."""
    assert [percent(s) for s in (0.00004, 0.0004, 0.00123, -0.0123, 0.2, 1.734)] == [
        "under 0.01%",
        "0.04%",
        "0.12%",
        "1.2%",
        "20%",
        "173%",
    ]


@pytest.mark.parametrize("name", ["rude-reply", "sale-outage"])
def test_a_played_drill_scores_as_its_replay(name: str) -> None:
    """The debrief's what-if scores the branch it has just played (no second replay): the
    same card as replaying its log."""
    scenario = shipped(name)
    played = play(scenario, 3, named_policy(scenario, "expert")[:3])
    replayed = score(scenario, 3, played.trajectory().applied, annotate=False)
    assert score_trajectory(played.trajectory()).card == replayed.card
