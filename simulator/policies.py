"""Built-in policies, generated from the catalogue and the crisis cluster: what calibration,
the validity tests and the benchmarks play besides a scenario's own expert.

Each is a list of timed steps after detection, restricted to the actions in play:
- `playbook`: gather the facts, analyse, hold, draft options, the response SCCT asks of the
  cluster, monitor (twice);
- `rushed`: a canned reply at once;
- `mistakes`: delete comments, argue, blame the customer;
- `random`: a few actions in play at random times in the first hours, and a random answer to
  each inject's question, drawn from the seed (the same seed gives the same policy).
"""

from collections.abc import Callable

import numpy as np

from simulator.engine.responses import requirement
from simulator.engine.runner import named_policy
from simulator.scenario.checks import in_play
from simulator.scenario.model import PolicyStep, Scenario

# The response SCCT asks for in each table row (responses.SCCT), by the check that grades it.
SCCT_RESPONSE = {
    "instructing": ("deny_with_evidence",),
    "adjusting": ("acknowledge_correct", "conciliatory_reply"),
    "rebuild": ("public_apology", "acknowledge_correct"),
}
RANDOM_ACTIONS = (1, 6)  # a random policy takes this many actions (inclusive)
RANDOM_WINDOW = 6 * 3600.0  # within this long after detection
RANDOM_STREAM = 0x5EED  # its draws are their own stream of the seed (not the engine's)


def after_detection(scenario: Scenario, *pairs: tuple[float, str]) -> list[PolicyStep]:
    """Steps at `minutes` after the crisis is detected (actions not in play are left out)."""
    t0, playable = scenario.crisis.detected_at, in_play(scenario)
    return [
        PolicyStep(at=t0 + 60 * minutes, action=action)
        for minutes, action in pairs
        if action in playable
    ]


def playbook(scenario: Scenario, response: tuple[str, ...] | None = None) -> list[PolicyStep]:
    """Gather facts, analyse, hold, draft options, the SCCT-right response, monitor."""
    response = response or SCCT_RESPONSE[requirement(scenario).check]
    return after_detection(
        scenario,
        (0, "gather_facts"),
        (1, "analyse_scope"),
        (5, "holding_statement"),
        (6, "draft_options"),
        *((30 + 5 * n, action) for n, action in enumerate(response)),
        (60, "monitor"),
        (150, "monitor"),
    )


def rushed(scenario: Scenario) -> list[PolicyStep]:
    return after_detection(scenario, (0, "canned_reply"))


def mistakes(scenario: Scenario) -> list[PolicyStep]:
    return after_detection(scenario, (0, "delete_comments"), (30, "argue"), (60, "blame_customer"))


def random_play(scenario: Scenario, seed: int) -> list[PolicyStep]:
    """A few actions in play at random times, and a random answer to every question."""
    rng = np.random.default_rng([RANDOM_STREAM, seed])
    t0 = scenario.crisis.detected_at
    window = min(RANDOM_WINDOW, scenario.clock.duration - t0)
    actions = in_play(scenario)
    count = int(rng.integers(RANDOM_ACTIONS[0], RANDOM_ACTIONS[1] + 1))
    times = t0 + rng.uniform(0, window, count)
    picks = rng.integers(len(actions), size=count)
    steps = [PolicyStep(at=float(t), action=actions[k]) for t, k in zip(times, picks, strict=True)]
    for inject in scenario.injects:
        if inject.decision is not None:
            options = inject.decision.options
            choice = options[int(rng.integers(len(options)))].id
            steps.append(PolicyStep(at=t0, inject=inject.id, choice=choice))
    return steps


POLICIES: dict[str, Callable[[Scenario], list[PolicyStep]]] = {
    "playbook": playbook,
    "rushed": rushed,
    "mistakes": mistakes,
}
NAMES = ("ignore", "expert", "random", "mistakes", "playbook", "rushed")


def policy_steps(scenario: Scenario, name: str, seed: int) -> list[PolicyStep]:
    """The steps of a built-in policy by name (`random` draws from `seed`)."""
    if name in ("expert", "ignore"):
        return named_policy(scenario, name)
    if name == "random":
        return random_play(scenario, seed)
    return POLICIES[name](scenario)
