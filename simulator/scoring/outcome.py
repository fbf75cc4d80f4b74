"""Outcome: the harm a drill did, against the coupled `ignore` and `expert` drills."""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from simulator.engine.runner import named_policy, play
from simulator.engine.trajectory import Trajectory
from simulator.scenario.model import Scenario


@dataclass(frozen=True)
class Trace:
    """What a report needs of a finished drill: its harm and its negative mentions curve."""

    harm: float
    t: np.ndarray
    negative: np.ndarray


def harm(trajectory: Trajectory) -> float:
    """Negative impressions so far plus those still to come: the forecast of negative
    mentions left, at the impressions each negative mention has made so far."""
    m = trajectory.metrics
    negative, impressions = m["negative_mentions"], m["negative_impressions"]
    per_mention = impressions / negative if negative else trajectory.mean_followers
    return impressions + max(0.0, m["forecast"] - negative) * per_mention


def trace(trajectory: Trajectory) -> Trace:
    tl = trajectory.timeline
    return Trace(harm(trajectory), tl["t"], tl["negative_mentions"])


def baselines(scenario: Scenario, seed: int) -> tuple[Trace, Trace]:
    """The `ignore` and `expert` drills on this seed (computed once per scenario and seed)."""
    return _baselines(scenario.model_dump_json(), seed)


@lru_cache(maxsize=32)
def _baselines(scenario_json: str, seed: int) -> tuple[Trace, Trace]:
    scenario = Scenario.model_validate_json(scenario_json)
    ignore = play(scenario, seed, named_policy(scenario, "ignore"))
    expert = play(scenario, seed, named_policy(scenario, "expert"))
    return trace(ignore.trajectory()), trace(expert.trajectory())


def outcome_score(trainee: float, ignore: float, expert: float) -> float:
    """100 x (H_ignore - H) / (H_ignore - H_expert): ignore = 0, expert = 100, unbounded.
    The scale never shrinks below 5% of the ignore harm, so a scenario where the expert barely
    beats ignore does not blow small differences up."""
    scale = max(ignore - expert, 0.05 * ignore, 1.0)
    return 100.0 * (ignore - trainee) / scale
