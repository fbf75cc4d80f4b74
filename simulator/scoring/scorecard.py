"""The scorecard: a pure function of (scenario, seed, action log, engine version)."""

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from simulator.catalogue import CATALOGUE
from simulator.engine.engine import Engine
from simulator.engine.trajectory import Applied, Trajectory
from simulator.engine.version import ENGINE_VERSION
from simulator.labels import effect_mark
from simulator.scenario.model import Scenario
from simulator.scoring import annotations
from simulator.scoring.outcome import Trace, baselines, harm, outcome_score
from simulator.scoring.playbook import Check, playbook_checks, timeliness_checks


@dataclass(frozen=True)
class Scorecard:
    total: float
    outcome: float
    playbook: float
    timeliness: float
    harm: dict[str, float]  # trainee, ignore, expert
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
            "harm": self.harm,
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
    trajectory = engine.trajectory()
    ignore, expert = baselines(scenario, seed)
    checks = playbook_checks(trajectory)
    timing, timeliness = timeliness_checks(trajectory)
    playbook = 100.0 * sum(c.passed for c in checks) / len(checks)
    own = harm(trajectory)
    outcome = outcome_score(own, ignore.harm, expert.harm)
    w = scenario.scoring
    total = (w.outcome * outcome + w.playbook * playbook + w.timeliness * timeliness) / (
        w.outcome + w.playbook + w.timeliness
    )
    card = Scorecard(
        total=round(total, 1),
        outcome=round(outcome, 1),
        playbook=round(playbook, 1),
        timeliness=round(timeliness, 1),
        harm={"trainee": round(own), "ignore": round(ignore.harm), "expert": round(expert.harm)},
        checks=checks + timing,
        decisions=[
            annotations.annotate(b, trajectory, _title(scenario, b.entry)) for b in branches
        ],
    )
    return Scored(trajectory, card, ignore, expert)


def _title(scenario: Scenario, entry: Applied) -> str:
    """How a decision is named to the trainee: the action, or the answer to an inject."""
    label = CATALOGUE[entry.action].label
    if entry.inject is None:
        return label
    inject = next(i for i in scenario.injects if i.id == entry.inject)
    return f'{label} (answering "{inject.title}")'


def scorecard_text(card: Scorecard) -> str:
    """The scorecard as a trainee reads it in a terminal."""
    lines = [
        f"  SCORE {card.total:.1f}   outcome {card.outcome:.1f} · playbook {card.playbook:.1f}"
        f" · timeliness {card.timeliness:.1f}",
        "",
    ]
    lines += [f"  {'✓' if c.passed else '✗'} {c.id:<17} {c.reason}" for c in card.checks]
    lines.append("")
    lines += [f"  {effect_mark(d.effect):<11} {d.explanation}" for d in card.decisions]
    return "\n".join(lines)
