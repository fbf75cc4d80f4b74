"""The playbook and timeliness checks: each passes or fails with a reason naming the moment,
always as time since detection."""

from dataclasses import dataclass

from simulator.catalogue import CATALOGUE, CENSOR_OR_FUEL, GOLDEN_HOUR, MONITOR_WINDOW
from simulator.durations import format_duration
from simulator.engine.responses import (
    MIXED_NOTE,
    POSTURE_WORDS,
    fuels,
    misplaced,
    requirement,
    statements,
)
from simulator.engine.trajectory import Applied, Trajectory
from simulator.scenario.model import Scenario
from simulator.scoring.moments import after_detection, detected_at

LATE_COST_PER_HOUR = 25.0  # timeliness points lost per hour past the golden hour


@dataclass(frozen=True)
class Check:
    id: str  # stable, for objectives and JSON; never shown
    label: str  # what the trainee reads
    part: str  # "playbook" or "timeliness"
    passed: bool
    reason: str


def _label(action: str) -> str:
    return CATALOGUE[action].label.lower()


def _seen(a: Applied) -> bool:
    """A public statement, or a visible act on the brand's channels (deleting comments)."""
    return a.action != "none" and (CATALOGUE[a.action].public or CATALOGUE[a.action].never)


class Moments:
    """The decisions of one drill, and how to name their moments."""

    def __init__(self, trajectory: Trajectory) -> None:
        self.scenario: Scenario = trajectory.scenario
        self.acts = [a for a in trajectory.applied if a.action != "none"]

    def at(self, t: float) -> str:
        return after_detection(self.scenario, t)

    def this(self, a: Applied) -> str:
        return f"the {_label(a.action)} {self.at(a.t)}"

    def finished(self, action: str) -> float | None:
        first = next((a.t for a in self.acts if a.action == action), None)
        return None if first is None else first + CATALOGUE[action].busy

    def fuelling(self) -> list[Applied]:
        """Public statements that fuelled rather than answered, and visible censorship."""
        return [
            a
            for a in self.acts
            if a.action == "delete_comments"
            or (CATALOGUE[a.action].public and fuels(self.scenario, a.action))
        ]


def playbook_checks(trajectory: Trajectory) -> list[Check]:
    """calm, conciliatory, scope, options, the SCCT response, consistent, monitoring."""
    m = Moments(trajectory)
    public = [a for a in m.acts if CATALOGUE[a.action].public]
    answers = [a for a in public if not fuels(m.scenario, a.action)]
    substantive = [a for a in answers if a.action != "holding_statement"]
    first = substantive[0] if substantive else None
    return [
        _calm(m),
        _conciliatory(m),
        _scope(m, first),
        _options(m),
        scct_check(m, answers),
        _consistent(trajectory, m),
        _monitoring(m, public),
    ]


def _calm(m: Moments) -> Check:
    """No public or visible action before the facts (a holding statement is made to buy that
    time); a canned reply is a rush whenever it is sent."""
    canned = next((a for a in m.acts if a.action == "canned_reply"), None)
    if canned is not None:
        return Check(
            "calm", "Calm", "playbook", False, f"The stock reply {m.at(canned.t)} was rushed."
        )
    facts = m.finished("gather_facts")
    early = [
        a
        for a in m.acts
        if _seen(a) and a.action != "holding_statement" and (facts is None or a.t < facts)
    ]
    if early:
        when = "were never gathered" if facts is None else f"were only in {m.at(facts)}"
        return Check(
            "calm",
            "Calm",
            "playbook",
            False,
            f"{m.this(early[0]).capitalize()} came before the facts: they {when}.",
        )
    if facts is None:
        return Check("calm", "Calm", "playbook", True, "Nothing was said or done in public.")
    return Check(
        "calm",
        "Calm",
        "playbook",
        True,
        f"The facts were in {m.at(facts)}, before anything was said beyond a holding statement.",
    )


def _conciliatory(m: Moments) -> Check:
    bad = [a for a in m.acts if a.action in CENSOR_OR_FUEL]
    if bad:
        moments = ", ".join(m.this(a).removeprefix("the ") for a in bad)
        return Check(
            "conciliatory", "Conciliatory", "playbook", False, f"Censoring or fuelling: {moments}."
        )
    return Check(
        "conciliatory",
        "Conciliatory",
        "playbook",
        True,
        "No comment deleted, no argument, no blame.",
    )


def _scope(m: Moments, first: Applied | None) -> Check:
    done = m.finished("analyse_scope")
    label = "Scope analysed"
    if done is None:
        return Check(
            "scope", label, "playbook", False, "The scope (origin, age, reach) was never analysed."
        )
    if first is not None and done > first.t:
        return Check(
            "scope",
            label,
            "playbook",
            False,
            f"The scope was analysed {m.at(done)}, after {m.this(first)}.",
        )
    return Check("scope", label, "playbook", True, f"The scope was analysed {m.at(done)}.")


def _options(m: Moments) -> Check:
    done = m.finished("draft_options")
    crafted = next((a for a in m.acts if CATALOGUE[a.action].crafted), None)
    label = "Options drafted"
    if done is None:
        return Check("options", label, "playbook", False, "No response options were drafted.")
    if crafted is not None and done > crafted.t:
        return Check(
            "options",
            label,
            "playbook",
            False,
            f"{m.this(crafted).capitalize()} was written before the options were drafted "
            f"({m.at(done)}).",
        )
    return Check("options", label, "playbook", True, f"Response options were drafted {m.at(done)}.")


def scct_check(m: Moments, answers: list[Applied]) -> Check:
    """The response SCCT asks of this crisis (the one table: responses.SCCT), met by public
    statements that answered rather than fuelled; a defensive or misplaced statement fails it."""
    need = requirement(m.scenario)
    head = f"The crisis ({m.scenario.crisis.cluster}) needed {need.words}"
    wrong = [
        (a, why)
        for a in m.acts
        if CATALOGUE[a.action].public and a.action not in CENSOR_OR_FUEL
        for why in (fuels(m.scenario, a.action) or misplaced(m.scenario, a.action),)
        if why
    ]
    if wrong:
        what = "; ".join(f"{m.this(a)} did not help: {why}" for a, why in wrong)
        return Check(
            need.check, need.label, "playbook", False, f"{head}. {what[0].upper()}{what[1:]}."
        )
    met = [
        next((a for a in answers if a.action in statements(m.scenario, p)), None)
        for p in need.needs
    ]
    if all(met):
        given = " and ".join(m.this(a) for a in met if a is not None)
        return Check(need.check, need.label, "playbook", True, f"{head}: {given} gave it.")
    missing = " and ".join(
        POSTURE_WORDS[p] for p, a in zip(need.needs, met, strict=True) if a is None
    )
    return Check(
        need.check, need.label, "playbook", False, f"{head}; no public response gave {missing}."
    )


def _consistent(trajectory: Trajectory, m: Moments) -> Check:
    label = "Consistent"
    if trajectory.inconsistent:
        mixed = next(a for a in trajectory.applied if MIXED_NOTE in a.notes)
        return Check(
            "consistent",
            label,
            "playbook",
            False,
            f"{m.this(mixed).capitalize()} mixed denial with apology.",
        )
    return Check("consistent", label, "playbook", True, "Denial and apology were never mixed.")


def _monitoring(m: Moments, public: list[Applied]) -> Check:
    """Each public statement (an inject answered with one included) watched by a monitor that
    ran while it landed: started within MONITOR_WINDOW after it, or still running at it."""
    label = "Monitoring"
    if not public:
        return Check("monitoring", label, "playbook", False, "There was no response to monitor.")
    watched = [a.t for a in m.acts if a.action == "monitor"]
    window = format_duration(MONITOR_WINDOW)
    for a in public:
        if not any(abs(w - a.t) <= MONITOR_WINDOW for w in watched):  # fmt: skip
            return Check(
                "monitoring",
                label,
                "playbook",
                False,
                f"Nobody watched how {m.this(a)} landed (no monitoring within {window}).",
            )
    return Check(
        "monitoring", label, "playbook", True, "Every response was followed by monitoring."
    )


def timeliness_checks(trajectory: Trajectory) -> tuple[list[Check], float]:
    """The golden hour after detection, and the injects' questions answered in time;
    with the timeliness score (0..100)."""
    m = Moments(trajectory)
    first = trajectory.first_public
    label = "Golden hour"
    if first is None:
        fuelled = m.fuelling()
        reason = (
            "Nothing answered the crisis: "
            + ", ".join(m.this(a) for a in fuelled)
            + " fuelled it instead."
            if fuelled
            else "There was no public response at all."
        )
        golden = Check("golden_hour", label, "timeliness", False, reason)
        response_points = 0.0
    else:
        late = max(0.0, first - detected_at(m.scenario) - GOLDEN_HOUR)
        golden = Check(
            "golden_hour",
            label,
            "timeliness",
            late == 0,
            f"First public response {m.at(first)}: "
            + (
                f"within the golden hour ({format_duration(GOLDEN_HOUR)})."
                if late == 0
                else f"{format_duration(late)} past the golden hour "
                f"({format_duration(GOLDEN_HOUR)} after detection)."
            ),
        )
        response_points = max(0.0, 100.0 - LATE_COST_PER_HOUR * late / 3600)
    checks = [golden]
    answers = [a for a in trajectory.applied if a.inject is not None]
    if not answers:
        return checks, response_points
    missed = [a for a in answers if a.by != "trainee"]
    titles = {i.id: i.title for i in m.scenario.injects}
    checks.append(
        Check(
            "injects_answered",
            "Questions answered",
            "timeliness",
            not missed,
            "Every question was answered in time."
            if not missed
            else "Left to the default: "
            + "; ".join(f"“{titles[a.inject or '']}” ({m.at(a.t)})" for a in missed)
            + ".",
        )
    )
    answered = 100.0 * (len(answers) - len(missed)) / len(answers)
    return checks, (2 * response_points + answered) / 3
