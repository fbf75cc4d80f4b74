"""Calibration: Monte Carlo rollouts of built-in policies over seeds, and the verdicts that say
whether a scenario is ready for trainees (`crisis-drill calibrate`)."""

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from simulator.calibrate.rollouts import POLICIES, all_cores, cluster_runs, local_runs
from simulator.calibrate.verdicts import Calibration, calibration, calibration_text
from simulator.scenario.model import Scenario

__all__ = ["Calibration", "all_cores", "calibrate", "calibration_text"]


def calibrate(
    scenario: Scenario,
    runs: int,
    workers: int = 1,
    cluster: str | None = None,
    progress: bool = False,
) -> Calibration:
    """`runs` seeds (0 to runs-1) of every policy, on `workers` local processes or on the Dask
    cluster at `cluster`; with a progress bar on stderr when `progress` and stderr is a
    terminal. The same seeds give the same figures, wherever they ran."""
    seeds = range(runs)
    with _bar(progress) as bar:
        task = bar.add_task(scenario.id, total=runs * len(POLICIES))

        def done(n: int) -> None:
            bar.advance(task, n)

        if cluster is not None:
            found = cluster_runs(scenario, seeds, cluster, done)
        else:
            found = local_runs(scenario, seeds, workers, done)
    return calibration(scenario.id, scenario.version, found)


def _bar(wanted: bool) -> Progress:
    """A progress bar on stderr, drawn only when wanted and stderr is a terminal."""
    console = Console(stderr=True)
    return Progress(
        TextColumn("calibrating {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("rollouts"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not (wanted and console.is_terminal),
    )
