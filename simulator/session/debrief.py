"""The group debrief of a session (the "hot wash"): per decision point, what the group chose and
how each choice did; the best and worst turn taken; the group against the expert; and, for each
decision point, the coupled counterfactual of the group's most common choice against the
expert's.

Decision points: the k-th decision a trainee took on their own (their first, second... action),
and each inject that asked a question (its answer, or the default when time ran out). Every
figure but the counterfactuals comes from the stored scorecards (no replay). A counterfactual
plays the expert's reference on the session's seed with that one decision changed to the
group's most common choice: same seed, same draws, so the difference in outcome is that
choice's doing, all else as the expert played it.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from simulator.catalogue import CATALOGUE
from simulator.engine.runner import play
from simulator.scenario.model import PolicyStep, Scenario
from simulator.scoring import score
from simulator.scoring.outcome import avoidable, baselines, outcome_score, scale
from simulator.store.records import SCORE_PARTS, DrillRecord

STRENGTH_SHARE = 0.75  # a playbook check passed by this share of the group is a strength
WEAK_SHARE = 0.5  # ...failed by this share, an area for improvement
COSTLY = 0.05  # a common choice that loses this share of what the expert avoided, or more
QUORUM = 0.5  # a decision point reached by fewer of the group says nothing of the group


@dataclass(frozen=True)
class Choice:
    """One answer at a decision point: who took it and how they did on average."""

    id: str  # an action id (own decisions) or an inject's option id
    label: str
    count: int
    share: float  # of the trainees who reached the decision point
    mean_total: float
    mean_outcome: float


@dataclass(frozen=True)
class Counterfactual:
    """The expert's reference on the same seed, with this decision the group's common one."""

    expert_outcome: float  # 0..100, the reference as played
    common_outcome: float  # the reference with the group's choice here
    expert_harm: float  # avoidable negative impressions
    common_harm: float
    scale: float  # what the expert avoided on this seed (the outcome's scale)

    @property
    def lost(self) -> float:
        """The share of what the expert avoided that the group's choice gives away (negative:
        it avoids more); unlike the outcome points it is not capped at the reference."""
        return (self.common_harm - self.expert_harm) / self.scale


@dataclass(frozen=True)
class Point:
    """A decision point: the k-th own decision, or an inject's question."""

    key: str  # "decision-2", "inject-journalist-call"
    title: str
    reached: int  # trainees who took a decision here
    choices: list[Choice]  # most taken first
    expert: str | None  # the expert's choice here (None: the expert takes no decision here)
    expert_label: str
    counterfactual: Counterfactual | None  # None when there is no expert choice to change

    @property
    def common(self) -> Choice:
        return self.choices[0]


@dataclass(frozen=True)
class Turn:
    """One decision of one trainee with its annotated effect (share of the drill's scale)."""

    drill_id: int
    name: str
    team: str
    title: str
    t: float
    effect: str
    share: float


@dataclass(frozen=True)
class GroupDebrief:
    session: str
    drill_code: str
    scenario: Scenario
    drills: list[DrillRecord]
    means: dict[str, float]  # the group's mean of each score part
    expert: dict[str, float]  # the expert's reference on the same seed, same parts
    points: list[Point]
    best: Turn | None
    worst: Turn | None
    checks: list[tuple[str, float]]  # each playbook/timeliness check and the share who passed
    strengths: list[str] = field(default_factory=list)
    improvements: list[str] = field(default_factory=list)


def _own(record: DrillRecord) -> list[dict[str, Any]]:
    return [a for a in record.actions if a.get("inject") is None and a.get("by") == "trainee"]


def _answers(record: DrillRecord) -> dict[str, dict[str, Any]]:
    return {a["inject"]: a for a in record.actions if a.get("inject") is not None}


def _choices(
    taken: Sequence[tuple[str, DrillRecord]], labels: dict[str, str], reached: int
) -> list[Choice]:
    counts = Counter(choice for choice, _ in taken)
    order = sorted(counts, key=lambda c: (-counts[c], c))  # ties: by id, so it is stable
    out = []
    for choice in order:
        records = [r for c, r in taken if c == choice]
        out.append(
            Choice(
                choice,
                labels.get(choice, choice),
                len(records),
                len(records) / reached,
                fmean(r.score["total"] for r in records),
                fmean(r.score["outcome"] for r in records),
            )
        )
    return out


class _Reference:
    """The expert's reference on the session's seed, and its coupled variants."""

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self.scenario, self.seed = scenario, seed
        ignore, expert = baselines(scenario, seed)
        self.ignore_harm, self.expert_harm = ignore.harm, expert.harm
        self.steps = list(scenario.expert)
        self.actions = [s for s in self.steps if s.action is not None]

    def outcome(self, harm: float) -> float:
        return round(outcome_score(harm, self.ignore_harm, self.expert_harm).score, 1)

    def variant(self, steps: list[PolicyStep]) -> Counterfactual:
        engine = play(self.scenario, self.seed, steps)
        harm = avoidable(engine.trajectory()).total
        return Counterfactual(
            self.outcome(self.expert_harm),
            self.outcome(harm),
            self.expert_harm,
            harm,
            scale(self.ignore_harm, self.expert_harm),
        )

    def with_action(self, k: int, action: str) -> Counterfactual:
        """The reference with its k-th action (0-based) replaced by `action`, same time."""
        old = self.actions[k]
        new = old.model_copy(update={"action": action})
        return self.variant([new if s is old else s for s in self.steps])

    def with_answer(self, inject: str, choice: str) -> Counterfactual:
        steps = [s for s in self.steps if s.inject != inject]
        at = next((s.at for s in self.steps if s.inject == inject), 0.0)
        return self.variant([*steps, PolicyStep(at=at, inject=inject, choice=choice)])

    def answer(self, inject: str) -> str | None:
        """The expert's answer to an inject: its own, else the inject's default."""
        chosen = next((s.choice for s in self.steps if s.inject == inject), None)
        spec = next(i for i in self.scenario.injects if i.id == inject)
        return chosen or (spec.decision.default if spec.decision else None)


def group_debrief(
    session: str,
    drill_code: str,
    scenario: Scenario,
    seed: int,
    drills: Sequence[DrillRecord],
    counterfactuals: bool = True,
) -> GroupDebrief:
    """The debrief of a session's finished drills (all on `scenario` and `seed`)."""
    done = [d for d in drills if d.status == "done" and d.scorecard]
    if not done:
        raise ValueError("no finished drill in the session yet")
    ref = _Reference(scenario, seed)
    points = _own_points(done, ref, counterfactuals) + _inject_points(
        done, scenario, ref, counterfactuals
    )
    turns = [
        Turn(
            d.id or 0,
            d.name,
            d.team,
            dec["title"],
            float(dec["t"]),
            dec["effect"],
            float(dec["share"]),
        )
        for d in done
        for dec in (d.scorecard or {}).get("decisions", [])
    ]
    calming = [t for t in turns if t.share < 0]
    fuelling = [t for t in turns if t.share > 0]
    best = min(calming, key=lambda t: (t.share, t.drill_id, t.t)) if calming else None
    worst = max(fuelling, key=lambda t: (t.share, -t.drill_id, -t.t)) if fuelling else None
    checks = _check_shares(done)
    means = {p: round(fmean(d.score[p] for d in done), 1) for p in SCORE_PARTS}
    expert_card = _expert_card(scenario, seed)
    debrief = GroupDebrief(
        session, drill_code, scenario, list(done), means, expert_card, points, best, worst, checks
    )
    _assess(debrief, len(done))
    return debrief


def _expert_card(scenario: Scenario, seed: int) -> dict[str, float]:
    engine = play(scenario, seed, list(scenario.expert))
    card = score(scenario, seed, engine.trajectory().applied, annotate=False).card
    return {"total": card.total, "outcome": card.outcome, "playbook": card.playbook,
            "timeliness": card.timeliness}  # fmt: skip


def _own_points(done: list[DrillRecord], ref: _Reference, cf: bool) -> list[Point]:
    labels = {a: spec.label for a, spec in CATALOGUE.items()}
    depth = max(len(_own(d)) for d in done)
    points = []
    for k in range(depth):
        taken = [(_own(d)[k]["action"], d) for d in done if len(_own(d)) > k]
        choices = _choices(taken, labels, len(taken))
        expert = ref.actions[k].action if k < len(ref.actions) else None
        counter = None
        if cf and expert is not None:
            counter = ref.with_action(k, choices[0].id)
        points.append(
            Point(
                f"decision-{k + 1}",
                f"Decision {k + 1}",
                len(taken),
                choices,
                expert,
                labels.get(expert or "", "no decision"),
                counter,
            )
        )
    return points


def _inject_points(
    done: list[DrillRecord], scenario: Scenario, ref: _Reference, cf: bool
) -> list[Point]:
    points = []
    for inject in scenario.injects:
        if inject.decision is None:
            continue
        labels = {o.id: o.label for o in inject.decision.options}
        taken = []
        for d in done:
            answer = _answers(d).get(inject.id)
            if answer is not None:
                taken.append((str(answer["choice"]), d))
        if not taken:
            continue
        choices = _choices(taken, labels, len(taken))
        expert = ref.answer(inject.id)
        counter = ref.with_answer(inject.id, choices[0].id) if cf and expert else None
        points.append(
            Point(
                f"inject-{inject.id}",
                f'Inject "{inject.title}"',
                len(taken),
                choices,
                expert,
                labels.get(expert or "", "no decision"),
                counter,
            )
        )
    return points


def _check_shares(done: list[DrillRecord]) -> list[tuple[str, float]]:
    passed: dict[str, list[bool]] = {}
    for d in done:
        for check in (d.scorecard or {}).get("checks", []):
            passed.setdefault(check["label"], []).append(bool(check["passed"]))
    return [(label, sum(v) / len(v)) for label, v in passed.items()]


def _assess(debrief: GroupDebrief, group: int) -> None:
    """The AAR's strengths and areas for improvement, each naming its decision point."""
    for point in debrief.points:
        common, cf = point.common, point.counterfactual
        if point.reached < QUORUM * group:
            continue
        if point.expert is not None and common.id == point.expert:
            debrief.strengths.append(
                f"{point.title}: {common.share:.0%} chose {common.label}, as the expert did"
            )
        elif cf is not None and cf.lost >= COSTLY:
            debrief.improvements.append(
                f"{point.title}: {common.share:.0%} chose {common.label} where the expert chose "
                f"{point.expert_label}; in the expert's play that choice gives away "
                f"{cf.lost:.0%} of what the expert avoided"
            )
    for label, share in debrief.checks:
        if share >= STRENGTH_SHARE:
            debrief.strengths.append(f"{label}: passed by {share:.0%}")
        elif share <= 1 - WEAK_SHARE:
            debrief.improvements.append(f"{label}: passed by only {share:.0%}")
