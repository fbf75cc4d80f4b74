"""The rollouts of a calibration: every policy on every seed, on local processes or a Dask
cluster; each seed is one task, so the figures do not depend on where or in which order the
tasks ran."""

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

import numpy as np

from simulator.engine import clock
from simulator.engine.runner import play
from simulator.policies import policy_steps
from simulator.scenario.model import Scenario
from simulator.scoring import score

POLICIES = ("ignore", "expert", "random", "mistakes", "playbook")


@dataclass(frozen=True)
class Run:
    """One rollout: a policy on a seed, scored."""

    policy: str
    seed: int
    total: float  # the scorecard's total, 0..100
    negative: float  # negative mentions at the end of the drill
    at_detection: float  # negative mentions when the crisis was detected (the same for all)


def seed_runs(scenario: Scenario, seed: int) -> list[Run]:
    """Every policy on one seed (one task: the seed's ignore and expert baselines are shared)."""
    runs = []
    for policy in POLICIES:
        trajectory = play(scenario, seed, policy_steps(scenario, policy, seed)).trajectory()
        card = score(scenario, seed, trajectory.applied, annotate=False).card
        timeline = trajectory.timeline
        row = int(np.searchsorted(timeline["t"], scenario.crisis.detected_at - clock.EPS))
        runs.append(
            Run(
                policy,
                seed,
                card.total,
                float(timeline["negative_mentions"][-1]),
                float(timeline["negative_mentions"][row]),
            )
        )
    return runs


Progress = Callable[[int], None]  # told how many rollouts have just finished


def local_runs(scenario: Scenario, seeds: Sequence[int], workers: int, done: Progress) -> list[Run]:
    """On `workers` processes of this machine (1: in this process)."""
    if workers == 1:
        return [run for seed in seeds for run in _counted(seed_runs(scenario, seed), done)]
    pool = ProcessPoolExecutor(max_workers=min(workers, len(seeds)))
    try:
        futures = [pool.submit(seed_runs, scenario, seed) for seed in seeds]
        return [run for f in as_completed(futures) for run in _counted(f.result(), done)]
    finally:
        pool.shutdown(cancel_futures=True)


def cluster_runs(
    scenario: Scenario, seeds: Sequence[int], address: str, done: Progress
) -> list[Run]:
    """On the Dask distributed cluster at `address` (tcp://HOST:PORT)."""
    from dask.distributed import Client
    from dask.distributed import as_completed as finished

    with Client(address, timeout="15s") as client:
        shared = client.scatter(scenario, broadcast=True)
        futures = client.map(seed_runs, [shared] * len(seeds), seeds)
        return [run for f in finished(futures) for run in _counted(f.result(), done)]


def _counted(runs: list[Run], done: Progress) -> Iterator[Run]:
    done(len(runs))
    yield from runs


def all_cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
