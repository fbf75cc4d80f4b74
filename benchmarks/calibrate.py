"""Calibration speed: the wall time of `calibrate --runs N` (default 1000) on each shipped
scenario with all cores, and the speed-up of 2 workers over 1 on a smaller run count, both
measured in this run. Target: <= 30 s per scenario at 1000 runs on a 2-core machine.

Usage: python benchmarks/calibrate.py [--runs N] [--speedup-runs M] [SCENARIO...]
Prints figures; asserts nothing. Timings are noisy on a shared machine: compare the ratios.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator.calibrate import all_cores, calibrate
from simulator.calibrate.rollouts import POLICIES
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
TARGET = 30.0  # seconds per scenario at 1000 runs


def timed(path: Path, runs: int, workers: int) -> float:
    scenario = load_scenario(path)
    start = time.perf_counter()
    calibrate(scenario, runs, workers)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", help="scenario files (default: the shipped ones)")
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--speedup-runs", type=int, default=20)
    args = parser.parse_args()
    paths = [Path(p) for p in args.scenarios] or sorted((ROOT / "scenarios").glob("*.toml"))
    cores = all_cores()
    print(f"{cores} cores; {len(POLICIES)} policies per seed; target {TARGET:.0f} s at 1000 runs")
    print(
        f"{'scenario':<16} {'runs':>5} {'wall s':>8} {'ms/rollout':>11} {'1000 runs s':>12}"
        f" {'1 worker s':>11} {'2 workers s':>12} {'speed-up':>9}"
    )
    for path in paths:
        wall = timed(path, args.runs, cores)
        per_rollout = wall / (args.runs * len(POLICIES))
        one = timed(path, args.speedup_runs, 1)
        two = timed(path, args.speedup_runs, 2)
        print(
            f"{path.stem:<16} {args.runs:>5} {wall:>8.1f} {1000 * per_rollout:>11.1f}"
            f" {wall * 1000 / args.runs:>12.0f} {one:>11.1f} {two:>12.1f} {one / two:>8.2f}x"
        )


if __name__ == "__main__":
    main()
