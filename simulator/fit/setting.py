"""What a scenario fixes around the fitted numbers, read through the engine's own objects, and
the engine's `ignore` run of a scenario binned like a mentions series (to check a fit)."""

from collections.abc import Callable

import numpy as np

from simulator.catalogue import BRAND_KINDS
from simulator.engine.cascade import SPREAD, Cascade
from simulator.engine.kernels import make_kernel
from simulator.engine.population import build_population
from simulator.engine.roots import cast_origin
from simulator.engine.runner import play
from simulator.fit.hawkes import Setting
from simulator.labels import NEG, NEU, K
from simulator.scenario.model import Scenario

SEED = 1  # the audience drawn to weigh the origin posts and the cap (any seed draws alike)
CAP_GRID = 256  # points of the expected-accounts-reached curve


def origin_weights(scenario: Scenario) -> list[float]:
    """Each origin post's expected direct reactions per unit of base infectiousness (as the
    engine draws them: its author's follower weight, its sentiment's and its kind's)."""
    population = build_population(scenario.audience, SEED, scenario.brand.followers)
    authors = cast_origin(scenario, population)
    kernel = make_kernel(scenario.cascade.kernel, scenario.cascade.mean_delay)
    cascade = Cascade.for_scenario(scenario, population, kernel, SEED)
    weights = []
    for post, author in zip(scenario.cascade.origin, authors, strict=True):
        sentiment = NEU if post.kind in BRAND_KINDS else NEG
        w = cascade.w[author] * cascade.sw[sentiment] * SPREAD[K[post.kind]] / cascade.s0
        weights.append(float(w))
    return weights


def followers_for(scenario: Scenario, reactions: float, base: float) -> int | None:
    """The first origin post's `followers` that give it `reactions` expected direct reactions
    at this base, or None when followers cannot carry it (the brand's own post, exponent 0)."""
    post, exponent = scenario.cascade.origin[0], scenario.cascade.follower_exponent
    if post.kind in BRAND_KINDS or exponent <= 0:
        return None
    population = build_population(scenario.audience, SEED, scenario.brand.followers)
    author = cast_origin(scenario, population)[0]
    now = max(int(population.followers[author]), 1)
    ratio = reactions / (base * origin_weights(scenario)[0])
    return max(1, round(now * ratio ** (1 / exponent)))


def audience_cap(scenario: Scenario) -> Callable[[np.ndarray], np.ndarray]:
    """Posts made so far -> the share of the audience not yet drawn in (the engine's HawkesN
    cap), from the expected number of distinct accounts among that many activity draws."""
    population = build_population(scenario.audience, SEED, scenario.brand.followers)
    share = population.activity / population.activity.sum()
    share = share[share > 0]
    # group the accounts by their share (log bins): the sum over a million accounts is cheap
    edges = np.geomspace(share.min(), share.max() * 1.000001, 200)
    which = np.clip(np.searchsorted(edges, share, side="right") - 1, 0, edges.size - 2)
    number = np.bincount(which, minlength=edges.size - 1)
    mean = np.bincount(which, weights=share, minlength=edges.size - 1) / np.maximum(number, 1)
    grid = np.concatenate(([0.0], np.geomspace(1.0, 100.0 * population.size, CAP_GRID)))
    reached = (number * -np.expm1(-np.outer(grid, mean))).sum(axis=1)
    left = np.maximum(0.0, 1.0 - reached / population.size)

    def cap(posts: np.ndarray) -> np.ndarray:
        return np.interp(posts, grid, left)

    return cap


def setting_of(scenario: Scenario, origin_at: float) -> Setting:
    """The scenario around a fit: its detection time, audience cap and origin posts (the first
    moved to `origin_at`, its strength fitted when its followers can carry it)."""
    weights = origin_weights(scenario)
    free = followers_for(scenario, 1.0, 1.0) is not None
    origins = [(origin_at, None if free else weights[0])]
    origins += [(p.at, w) for p, w in zip(scenario.cascade.origin[1:], weights[1:], strict=True)]
    return Setting(
        detected_at=scenario.crisis.detected_at,
        cap=audience_cap(scenario) if scenario.cascade.audience_cap else None,
        origins=tuple(origins),
    )


def plain_setting(origin_at: float) -> Setting:
    """No scenario: detection at the first bin, no audience cap, one origin post (fitted)."""
    return Setting(detected_at=0.0, cap=None, origins=((origin_at, None),))


def ignore_curves(
    scenario: Scenario, seed: int, step: float, bins: int
) -> tuple[np.ndarray, np.ndarray]:
    """Mentions and negative mentions per bin of the scenario's `ignore` run on a seed,
    binned like a series."""
    engine = play(scenario, seed, [], until=min(scenario.clock.duration, step * bins))
    posts = engine.trajectory().posts
    index = (posts["t"] // step).astype(np.int64)
    kept = index < bins
    negative = kept & (posts["sentiment"] == NEG)
    return np.bincount(index[kept], minlength=bins), np.bincount(index[negative], minlength=bins)


def ignore_counts(scenario: Scenario, seed: int, step: float, bins: int) -> np.ndarray:
    """Mentions per bin of the scenario's `ignore` run on a seed, binned like a series."""
    return ignore_curves(scenario, seed, step, bins)[0]
