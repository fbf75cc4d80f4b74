"""What a calibration finds: per policy, the spread of its scores and of the crisis it leaves;
then the verdicts an instructor reads before trainees meet the scenario.

The thresholds are modelling choices, stated once here and printed with each verdict:
- winnable: the scenario's expert beats doing nothing by WIN_MARGIN points on average, and on
  at least SHARE of the seeds (the score can reward good play at all);
- discriminative: good play (the generated playbook and the expert) beats the mistakes policy
  by CLEAR_MARGIN points on average, the playbook on at least SHARE of the seeds (the score
  tells good play from bad; a reference that is itself bad play breaks the outcome's anchor);
- not trivial: doing nothing lets the crisis grow: the median seed's final negative mentions
  under `ignore` are at least GROWTH times those at detection;
- not hopeless: a good response contains it: the expert ends the median seed with at most
  CONTAINED of the negative mentions that doing nothing leaves;
- fair: the seed moves the expert's total by less than FAIR_SPREAD points (5th to 95th
  percentile), so trainees on different drill codes meet the same difficulty.
"""

import textwrap
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from simulator.calibrate.rollouts import POLICIES, Run
from simulator.labels import compact

WIN_MARGIN = 30.0  # points between the expert's and ignore's mean totals
CLEAR_MARGIN = 30.0  # points between good play's and the mistakes' mean totals
SHARE = 0.9  # of the seeds on which the better policy must win
GROWTH = 2.0  # ignore's final negative mentions over those at detection, at least
CONTAINED = 0.5  # the expert's final negative mentions over ignore's, at most
FAIR_SPREAD = 15.0  # points from the 5th to the 95th percentile of the expert's total, below
PERCENTILES = (5, 50, 95)
WIDTH, INDENT = 80, " " * 8  # the verdicts' details, wrapped under their names


@dataclass(frozen=True)
class Spread:
    """Mean, standard deviation and percentiles of one figure over the seeds."""

    mean: float
    sd: float
    p5: float
    p50: float
    p95: float

    @classmethod
    def of(cls, values: Sequence[float]) -> "Spread":
        a = np.asarray(values, dtype=np.float64)
        p5, p50, p95 = (float(x) for x in np.percentile(a, PERCENTILES))
        return cls(float(a.mean()), float(a.std()), p5, p50, p95)


@dataclass(frozen=True)
class PolicyFigures:
    policy: str
    total: Spread
    negative: Spread  # final negative mentions


@dataclass(frozen=True)
class Verdict:
    id: str
    passed: bool
    detail: str  # the figures and the threshold, in words


@dataclass(frozen=True)
class Calibration:
    scenario: str
    version: str
    seeds: tuple[int, int]  # first and last seed
    figures: list[PolicyFigures]
    verdicts: list[Verdict]

    @property
    def passed(self) -> bool:
        return all(v.passed for v in self.verdicts)

    def to_json(self) -> dict:
        return {
            "scenario": self.scenario,
            "version": self.version,
            "runs": self.seeds[1] - self.seeds[0] + 1,
            "seeds": list(self.seeds),
            "policies": {
                f.policy: {"total": asdict(f.total), "negative_mentions": asdict(f.negative)}
                for f in self.figures
            },
            "verdicts": [asdict(v) for v in self.verdicts],
            "passed": self.passed,
        }


def calibration(scenario: str, version: str, runs: Sequence[Run]) -> Calibration:
    """The figures and verdicts of a set of rollouts (in any order: they are sorted by seed)."""
    ordered = sorted(runs, key=lambda r: (r.seed, POLICIES.index(r.policy)))
    by = {p: [r for r in ordered if r.policy == p] for p in POLICIES}
    figures = [
        PolicyFigures(
            p, Spread.of([r.total for r in by[p]]), Spread.of([r.negative for r in by[p]])
        )
        for p in POLICIES
    ]
    seeds = sorted({r.seed for r in ordered})
    return Calibration(scenario, version, (seeds[0], seeds[-1]), figures, verdicts(by))


def verdicts(by: dict[str, list[Run]]) -> list[Verdict]:
    """The five verdicts, from each policy's runs in seed order."""
    total = {p: np.array([r.total for r in runs]) for p, runs in by.items()}
    negative = {p: np.array([r.negative for r in runs]) for p, runs in by.items()}
    mean = {p: float(v.mean()) for p, v in total.items()}

    def wins(better: str, worse: str) -> float:
        return float(np.mean(total[better] > total[worse]))

    win, gap = wins("expert", "ignore"), mean["expert"] - mean["ignore"]
    good = min(mean["playbook"], mean["expert"]) - mean["mistakes"]
    beaten = wins("playbook", "mistakes")
    detected = float(np.median([r.at_detection for r in by["ignore"]]))
    ignored, expert = float(np.median(negative["ignore"])), float(np.median(negative["expert"]))
    p5, p95 = np.percentile(total["expert"], (5, 95))
    return [
        Verdict(
            "winnable",
            bool(gap >= WIN_MARGIN and win >= SHARE),
            f"expert {mean['expert']:.1f} vs ignore {mean['ignore']:.1f}: +{gap:.1f} points "
            f"(needs +{WIN_MARGIN:.0f}), better on {win:.0%} of seeds (needs {SHARE:.0%})",
        ),
        Verdict(
            "discriminative",
            bool(good >= CLEAR_MARGIN and beaten >= SHARE),
            f"playbook {mean['playbook']:.1f} and expert {mean['expert']:.1f} vs mistakes "
            f"{mean['mistakes']:.1f}: +{good:.1f} points (needs +{CLEAR_MARGIN:.0f}), playbook "
            f"better on {beaten:.0%} of seeds (needs {SHARE:.0%})",
        ),
        Verdict(
            "not trivial",
            bool(ignored >= GROWTH * max(detected, 1.0)),
            f"doing nothing: {detected:,.0f} negative mentions at detection grow to "
            f"{ignored:,.0f} (needs {GROWTH:g}x)",
        ),
        Verdict(
            "not hopeless",
            bool(expert <= CONTAINED * ignored),
            f"the expert ends with {expert:,.0f} negative mentions, "
            f"{_share(expert / max(ignored, 1.0))} of doing nothing's {ignored:,.0f} "
            f"(needs at most {CONTAINED:.0%})",
        ),
        Verdict(
            "fair",
            bool(p95 - p5 < FAIR_SPREAD),
            f"the seed moves the expert's total by {p95 - p5:.1f} points, 5th to 95th "
            f"percentile (needs under {FAIR_SPREAD:.0f})",
        ),
    ]


def calibration_text(c: Calibration) -> str:
    """The table and the verdicts, as an instructor reads them in a terminal (80 columns)."""
    runs = c.seeds[1] - c.seeds[0] + 1
    stats = ("mean", "sd", "p5", "p50", "p95")
    lines = [
        f"{c.scenario} v{c.version}: {runs} runs per policy (seeds {c.seeds[0]} to {c.seeds[1]})",
        "",
        f"{'':<9} {'total score':^30}  {'final negative mentions':^35}".rstrip(),
        f"{'policy':<9} {_row(stats, 6)}  {_row(stats, 7)}",
    ]
    for f in c.figures:
        score = [f"{getattr(f.total, s):.1f}" for s in stats]
        mentions = [compact(getattr(f.negative, s)) for s in stats]
        lines.append(f"{f.policy:<9} {_row(score, 6)}  {_row(mentions, 7)}")
    lines.append("")
    for v in c.verdicts:
        lines.append(f"{'✓ pass' if v.passed else '✗ FAIL'}  {v.id}")
        lines += textwrap.wrap(v.detail, WIDTH, initial_indent=INDENT, subsequent_indent=INDENT)
    failed = [v.id for v in c.verdicts if not v.passed]
    lines += ["", f"failed: {', '.join(failed)}" if failed else "calibrated: every verdict passes"]
    return "\n".join(lines)


def _row(cells: Sequence[str], width: int) -> str:
    return "".join(f"{cell:>{width}}" for cell in cells)


def _share(x: float) -> str:
    """A share in words that never rounds a small one to 0%: 42%, 0.4%."""
    return f"{x:.0%}" if x >= 0.1 else f"{x:.1%}"
