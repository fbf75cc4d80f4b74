"""Headless drills: play a policy (a list of timed steps) through an engine."""

from collections.abc import Mapping, Sequence

from simulator.engine import clock
from simulator.engine.engine import Applied, Engine
from simulator.scenario.model import PolicyStep, Scenario


def named_policy(scenario: Scenario, name: str) -> list[PolicyStep]:
    """The built-in policies: `expert` (the scenario's reference) and `ignore` (do nothing)."""
    return list(scenario.expert) if name == "expert" else []


def on_grid(scenario: Scenario, at: float) -> float:
    """The first tick boundary at or after `at`: when an action at `at` takes effect."""
    return min(clock.up(at, scenario.clock.tick), scenario.clock.duration)


def play(
    scenario: Scenario,
    seed: int,
    steps: list[PolicyStep],
    until: float | None = None,
    engine: Engine | None = None,
) -> Engine:
    """Run `steps` to `until` (default: the end); inject questions get the policy's choice
    when it names one, else their default."""
    engine = engine or Engine(scenario, seed)
    answers = {s.inject: s.choice for s in steps if s.inject is not None}
    actions = sorted((s for s in steps if s.action is not None), key=lambda s: s.at)
    end = scenario.clock.duration if until is None else until
    for step in actions:
        at = on_grid(scenario, step.at)
        if at > end:
            break
        advance(engine, at, answers)
        assert step.action is not None
        engine.act(step.action)
    advance(engine, end, answers)
    return engine


def advance(engine: Engine, until: float, answers: Mapping[str, str | None]) -> None:
    """Step to `until`, answering each inject from `answers` (or letting its default apply)."""
    while True:
        asked = engine.step(until)
        if asked is None:
            return
        engine.answer(answers.get(asked.id))


def replay(scenario: Scenario, seed: int, log: Sequence[Applied], to_end: bool = True) -> Engine:
    """Replay a recorded action log exactly, to the end of the drill (or to its last entry)."""
    engine = Engine(scenario, seed)
    for entry in log:
        engine.redo(entry)
    if to_end:
        engine.run_to_end()
    return engine


def log_to_records(log: Sequence[Applied]) -> list[dict]:
    """What replays a log exactly, as JSON: the time and the decision of each entry."""
    return [
        {"t": a.t, "action": a.action, "by": a.by, "inject": a.inject, "choice": a.choice}
        for a in log
    ]


def log_from_records(records: list[dict]) -> list[Applied]:
    """An action log from its JSON form (the `actions` of a drill result)."""
    return [
        Applied(
            t=float(r["t"]),
            action=str(r["action"]),
            by=str(r.get("by", "trainee")),
            inject=r.get("inject"),
            choice=r.get("choice"),
        )
        for r in records
    ]


def as_steps(log: Sequence[Applied]) -> list[PolicyStep]:
    """A log as a policy: its actions at their times, its answers by inject (so that they
    still apply in a branch where the inject fires at another time)."""
    steps = []
    for entry in log:
        if entry.inject is None:
            steps.append(PolicyStep(at=entry.t, action=entry.action))
        elif entry.by == "trainee":
            steps.append(PolicyStep(at=entry.t, inject=entry.inject, choice=entry.choice))
    return steps
