"""Scoring speed: the median time to score a drill of 20 decisions on each shipped scenario,
counterfactuals (ignore and expert drills, one branch per decision) and annotations included,
and one debrief what-if (the 10th or next action replaced by `argue`, the branch scored).
Prints wall and CPU time (CPU time is steadier on a shared machine); asserts nothing.
Targets (issue 14): <= 150 ms per drill, <= 200 ms per what-if."""

import argparse
import statistics
import time
from pathlib import Path

from simulator.engine.runner import play
from simulator.scenario import PolicyStep, load_scenario
from simulator.scoring import score
from simulator.scoring.outcome import _baselines
from simulator.scoring.scorecard import what_if

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
# 20 decisions: the playbook's opening, then replies and monitoring through the drill.
TWENTY = [
    (0, "gather_facts"), (2, "analyse_scope"), (5, "holding_statement"), (8, "draft_options"),
    (30, "public_apology"), (35, "acknowledge_correct"), (40, "private_message"),
    (60, "monitor"), (80, "conciliatory_reply"), (100, "monitor"), (130, "private_message"),
    (160, "conciliatory_reply"), (190, "monitor"), (240, "holding_statement"),
    (280, "monitor"), (320, "conciliatory_reply"), (360, "monitor"), (420, "private_message"),
    (480, "monitor"), (540, "monitor"),
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(f"score a drill of {len(TWENTY)} decisions (median of {args.repeats} seeds)")
    for path in sorted(SCENARIOS.glob("*.toml")):
        scenario = load_scenario(path)
        t0 = scenario.crisis.detected_at
        steps = [PolicyStep(at=t0 + 60 * m, action=a) for m, a in TWENTY]
        cold, warm, cpu, branch = [], [], [], []
        for seed in range(args.repeats):
            played = play(scenario, seed, steps)
            log = played.trajectory().applied
            _baselines.cache_clear()
            start, clock = time.perf_counter(), time.process_time()
            card = score(scenario, seed, log).card
            cold.append(time.perf_counter() - start)
            cpu.append(time.process_time() - clock)
            start = time.perf_counter()
            score(scenario, seed, log)
            warm.append(time.perf_counter() - start)
            index = next(n for n, a in enumerate(log) if n >= 10 and a.inject is None)
            start = time.perf_counter()
            what_if(played, index, "argue")
            branch.append(time.perf_counter() - start)
        print(
            f"  {scenario.id:<14} {1000 * statistics.median(cold):5.0f} ms"
            f" (CPU {1000 * statistics.median(cpu):4.0f} ms;"
            f" ignore/expert already cached: {1000 * statistics.median(warm):4.0f} ms)"
            f"   {len(card.decisions)} decisions annotated;"
            f" what-if {1000 * statistics.median(branch):4.0f} ms"
        )


if __name__ == "__main__":
    main()
