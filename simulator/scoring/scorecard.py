"""The scorecard: a pure function of (scenario, seed, action log, engine version)."""

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from simulator.engine.engine import Engine
from simulator.engine.runner import as_steps, play
from simulator.engine.trajectory import Applied, Trajectory, decision_title
from simulator.engine.version import ENGINE_VERSION
from simulator.labels import effect_mark
from simulator.scenario.model import Scenario
from simulator.scoring import annotations
from simulator.scoring.moments import detected_at
from simulator.scoring.outcome import Trace, avoidable, baselines, headline, outcome_score
from simulator.scoring.playbook import Check, playbook_checks, timeliness_checks

HARM_UNIT = "avoidable negative impressions"


@dataclass(frozen=True)
class Scorecard:
    total: float  # 0..100, like each part
    outcome: float
    playbook: float
    timeliness: float
    harm: dict[str, float]  # trainee, ignore, expert, in HARM_UNIT
    outcome_ratio: float  # the share of what the reference avoided (raw, unbounded)
    beyond_reference: bool  # better than the reference (the outcome shows 100)
    headline: str  # the outcome in its own unit, in words
    detected_at: float  # seconds since the crisis started; checks count time from here
    checks: list[Check]
    decisions: list[annotations.Annotation]
    engine_version: str = ENGINE_VERSION

    def to_json(self) -> dict[str, Any]:
        return {
            "score": {
                "total": self.total,
                "outcome": self.outcome,
                "playbook": self.playbook,
                "timeliness": self.timeliness,
            },
            "harm": self.harm | {"unit": HARM_UNIT},
            "outcome": {
                "ratio": self.outcome_ratio,
                "beyond_reference": self.beyond_reference,
                "headline": self.headline,
            },
            "detected_at": self.detected_at,
            "checks": [asdict(c) for c in self.checks],
            "decisions": [asdict(d) for d in self.decisions],
        }


@dataclass(frozen=True)
class Scored:
    """A replayed drill with its scorecard and the coupled baselines."""

    trajectory: Trajectory
    card: Scorecard
    ignore: Trace
    expert: Trace


def score(scenario: Scenario, seed: int, log: Sequence[Applied], annotate: bool = True) -> Scored:
    """Replay `log` exactly, with a counterfactual branch at each decision, and score it.
    annotate=False skips the branches (no decisions listed; the scores are the same)."""
    engine = Engine(scenario, seed)
    branches = []
    for index, entry in enumerate(log):
        engine.reach(entry)
        if annotate and entry.action != "none":
            branches.append(annotations.branch_without(engine, log, index))
        engine.redo(entry)
    engine.run_to_end()
    return score_trajectory(engine.trajectory(), branches)


def what_if(played: Engine, index: int, choice: str) -> Scored:
    """The drill `played` (finished) with decision `index` replaced by `choice` (another
    action, or another answer to the same inject), every later decision kept; scored without
    annotations. The branch is scored as it ends: no second replay."""
    log = played.applied
    fork = played.fork(index)
    if log[index].inject is not None:
        fork.answer(choice)
    else:
        fork.act(choice)
    play(fork.scenario, fork.seed, as_steps(log[index + 1 :]), engine=fork)
    fork.run_to_end()
    return score_trajectory(fork.trajectory())


def score_trajectory(trajectory: Trajectory, branches: Sequence[annotations.Branch] = ()) -> Scored:
    """A finished drill, already played (e.g. a what-if branch), scored without replaying it;
    `branches` are its decisions' counterfactuals, if any."""
    scenario, seed = trajectory.scenario, trajectory.seed
    ignore, expert = baselines(scenario, seed)
    checks = playbook_checks(trajectory)
    timing, timeliness = timeliness_checks(trajectory)
    playbook = 100.0 * sum(c.passed for c in checks) / len(checks)
    own = avoidable(trajectory).total
    outcome = outcome_score(own, ignore.harm, expert.harm)
    w = scenario.scoring
    total = (w.outcome * outcome.score + w.playbook * playbook + w.timeliness * timeliness) / (
        w.outcome + w.playbook + w.timeliness
    )
    scale = annotations.drill_scale(branches, trajectory, ignore.harm, own)
    card = Scorecard(
        total=round(total, 1),
        outcome=round(outcome.score, 1),
        playbook=round(playbook, 1),
        timeliness=round(timeliness, 1),
        harm={"trainee": round(own), "ignore": round(ignore.harm), "expert": round(expert.harm)},
        outcome_ratio=round(outcome.ratio, 4),
        beyond_reference=outcome.beyond,
        headline=headline(own, ignore.harm, expert.harm),
        detected_at=detected_at(scenario),
        checks=checks + timing,
        decisions=[
            annotations.annotate(b, trajectory, decision_title(scenario, b.entry), scale)
            for b in branches
        ],
    )
    return Scored(trajectory, card, ignore, expert)


def scorecard_text(card: Scorecard) -> str:
    """The scorecard as a trainee reads it in a terminal."""
    beyond = "  ★ beyond the reference" if card.beyond_reference else ""
    lines = [
        f"  SCORE {card.total:.1f}   outcome {card.outcome:.1f}{beyond} · playbook "
        f"{card.playbook:.1f} · timeliness {card.timeliness:.1f}",
        f"  {card.headline}",
        "",
    ]
    lines += [f"  {'✓' if c.passed else '✗'} {c.label:<26} {c.reason}" for c in card.checks]
    lines.append("")
    lines += [f"  {effect_mark(d.effect):<11} {d.explanation}" for d in card.decisions]
    return "\n".join(lines)
