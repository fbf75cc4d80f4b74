"""Decision annotations: did each decision calm or fuel the crisis? Coupled branches answer.

From the moment of a decision, the drill is copied and run without that decision (every
later decision kept) for ANNOTATION_HORIZON; both worlds are then compared on their forecast
of final negative mentions. Same seed, same draws: the difference is the decision's doing.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from simulator.catalogue import CATALOGUE
from simulator.durations import format_duration
from simulator.engine import clock
from simulator.engine.engine import Engine
from simulator.engine.runner import as_steps, play
from simulator.engine.trajectory import Applied, Trajectory

ANNOTATION_HORIZON = 2 * 3600.0  # long enough for an effect to show, short enough to be cheap
NO_EFFECT = 0.5  # negative mentions: below this the two worlds are the same


@dataclass(frozen=True)
class Annotation:
    index: int  # in the action log
    t: float
    action: str
    effect: str  # "calmed", "fuelled" or "no effect"
    forecast_with: float
    forecast_without: float
    explanation: str


@dataclass(frozen=True)
class Branch:
    """A decision's counterfactual, taken during the replay, waiting for the drill's end."""

    index: int
    entry: Applied
    until: float
    without: float


def branch_without(engine: Engine, log: Sequence[Applied], index: int) -> Branch:
    """From just before decision `index`: the drill without it, to the horizon."""
    entry = log[index]
    until = horizon(engine, entry.t)
    branch = engine.snapshot()
    if entry.inject is not None:
        branch.skip()
    later = [e for e in log[index + 1 :] if e.t <= until]
    play(branch.scenario, branch.seed, as_steps(later), until=until, engine=branch)
    return Branch(index, entry, until, branch.metrics()["forecast"])


def horizon(engine: Engine, t: float) -> float:
    """The first beat at least ANNOTATION_HORIZON after t (the forecast is fresh on beats)."""
    return min(clock.up(t + ANNOTATION_HORIZON, engine.beat), engine.duration)


def annotate(branch: Branch, trainee: Trajectory, title: str) -> Annotation:
    """Compare the drill as played with its branch, at the branch's horizon."""
    tl = trainee.timeline
    row = int(np.argmin(np.abs(tl["t"] - branch.until)))  # the first nearest row
    with_it, without = float(tl["forecast"][row]), branch.without
    delta = with_it - without
    effect = "no effect" if abs(delta) < NO_EFFECT else "calmed" if delta < 0 else "fuelled"
    return Annotation(
        index=branch.index,
        t=branch.entry.t,
        action=branch.entry.action,
        effect=effect,
        forecast_with=round(with_it, 1),
        forecast_without=round(without, 1),
        explanation=explain(trainee.applied[branch.index], title, effect, delta),
    )


def explain(entry: Applied, title: str, effect: str, delta: float) -> str:
    """One or two sentences a trainee understands."""
    spec = CATALOGUE[entry.action]
    at = f"at {format_duration(entry.t)}"
    if effect == "no effect" and not spec.public:
        head = f"{title} {at} changed nothing in the feed by itself."
    elif effect == "no effect":
        head = f"{title} {at} made no measurable difference to the final count."
    elif effect == "fuelled":
        verb = "started a second wave" if spec.roots else "fuelled the crisis"
        head = f"{title} {at} {verb}: about +{mentions(delta)} by the end."
    else:
        head = f"{title} {at} calmed the crisis: about -{mentions(delta)} by the end."
    notes = f" Note: {'; '.join(entry.notes)}." if entry.notes else ""
    return f"{head} {spec.why}{notes}"


def mentions(delta: float) -> str:
    n = about(delta)
    return f"{n:,} negative mention" + ("s" if n != 1 else "")


def about(n: float) -> int:
    """A count rounded the way one says it aloud: 7, 40, 350, 2,400."""
    n = abs(n)
    if n < 10:
        return max(1, round(n))
    digits = 10 ** max(0, int(math.log10(n)) - 1)
    return int(round(n / digits) * digits)
