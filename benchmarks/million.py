"""A 1,000,000-account scenario: the shipped sale-outage crisis over an audience of a million
(the scenario model's largest), one full rollout per seed under the expert policy and doing
nothing. Prints wall time and peak memory (traced NumPy and Python allocations, and the
process's peak RSS); asserts nothing. Targets (issue 14): <= 0.5 s and <= 300 MB."""

import argparse
import resource
import statistics
import time
import tracemalloc
from pathlib import Path

from simulator.engine.runner import named_policy, play
from simulator.scenario import Scenario, load_scenario

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "sale-outage.toml"
ACCOUNTS = 1_000_000


def million() -> Scenario:
    """sale-outage with a million accounts (the same crisis, a larger audience)."""
    scenario = load_scenario(SCENARIO)
    audience = scenario.audience.model_copy(update={"size": ACCOUNTS})
    return scenario.model_copy(update={"audience": audience})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    scenario = million()
    for policy in ("expert", "ignore"):
        steps = named_policy(scenario, policy)
        times, posts = [], []
        for seed in range(1, args.repeats + 1):
            start = time.perf_counter()
            engine = play(scenario, seed, steps)
            times.append(time.perf_counter() - start)
            posts.append(engine.trajectory().post_count)
        tracemalloc.start()
        play(scenario, args.repeats + 1, steps)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"{policy:<7} {ACCOUNTS:,} accounts: {1000 * statistics.median(times):6.0f} ms median "
            f"(new seed each), {statistics.mean(posts):,.0f} posts, traced peak "
            f"{peak / 2**20:5.0f} MB"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    print(f"process peak RSS {rss:.0f} MB (interpreter and libraries included)")


if __name__ == "__main__":
    main()
