"""The cascade is the process it claims to be: branching counts, kernels, saturation."""

import numpy as np
import pytest

from simulator.engine import rand
from simulator.engine.engine import Engine
from simulator.engine.kernels import Exponential, Seismic
from simulator.engine.reference import plain_hawkes

SEEDS = range(1, 21)


@pytest.mark.parametrize("n_star", [0.5, 0.8])
def test_mean_size_matches_the_branching_formula(n_star: float) -> None:
    """E[posts] = roots / (1 - n*) for a subcritical process with no cap and constant p."""
    horizon = 20_000.0
    scenario = plain_hawkes(mu=0.5, mean_delay=2.0, n_star=n_star, horizon=horizon)
    sizes = []
    for seed in SEEDS:
        engine = Engine(scenario, seed)
        engine.run_to_end()
        sizes.append(engine.trajectory().post_count)
    roots = 0.5 * horizon + 1
    expected = roots / (1 - n_star)
    # sd of one run ~ sqrt(roots / (1 - n*)^3); tolerance: 4 standard errors of the mean
    tolerance = 4 * np.sqrt(roots / (1 - n_star) ** 3) / np.sqrt(len(SEEDS))
    assert abs(np.mean(sizes) - expected) < tolerance, (np.mean(sizes), expected, tolerance)


def test_children_per_post_is_poisson_with_mean_n_star() -> None:
    engine = Engine(plain_hawkes(mu=1.0, mean_delay=1.0, n_star=0.6, horizon=20_000.0), 3)
    engine.run_to_end()
    posts = engine.trajectory().posts
    early = posts["t"] < 19_000  # children of late posts fall past the horizon
    counts = np.bincount(posts["parent"][posts["parent"] >= 0], minlength=posts["t"].size)[early]
    assert abs(counts.mean() - 0.6) < 0.02
    assert abs(counts.var() - 0.6) < 0.05  # Poisson: variance equals the mean


@pytest.mark.parametrize("kernel", [Exponential(1800.0), Seismic()])
def test_kernel_delays_follow_its_formula(kernel: Exponential | Seismic) -> None:
    u = rand.uniforms(rand.key(42), 200_000)
    delays = kernel.delay(u)
    for q in (60, 300, 900, 3600, 6 * 3600):
        empirical = np.mean(delays > q)
        assert abs(empirical - kernel.survival(np.array([q]))[0]) < 0.005, q


def test_seismic_kernel_is_flat_for_five_minutes_then_a_power_law() -> None:
    k = Seismic()
    f = lambda t: -np.diff(k.survival(np.array([t, t + 1.0])))[0]  # noqa: E731
    assert f(10) == pytest.approx(f(290), rel=1e-9)
    ratio = f(3000) / f(30000)
    assert ratio == pytest.approx(10 ** (1 + k.theta), rel=0.01)


def test_engine_delays_match_the_kernel() -> None:
    engine = Engine(plain_hawkes(mu=1.0, mean_delay=5.0, n_star=0.5, horizon=20_000.0), 5)
    engine.run_to_end()
    p = engine.trajectory().posts
    child = p["parent"] >= 0
    delays = p["t"][child] - p["t"][p["parent"][child]]
    assert abs(delays.mean() - 5.0) < 0.15
    assert abs(np.mean(delays > 10.0) - np.exp(-2)) < 0.01


def test_the_audience_cap_saturates_a_supercritical_cascade() -> None:
    scenario = plain_hawkes(
        mu=0.0, mean_delay=600.0, n_star=2.0, horizon=48 * 3600.0, audience=2000, cap=True, roots=5
    )
    engine = Engine(scenario, 7)
    engine.run_to_end()
    tl = engine.trajectory().timeline
    reached = engine.cascade.reached
    assert reached / 2000 > 0.5  # the crisis drew in most of the audience...
    assert tl["r"][0] == pytest.approx(2.0)
    assert tl["r"][-1] < 0.5  # ...and R fell below 1 as it ran out of people
    hourly = np.diff(tl["total_mentions"][:: int(3600 / engine.tick)])
    assert hourly[-1] < 0.2 * hourly.max()  # the wave died out instead of growing forever


def test_the_benchmarks_process_is_a_valid_scenario() -> None:
    """benchmarks/engine.py's 1M-event process (horizon 500,000 s) builds: its tick stays within
    the model's range (it broke when ticks were bounded to 1 hour)."""
    from simulator.engine.reference import plain_hawkes

    scenario = plain_hawkes(1.0, 1.0, 0.5, 500_000.0)
    assert scenario.clock.tick <= 3600 and scenario.clock.duration == 500_000.0
