"""Engine speed: (a) a plain 1-D exponential Hawkes process through the engine's own cascade
code, beside tick's SimuHawkesExpKernels when installed; (b) full rollouts of the shipped
scenarios under the expert policy. Prints figures; asserts nothing."""

import argparse
import statistics
import time
from pathlib import Path

from simulator.engine.engine import Engine
from simulator.engine.reference import plain_hawkes
from simulator.engine.runner import named_policy, play
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent


def engine_events(scenario, seed: int) -> tuple[int, float]:
    start = time.perf_counter()
    engine = Engine(scenario, seed)
    engine.run_to_end()
    return engine.trajectory().post_count, time.perf_counter() - start


def tick_events(mu: float, beta: float, n_star: float, horizon: float, seed: int):
    from tick.hawkes import SimuHawkesExpKernels  # type: ignore[import-not-found]

    start = time.perf_counter()
    sim = SimuHawkesExpKernels(
        adjacency=[[n_star]],
        decays=[[beta]],
        baseline=[mu],
        end_time=horizon,
        seed=seed,
        verbose=False,
    )
    sim.simulate()
    return int(sim.n_total_jumps), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--events", type=float, default=1_000_000)
    args = parser.parse_args()
    mu, beta, n_star = 1.0, 1.0, 0.5
    horizon = args.events * (1 - n_star) / mu
    scenario = plain_hawkes(mu, 1 / beta, n_star, horizon)
    try:
        import tick.hawkes  # type: ignore[import-not-found]  # noqa: F401

        have_tick = True
    except ImportError:
        have_tick = False
    ours, theirs = [], []
    for seed in range(1, args.repeats + 1):
        ours.append(engine_events(scenario, seed))
        if have_tick:
            theirs.append(tick_events(mu, beta, n_star, horizon, seed))
    rate = statistics.median(n / s for n, s in ours)
    mean_n = statistics.mean(n for n, _ in ours)
    print(
        f"(a) Hawkes mu={mu} beta={beta} n*={n_star} T={horizon:,.0f}s "
        f"(expected {mu * horizon / (1 - n_star):,.0f} events)"
    )
    print(f"    engine: {rate:,.0f} events/s median, mean events {mean_n:,.0f}")
    if have_tick:
        their_rate = statistics.median(n / s for n, s in theirs)
        print(
            f"    tick:   {their_rate:,.0f} events/s median, mean events "
            f"{statistics.mean(n for n, _ in theirs):,.0f}"
        )
        print(f"    ratio engine/tick: {rate / their_rate:.2f}")
    else:
        print("    tick: not installed (pip install '.[bench]')")
    print("(b) full rollout, expert policy (median of repeats)")
    for path in sorted((ROOT / "scenarios").glob("*.toml")):
        s = load_scenario(path)
        steps = named_policy(s, "expert")
        times = []
        for seed in range(1, args.repeats + 1):
            start = time.perf_counter()
            play(s, seed, steps)
            times.append(time.perf_counter() - start)
        print(f"    {s.id:<14} {1000 * statistics.median(times):7.1f} ms")


if __name__ == "__main__":
    main()
