"""The playbook and timeliness checks: each passes or fails with a reason naming the moment."""

from dataclasses import dataclass

from simulator.catalogue import CATALOGUE, CENSOR_OR_FUEL, GOLDEN_HOUR, MONITOR_WINDOW
from simulator.durations import format_duration
from simulator.engine.responses import MIXED_NOTE, effective_cluster
from simulator.engine.trajectory import Applied, Trajectory

# SCCT: the least accommodation each cluster requires (catalogue scale: 1 deny ... 4 rebuild).
REQUIRED_ACCOMMODATION = {0: 1, 1: 2, 2: 4}
ACCOMMODATION_WORDS = {1: "instructing information or denial", 2: "an explanation", 4: "rebuild"}
LATE_COST_PER_HOUR = 25.0  # timeliness points lost per hour past the golden hour


@dataclass(frozen=True)
class Check:
    id: str
    part: str  # "playbook" or "timeliness"
    passed: bool
    reason: str


def _at(t: float) -> str:
    return f"at {format_duration(t)}"


def _label(action: str) -> str:
    return CATALOGUE[action].label.lower()


def _finished_at(decisions: list[Applied], action: str) -> float | None:
    first = next((a.t for a in decisions if a.action == action), None)
    return None if first is None else first + CATALOGUE[action].busy


def playbook_checks(trajectory: Trajectory) -> list[Check]:
    """calm, conciliatory, scope, options, rebuild (at fault only), accommodation,
    consistent, monitoring."""
    scenario = trajectory.scenario
    acts = [a for a in trajectory.applied if a.action != "none"]
    public = [a for a in acts if CATALOGUE[a.action].public]
    substantive = [a for a in public if a.action not in ("holding_statement", *CENSOR_OR_FUEL)]
    first = substantive[0] if substantive else None
    checks = [_calm(acts, first), _conciliatory(acts), _scope(acts, first)]
    checks.append(_options(acts))
    if scenario.crisis.at_fault:
        checks.append(_rebuild(acts))
    checks.append(_accommodation(public, effective_cluster(scenario)))
    checks.append(_consistent(trajectory))
    checks.append(_monitoring(acts, public))
    return checks


def _calm(acts: list[Applied], first: Applied | None) -> Check:
    canned = next((a for a in acts if a.action == "canned_reply"), None)
    if canned is not None:
        return Check("calm", "playbook", False, f"The stock reply {_at(canned.t)} was rushed.")
    if first is None:
        return Check("calm", "playbook", True, "Nothing was said in public in a rush.")
    facts = _finished_at(acts, "gather_facts")
    if facts is None or facts > first.t:
        when = "were never gathered" if facts is None else f"were only in {_at(facts)}"
        return Check(
            "calm",
            "playbook",
            False,
            f"The {_label(first.action)} {_at(first.t)} came before the facts: they {when}.",
        )
    return Check(
        "calm",
        "playbook",
        True,
        f"The facts were in {_at(facts)}, before the first "
        f"public response ({_label(first.action)} {_at(first.t)}).",
    )


def _conciliatory(acts: list[Applied]) -> Check:
    bad = [a for a in acts if a.action in CENSOR_OR_FUEL]
    if bad:
        moments = ", ".join(f"{_label(a.action)} {_at(a.t)}" for a in bad)
        return Check("conciliatory", "playbook", False, f"Censoring or fuelling: {moments}.")
    return Check("conciliatory", "playbook", True, "No comment deleted, no argument, no blame.")


def _scope(acts: list[Applied], first: Applied | None) -> Check:
    done = _finished_at(acts, "analyse_scope")
    if done is None:
        return Check(
            "scope", "playbook", False, "The scope (origin, age, reach) was never analysed."
        )
    if first is not None and done > first.t:
        return Check(
            "scope",
            "playbook",
            False,
            f"The scope was analysed {_at(done)}, after the {_label(first.action)} {_at(first.t)}.",
        )
    return Check("scope", "playbook", True, f"The scope was analysed {_at(done)}.")


def _options(acts: list[Applied]) -> Check:
    done = _finished_at(acts, "draft_options")
    crafted = next((a for a in acts if CATALOGUE[a.action].crafted), None)
    if done is None:
        return Check("options", "playbook", False, "No response options were drafted.")
    if crafted is not None and done > crafted.t:
        return Check(
            "options",
            "playbook",
            False,
            f"The {_label(crafted.action)} {_at(crafted.t)} "
            f"was written before the options were drafted ({_at(done)}).",
        )
    return Check("options", "playbook", True, f"Response options were drafted {_at(done)}.")


def _rebuild(acts: list[Applied]) -> Check:
    apology = next((a for a in acts if a.action == "public_apology"), None)
    correct = next((a for a in acts if a.action == "acknowledge_correct"), None)
    if apology and correct:
        return Check(
            "rebuild",
            "playbook",
            True,
            f"The brand was at fault: it apologised "
            f"{_at(apology.t)} and corrected {_at(correct.t)}.",
        )
    missing = " and ".join(
        word for word, a in (("apology", apology), ("correction", correct)) if a is None
    )
    return Check(
        "rebuild", "playbook", False, f"The brand was at fault, but there was no public {missing}."
    )


def _accommodation(public: list[Applied], cluster: int) -> Check:
    need = REQUIRED_ACCOMMODATION[cluster]
    fair = [a for a in public if not CATALOGUE[a.action].never]
    best = max(fair, key=lambda a: CATALOGUE[a.action].accommodation, default=None)
    level = CATALOGUE[best.action].accommodation if best else 0
    if level >= need:
        assert best is not None
        return Check(
            "accommodation",
            "playbook",
            True,
            f"The crisis needed at least {ACCOMMODATION_WORDS[need]}: "
            f"the {_label(best.action)} {_at(best.t)} gave it.",
        )
    return Check(
        "accommodation",
        "playbook",
        False,
        f"The crisis needed at least {ACCOMMODATION_WORDS[need]}; no public response gave it.",
    )


def _consistent(trajectory: Trajectory) -> Check:
    if trajectory.inconsistent:
        mixed = next(a for a in trajectory.applied if MIXED_NOTE in a.notes)
        return Check(
            "consistent",
            "playbook",
            False,
            f"The {_label(mixed.action)} {_at(mixed.t)} mixed denial with apology.",
        )
    return Check("consistent", "playbook", True, "Denial and apology were never mixed.")


def _monitoring(acts: list[Applied], public: list[Applied]) -> Check:
    if not public:
        return Check("monitoring", "playbook", False, "There was no response to monitor.")
    watched = [a.t for a in acts if a.action == "monitor"]
    for a in public:
        if not any(a.t <= w <= a.t + MONITOR_WINDOW for w in watched):
            return Check(
                "monitoring",
                "playbook",
                False,
                f"Nobody watched how the {_label(a.action)} "
                f"{_at(a.t)} landed (no monitoring within {format_duration(MONITOR_WINDOW)}).",
            )
    return Check("monitoring", "playbook", True, "Every response was followed by monitoring.")


def timeliness_checks(trajectory: Trajectory) -> tuple[list[Check], float]:
    """The golden hour after detection, and the injects' questions answered in time;
    with the timeliness score (0..100)."""
    detected = trajectory.scenario.crisis.detected_at
    deadline = detected + GOLDEN_HOUR
    first = trajectory.first_public
    if first is None:
        golden = Check("golden_hour", "timeliness", False, "There was no public response at all.")
        response_points = 0.0
    else:
        late = max(0.0, first - deadline)
        golden = Check(
            "golden_hour",
            "timeliness",
            late == 0,
            f"First public response {_at(first)}: "
            + ("within the golden hour." if late == 0 else f"{format_duration(late)} late."),
        )
        response_points = max(0.0, 100.0 - LATE_COST_PER_HOUR * late / 3600)
    checks = [golden]
    answers = [a for a in trajectory.applied if a.inject is not None]
    if not answers:
        return checks, response_points
    missed = [a for a in answers if a.by != "trainee"]
    checks.append(
        Check(
            "injects_answered",
            "timeliness",
            not missed,
            "Every question was answered in time."
            if not missed
            else "Left to the default: "
            + ", ".join(f"{a.inject} {_at(a.t)}" for a in missed)
            + ".",
        )
    )
    answered = 100.0 * (len(answers) - len(missed)) / len(answers)
    return checks, (2 * response_points + answered) / 3
