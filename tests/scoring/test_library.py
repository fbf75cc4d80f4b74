"""The scenario library: every shipped scenario is a complete, fair drill, and the library as a
whole is varied. The scored verdicts (fair, discriminative) are `calibrate`'s, tested on every
shipped scenario in tests/calibrate; here, on plays alone: the expert avoids a clear share of the
harm, doing nothing does not end the crisis, the contingency fires when it should."""

from dataclasses import dataclass
from functools import cache

import numpy as np
import pytest

from simulator.engine.runner import named_policy, play
from simulator.scenario import Scenario
from simulator.scoring.outcome import avoidable
from simulator.texts import load_bank
from tests.conftest import SHIPPED, shipped

SEEDS = (1, 2, 3)
EXPERT_AVOIDS = 0.25  # the expert avoids at least this share of doing nothing's harm, every seed
IGNORE_GROWS = 3.0  # doing nothing ends with this many times the negative mentions at detection


@dataclass(frozen=True)
class Run:
    harm: float  # avoidable harm
    negative: float  # final negative mentions
    detected: float  # negative mentions when the team learnt of the crisis
    fired: frozenset[str]  # the injects that fired


@cache
def run(name: str, policy: str, seed: int) -> Run:
    scenario = shipped(name)
    trajectory = play(scenario, seed, named_policy(scenario, policy)).trajectory()
    negative = trajectory.timeline["negative_mentions"]
    at = int(np.searchsorted(trajectory.timeline["t"], scenario.crisis.detected_at))
    return Run(
        avoidable(trajectory).total,
        float(negative[-1]),
        float(negative[at]),
        frozenset(trajectory.fired),
    )


def runs(name: str, policy: str) -> list[Run]:
    return [run(name, policy, seed) for seed in SEEDS]


by_scenario = pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.xdist_group(f"library-{n}")) for n in SHIPPED]
)


@by_scenario
def test_every_scenario_has_the_parts_of_a_drill(name: str) -> None:
    """Objectives each with a debrief note; a decision inject with a default, a contingency
    (a condition inject) and a leak of the truth; texts of its own in its own language."""
    s = shipped(name)
    assert {o.id for o in s.objectives} == set(s.debrief), "a debrief note per objective"
    assert any(i.decision is not None and i.decision.default for i in s.injects)
    assert any(i.when is not None for i in s.injects), "a contingency inject"
    assert any(i.reveal_truth for i in s.injects), "a leak that reveals the truth"
    assert s.texts.complaint and s.texts.headlines and s.texts.brand
    assert load_bank(s.locale).locale.split("_")[0] == s.locale.split("_")[0]


@by_scenario
def test_the_expert_clearly_beats_doing_nothing(name: str) -> None:
    """Winnable and not hopeless: the expert avoids a clear share of the harm on every seed."""
    for e, i in zip(runs(name, "expert"), runs(name, "ignore"), strict=True):
        assert e.harm < (1 - EXPERT_AVOIDS) * i.harm, (e, i)


@by_scenario
def test_doing_nothing_does_not_end_the_crisis(name: str) -> None:
    """Not trivial: left alone, the crisis grows well past what the team found, and past where
    the expert's play leaves it."""
    for e, i in zip(runs(name, "expert"), runs(name, "ignore"), strict=True):
        assert i.negative > max(IGNORE_GROWS * i.detected, e.negative), (i, e.negative)


@by_scenario
def test_the_contingency_fires_when_the_trainee_does_nothing(name: str) -> None:
    """A condition inject is the consequence of not doing the expected thing: it fires more
    often when the trainee does nothing than under the expert's play."""
    for inject in shipped(name).injects:
        if inject.when is None:
            continue
        ignored = sum(inject.id in r.fired for r in runs(name, "ignore"))
        expert = sum(inject.id in r.fired for r in runs(name, "expert"))
        assert ignored > expert, (inject.id, ignored, expert)


def library() -> list[Scenario]:
    return [shipped(n) for n in SHIPPED]


def test_the_library_covers_every_kind_of_crisis() -> None:
    """Every SCCT cluster, with and without intensifiers; crises started by the brand's own
    post and by a video; several difficulties."""
    scenarios = library()
    assert len(scenarios) >= 12
    assert {s.crisis.cluster for s in scenarios} == {"victim", "accidental", "preventable"}
    intensified = {s.brand.crisis_history or s.brand.reputation == "poor" for s in scenarios}
    assert intensified == {True, False}
    assert {s.brand.reputation for s in scenarios} >= {"good", "poor"}
    origins = {o.kind for s in scenarios for o in s.cascade.origin}
    assert origins >= {"complaint", "video", "brand_post"}
    assert {s.difficulty for s in scenarios} == {"easy", "medium", "hard"}
    assert any(s.crisis.cluster == "victim" and not s.crisis.at_fault for s in scenarios)


def test_the_library_spans_platforms_sizes_timescales_and_languages() -> None:
    scenarios = library()
    platforms = {p for s in scenarios for p in s.cascade.platforms}
    assert platforms >= {"X", "Instagram", "TikTok", "Facebook", "Reddit", "Reviews"}
    sizes = [s.audience.size for s in scenarios]
    assert min(sizes) <= 5_000 and max(sizes) >= 1_000_000
    hours = [s.clock.duration / 3600 for s in scenarios]
    assert min(hours) <= 8 and max(hours) >= 72
    assert {s.locale.split("_")[0] for s in scenarios} >= {"en", "es", "de", "fr"}
