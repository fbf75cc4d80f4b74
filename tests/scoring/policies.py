"""Policies the validity tests write themselves, per scenario (times after detection)."""

from simulator.engine.responses import requirement
from simulator.scenario import PolicyStep, Scenario

# The response SCCT asks for in each table row (responses.SCCT), by the check that grades it.
SCCT_RESPONSE = {
    "instructing": ("deny_with_evidence",),
    "adjusting": ("acknowledge_correct", "conciliatory_reply"),
    "rebuild": ("public_apology", "acknowledge_correct"),
}


def after_detection(scenario: Scenario, *pairs: tuple[float, str]) -> list[PolicyStep]:
    """Steps at `minutes` after the crisis is detected."""
    t0 = scenario.crisis.detected_at
    return [PolicyStep(at=t0 + 60 * minutes, action=action) for minutes, action in pairs]


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


POLICIES = {"playbook": playbook, "rushed": rushed, "mistakes": mistakes}
