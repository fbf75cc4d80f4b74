"""Outcome: the harm a drill could have avoided, on a 0..100 scale anchored on coupled drills.

Avoidable harm H is the reach of the negative posts made from detection onwards, without the
origin posts (their reach is fixed: no response can change it), plus the forecast of negative
mentions still to come, each at the audience's mean reach (the same for every drill of a seed,
so that coupled drills compare). On one seed the `ignore` and `expert`
drills give H_ignore and H_expert, and a drill's raw ratio is the share of what the reference
avoided that it avoided too:

    ratio = (H_ignore - H) / (H_ignore - H_expert)

    ratio >= 1      100 (with "beyond the reference" when ratio > 1)
    0 <= ratio < 1  IGNORE_POINTS + (100 - IGNORE_POINTS) * ratio
    ratio < 0       IGNORE_POINTS * H_ignore / H  (worse than doing nothing: towards 0)
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from simulator.engine.engine import Engine
from simulator.engine.runner import named_policy, play
from simulator.engine.trajectory import Trajectory
from simulator.labels import NEG
from simulator.scenario.model import Scenario

IGNORE_POINTS = 20.0  # what doing nothing scores: clearly low, above active mistakes
SCALE_FLOOR = 0.01  # the reference avoids at least this share of H_ignore (no division by 0)
BEYOND = 1.005  # a ratio above this shows "beyond the reference" (half a percent over it)


@dataclass(frozen=True)
class Harm:
    """Avoidable harm up to a moment, with the posts it counts (for the noise of a difference)."""

    total: float  # negative impressions, with those forecast to come
    ids: np.ndarray  # the avoidable negative posts so far
    reach: np.ndarray  # their impressions


def avoidable(trajectory: Trajectory, until: float | None = None) -> Harm:
    """The drill's avoidable harm at `until` (default: now). The one place scoring reads the
    engine's posts: negative ones from detection on, without the origin posts."""
    until = trajectory.now if until is None else until
    posts = trajectory.posts
    t, root, parent = posts["t"], posts["root"], posts["parent"]
    origin = (parent < 0) & (root >= 0) & (root < len(trajectory.scenario.cascade.origin))
    keep = (posts["sentiment"] == NEG) & (t >= trajectory.scenario.crisis.detected_at)
    keep &= (t < until) & ~origin
    reach = trajectory.followers[posts["author"][keep]].astype(np.float64)
    tl = trajectory.timeline
    row = min(range(len(tl["t"])), key=lambda n: abs(tl["t"][n] - until))
    to_come = max(0.0, tl["forecast"][row] - tl["negative_mentions"][row])
    per_mention = trajectory.mean_followers  # the same in every drill of this seed
    return Harm(float(reach.sum() + to_come * per_mention), posts["id"][keep], reach)


@dataclass(frozen=True)
class Trace:
    """What a report needs of a finished drill: its avoidable harm and its negative mentions."""

    harm: float
    t: np.ndarray
    negative: np.ndarray


def trace(trajectory: Trajectory) -> Trace:
    tl = trajectory.timeline
    return Trace(avoidable(trajectory).total, tl["t"], tl["negative_mentions"])


def baselines(scenario: Scenario, seed: int) -> tuple[Trace, Trace]:
    """The `ignore` and `expert` drills on this seed (computed once per scenario and seed).
    The key holds only the fields the scenario sets: a brand's own post as origin refuses a
    role, which a full dump would write back as its default."""
    return _baselines(scenario.model_dump_json(exclude_unset=True), seed)


@lru_cache(maxsize=32)
def _baselines(scenario_json: str, seed: int) -> tuple[Trace, Trace]:
    scenario = Scenario.model_validate_json(scenario_json)
    traces = []
    for policy in ("ignore", "expert"):
        engine = Engine(scenario, seed)
        engine.forecast_only_at(scenario.clock.duration)  # a trace reads the end's only
        traces.append(
            trace(play(scenario, seed, named_policy(scenario, policy), engine=engine).trajectory())
        )
    return traces[0], traces[1]


@dataclass(frozen=True)
class Outcome:
    score: float  # 0..100
    ratio: float  # the share of what the reference avoided that the drill avoided (raw)
    beyond: bool  # better than the reference


def scale(ignore: float, expert: float) -> float:
    """What the reference avoided on this seed (never below SCALE_FLOOR of ignore's harm)."""
    return max(ignore - expert, SCALE_FLOOR * ignore, 1.0)


def outcome_score(trainee: float, ignore: float, expert: float) -> Outcome:
    """The module's formula: 100 at the reference, IGNORE_POINTS at doing nothing, towards 0
    as the harm grows past doing nothing."""
    ratio = (ignore - trainee) / scale(ignore, expert)
    if ratio >= 1.0:
        points = 100.0
    elif ratio >= 0.0:
        points = IGNORE_POINTS + (100.0 - IGNORE_POINTS) * ratio
    else:
        points = IGNORE_POINTS * ignore / trainee
    return Outcome(points, ratio, ratio > BEYOND)


def headline(trainee: float, ignore: float, expert: float) -> str:
    """The outcome in the score's own unit (avoidable negative impressions), in words."""
    avoided, reference = ignore - trainee, scale(ignore, expert)
    if avoided < 0:
        return (
            f"Negative impressions avoided: none; {trainee / ignore:.1f} times those of doing "
            f"nothing ({round(trainee):,} against {round(ignore):,})."
        )
    beyond = " (beyond the reference)" if avoided / reference > BEYOND else ""
    return (
        f"Negative impressions avoided: {100 * avoided / reference:.0f}% of what the reference "
        f"avoided ({round(avoided):,} of {round(reference):,}){beyond}."
    )
