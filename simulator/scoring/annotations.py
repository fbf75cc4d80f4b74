"""Decision annotations: did each decision calm or fuel the crisis? Coupled branches answer.

From the moment of a decision, the drill is copied and run without that decision (every
later decision kept) for ANNOTATION_HORIZON; both worlds are then compared on their avoidable
harm (the outcome's unit) at the horizon. Same seed, same draws: the difference is the
decision's doing, stated as a share of one scale for the whole drill (`drill_scale`: the
largest avoidable harm among doing nothing, the drill and each decision's two worlds), so that
the decisions of one drill compare and no share passes 100%.

Noise: under coupling the two worlds share every post but those the decision changed. Were the
decision to do nothing, each of those differing posts would be as likely in one world as in
the other, so their signed sum of reach has a standard deviation sqrt(sum of reach^2) (a
sign-flip test). A difference within NOISE_Z of it, or under one negative mention's reach,
is "too small to tell".
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from simulator.catalogue import CATALOGUE
from simulator.engine import clock
from simulator.engine.engine import Engine
from simulator.engine.runner import as_steps, play
from simulator.engine.trajectory import Applied, Trajectory
from simulator.labels import TOO_SMALL
from simulator.scoring.moments import after_detection
from simulator.scoring.outcome import Harm, avoidable

ANNOTATION_HORIZON = 2 * 3600.0  # long enough for an effect to show, short enough to be cheap
NOISE_Z = 2.0  # about a 95% two-sided sign-flip test


@dataclass(frozen=True)
class Annotation:
    index: int  # in the action log
    t: float
    action: str
    title: str  # the decision as the trainee knows it
    effect: str  # "calmed", "fuelled" or TOO_SMALL
    share: float  # signed share of the drill's scale (drill_scale): < 0 calmed
    noise: float  # the share's noise (one standard deviation)
    harm_with: float
    harm_without: float
    explanation: str


@dataclass(frozen=True)
class Branch:
    """A decision's counterfactual, taken during the replay, waiting for the drill's end."""

    index: int
    entry: Applied
    until: float
    without: Harm


def branch_without(engine: Engine, log: Sequence[Applied], index: int) -> Branch:
    """From just before decision `index`: the drill without it, to the horizon."""
    entry = log[index]
    until = horizon(engine, entry.t)
    branch = engine.snapshot()
    branch.forecast_only_at(until)  # the branch is read at its horizon only
    if entry.inject is not None:
        branch.skip()
    later = [e for e in log[index + 1 :] if e.t <= until]
    play(branch.scenario, branch.seed, as_steps(later), until=until, engine=branch)
    return Branch(index, entry, until, avoidable(branch.trajectory()))


def horizon(engine: Engine, t: float) -> float:
    """The first beat at least ANNOTATION_HORIZON after t (the forecast is fresh on beats)."""
    return min(clock.up(t + ANNOTATION_HORIZON, engine.beat), engine.duration)


def drill_scale(branches: Sequence[Branch], trainee: Trajectory, *harms: float) -> float:
    """One base for every decision of a drill, so that their shares compare and stay within
    +-100%: the largest avoidable harm among `harms` (doing nothing, the drill as played) and
    each decision's two worlds at its horizon."""
    worlds = [b.without.total for b in branches]
    worlds += [avoidable(trainee, b.until).total for b in branches]
    return max(1.0, *harms, *worlds)


def annotate(branch: Branch, trainee: Trajectory, title: str, scale: float) -> Annotation:
    """Compare the drill as played with its branch at the branch's horizon; shares are of
    `scale` (`drill_scale`)."""
    with_it, without = avoidable(trainee, branch.until), branch.without
    delta = with_it.total - without.total
    differ = np.setxor1d(with_it.ids, without.ids, assume_unique=True)
    reach = np.concatenate((with_it.reach, without.reach))
    ids = np.concatenate((with_it.ids, without.ids))
    noise = math.sqrt(float(np.sum(reach[np.isin(ids, differ)] ** 2)))
    small = abs(delta) <= max(NOISE_Z * noise, trainee.mean_followers)
    effect = TOO_SMALL if small else "calmed" if delta < 0 else "fuelled"
    base = scale
    entry = trainee.applied[branch.index]
    return Annotation(
        index=branch.index,
        t=entry.t,
        action=entry.action,
        title=title,
        effect=effect,
        share=round(delta / base, 4),
        noise=round(noise / base, 4),
        harm_with=round(with_it.total),
        harm_without=round(without.total),
        explanation=explain(trainee, entry, title, effect, delta / base),
    )


def explain(trajectory: Trajectory, entry: Applied, title: str, effect: str, share: float) -> str:
    """One or two sentences a trainee understands."""
    spec = CATALOGUE[entry.action] if entry.action != "none" else None
    at = after_detection(trajectory.scenario, entry.t)
    size = f"{percent(share)} of the avoidable harm"
    if effect == TOO_SMALL and (spec is None or not spec.public):
        head = f"{title} {at}: its effect on the feed was too small to tell."
    elif effect == TOO_SMALL:
        head = f"{title} {at}: its effect was too small to tell from chance."
    elif effect == "fuelled":
        verb = "started a second wave" if spec and spec.roots else "fuelled the crisis"
        head = f"{title} {at} {verb}: about +{size}."
    else:
        head = f"{title} {at} calmed the crisis: about -{size}."
    why = f" {spec.why}" if spec else ""
    notes = f" Note: {'; '.join(entry.notes)}." if entry.notes else ""
    return f"{head}{why}{notes}"


def percent(share: float) -> str:
    """A share said aloud: 12%, 0.4%, 0.03%, under 0.01%."""
    p = 100 * abs(share)
    if p < 0.01:
        return "under 0.01%"
    return f"{p:.2g}%" if p < 1 else f"{p:.1f}%" if p < 10 else f"{p:.0f}%"
