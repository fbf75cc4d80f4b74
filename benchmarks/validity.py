"""Mean total score per policy per shipped scenario over seeds: the validity table.

Usage: python benchmarks/validity.py [SEEDS] [SCENARIO...]  (default 30 seeds, every shipped
scenario; annotations off, scores are the same)
"""

import sys
from pathlib import Path
from statistics import mean

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator.engine.runner import play
from simulator.policies import policy_steps
from simulator.scenario import load_scenario
from simulator.scoring import score

SCENARIOS = sorted((Path(__file__).resolve().parents[1] / "scenarios").glob("*.toml"))
ORDER = ("mistakes", "rushed", "ignore", "playbook", "expert")


def main(seeds: int, paths: list[Path]) -> None:
    print(f"mean total over {seeds} seeds (min..max)")
    print(f"{'scenario':<16}" + "".join(f"{p:>20}" for p in ORDER))
    for path in paths:
        scenario = load_scenario(path)
        row = []
        for policy in ORDER:
            totals = []
            for seed in range(seeds):
                steps = policy_steps(scenario, policy, seed)
                log = play(scenario, seed, steps).trajectory().applied
                totals.append(score(scenario, seed, log, annotate=False).card.total)
            row.append(f"{mean(totals):6.1f} ({min(totals):.0f}..{max(totals):.0f})")
        print(f"{scenario.id:<16}" + "".join(f"{cell:>20}" for cell in row))


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 30, [Path(a) for a in sys.argv[2:]] or SCENARIOS
    )
