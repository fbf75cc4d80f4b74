"""Fit a mentions series: the cascade's numbers with their intervals, as text and as the
scenario fields that carry them, and the check that the scenario's `ignore` run redraws it."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from simulator.durations import format_duration
from simulator.fit.hawkes import Fit, fit, prepare
from simulator.fit.rewrite import RewriteError, rewrite
from simulator.fit.series import Series
from simulator.fit.setting import (
    followers_for,
    ignore_counts,
    ignore_curves,
    plain_setting,
    setting_of,
)
from simulator.plain import plain
from simulator.scenario import FileProblems, scenario_from_dict
from simulator.scenario.model import Scenario

KERNELS = ("exponential", "seismic")


@dataclass
class Outcome:
    """The fits of one series (by kernel) and the one chosen."""

    series: Series
    origin_at: float  # seconds from the first bin
    fits: dict[str, Fit]
    scenario: Scenario | None
    notes: list[str] = field(default_factory=list)

    @property
    def best(self) -> Fit:
        """The fit with the lowest AIC (Akaike: the seismic kernel has one parameter less),
        among those whose dynamics stayed inside their bounds when there are any."""
        sound = [f for f in self.fits.values() if not f.degenerate] or list(self.fits.values())
        return min(sound, key=lambda f: f.aic)

    @property
    def followers(self) -> int | None:
        """The first origin post's followers that carry the fitted origin strength."""
        e = self.best.estimates
        if self.scenario is None or "origin" not in e:
            return None
        return followers_for(self.scenario, e["origin"].value, e["base"].value)


def first_mention(series: Series) -> float:
    """The start of the first bin with a mention: where the crisis starts, by default."""
    return float(np.flatnonzero(series.counts)[0]) * series.step


def fit_mentions(
    series: Series,
    scenario: Scenario | None,
    kernel: str = "best",
    origin_at: float | None = None,
) -> Outcome:
    """Fit the series with one kernel family, or both (`best`); around the scenario's
    detection, audience and origin posts when one is given."""
    at = first_mention(series) if origin_at is None else origin_at
    setting = setting_of(scenario, at) if scenario is not None else plain_setting(at)
    data = prepare(series.counts, series.step, setting)
    kernels = KERNELS if kernel == "best" else (kernel,)
    outcome = Outcome(series, at, {k: fit(data, k) for k in kernels}, scenario)
    if scenario is not None:
        if len(scenario.cascade.origin) > 1:
            outcome.notes.append(
                f"the scenario's other {len(scenario.cascade.origin) - 1} origin post(s) are "
                "kept, at their times and followers, in the fit and in the file"
            )
        if scenario.injects:
            outcome.notes.append(
                f"the scenario has {len(scenario.injects)} inject(s): its ignore run adds their "
                "posts to the fitted curve"
            )
        if scenario.clock.duration < series.span:
            outcome.notes.append(
                f"the scenario's clock ({format_duration(scenario.clock.duration)}) is shorter "
                f"than the series ({format_duration(series.span)})"
            )
    return outcome


def scenario_fields(outcome: Outcome) -> tuple[dict[str, str], dict[str, str]]:
    """The [cascade] and first [[cascade.origin]] values that carry the fit, as TOML."""
    best = outcome.best
    e = best.estimates
    cascade = {
        "kernel": f'"{best.kernel}"',
        "base_infectiousness": f"{round(e['base'].value, 3):g}",
        "background_rate": f"{round(e['background'].value * 3600, 2):g}",
        "fatigue_half_life": f'"{format_duration(e["fatigue"].value)}"',
    }
    if "mean_delay" in e:
        cascade["mean_delay"] = f'"{format_duration(e["mean_delay"].value)}"'
    origin = {"at": f'"{format_duration(outcome.origin_at)}"'}
    if outcome.followers is not None:
        origin["followers"] = str(outcome.followers)
    return cascade, origin


def snippet(outcome: Outcome) -> str:
    """The fitted fields as lines to paste into a scenario file."""
    cascade, origin = scenario_fields(outcome)
    return "\n".join(
        [
            "[cascade]   # for a scenario file (fit --into SCENARIO writes them in)",
            *(f"{k} = {v}" for k, v in cascade.items()),
            "# and in the first [[cascade.origin]]: "
            + ", ".join(f"{k} = {v}" for k, v in origin.items()),
        ]
    )


def fitted_file(source: Path, outcome: Outcome) -> str:
    """The scenario file's text with the fitted fields in, checked valid; RewriteError else."""
    cascade, origin = scenario_fields(outcome)
    try:
        text = rewrite(source.read_text(encoding="utf-8"), cascade, origin)
    except RewriteError as err:
        raise RewriteError(f"{plain(str(source))}: {err}") from None
    try:
        scenario_from_dict(tomllib.loads(text))
    except FileProblems as problems:
        raise RewriteError(
            f"{plain(str(source))}: the fitted file would not be valid: {problems.lines[0]}"
        ) from None
    return text


def written_text(target: str, outcome: Outcome) -> str:
    cascade, origin = scenario_fields(outcome)
    return f"wrote {plain(target)}: " + ", ".join(
        f"{k} = {v}" for k, v in {**cascade, **origin}.items()
    )


@dataclass(frozen=True)
class Check:
    """The scenario's `ignore` runs against the series."""

    seeds: int
    bins: int  # compared (the scenario's clock may be shorter than the series)
    mean_total: float
    r2: float  # of the runs' mean counts per bin against the series's
    negative_share: float  # of the runs' mentions
    negative_r2: float | None  # of the negative counts, when the series has them


def _r2(data: np.ndarray, model: np.ndarray) -> float:
    total = float(np.sum((data - data.mean()) ** 2))
    return 1.0 - float(np.sum((data - model) ** 2)) / total if total else 0.0


def check_ignore(scenario: Scenario, series: Series, seeds: int) -> Check:
    """Run the scenario under `ignore` on seeds 1..n, binned like the series."""
    bins = min(series.counts.size, int(scenario.clock.duration // series.step))
    runs = np.array([ignore_curves(scenario, s, series.step, bins) for s in range(1, seeds + 1)])
    mean = runs.mean(axis=0)
    negative_r2 = None
    if series.negative is not None:
        negative_r2 = _r2(series.negative[:bins].astype(np.float64), mean[1])
    return Check(
        seeds,
        bins,
        float(runs[:, 0].sum(axis=1).mean()),
        _r2(series.counts[:bins].astype(np.float64), mean[0]),
        float(mean[1].sum() / max(mean[0].sum(), 1.0)),
        negative_r2,
    )


LABELS = {
    "background": "background rate",
    "base": "base infectiousness",
    "mean_delay": "mean delay",
    "fatigue": "fatigue half-life",
    "origin": "origin's reactions",
}


def bootstrap(outcome: Outcome, fitted: Scenario, runs: int) -> dict[str, tuple[float, float]]:
    """95% intervals by parametric bootstrap: the fitted scenario's `ignore` runs (seeds
    1..runs, drawn with the engine's own heavy-tailed audience, which the Poisson information
    does not see), binned like the series and fitted again with the same kernel."""
    series, kernel = outcome.series, outcome.best.kernel
    bins = min(series.counts.size, int(fitted.clock.duration // series.step))
    setting = setting_of(fitted, outcome.origin_at)
    values: dict[str, list[float]] = {name: [] for name in outcome.best.estimates}
    for seed in range(1, runs + 1):
        counts = ignore_counts(fitted, seed, series.step, bins)
        refit = fit(prepare(counts, series.step, setting), kernel)
        for name in values:
            values[name].append(refit.estimates[name].value)
    return {
        name: (float(np.percentile(v, 2.5)), float(np.percentile(v, 97.5)))
        for name, v in values.items()
    }


def bootstrap_text(intervals: dict[str, tuple[float, float]], runs: int) -> str:
    lines = [f"parametric bootstrap ({runs} ignore runs of the written scenario, fitted again):"]
    for name, (low, high) in intervals.items():
        lines.append(f"  {LABELS[name]:<22}{'':>10}   {_shown(name, low)} .. {_shown(name, high)}")
    return "\n".join(lines)


def _shown(name: str, value: float) -> str:
    if not np.isfinite(value):
        return "?"
    if name == "background":
        return f"{value * 3600:.3g}/h"
    if name in ("mean_delay", "fatigue"):
        return format_duration(value)
    return f"{value:.3g}"


def outcome_text(outcome: Outcome, name: str) -> str:
    """The fit as a reader sees it: the series, each parameter with its 95% interval, the
    goodness of fit and the alternative kernel."""
    s, best = outcome.series, outcome.best
    counts = s.counts
    lines = [
        f"{name}: {counts.size} bins of {format_duration(s.step)} from {s.start}, "
        f"{int(counts.sum()):,} mentions"
        + (
            f" ({100 * s.negative.sum() / counts.sum():.0f}% negative)"
            if s.negative is not None
            else ""
        )
        + f"; the crisis starts at +{format_duration(outcome.origin_at)}",
        "",
        f"kernel {best.kernel} (AIC {best.aic:.1f}"
        + "".join(
            f"; {k} {f.aic:.1f}" + (", set aside: it ran into a bound" if f.degenerate else "")
            for k, f in outcome.fits.items()
            if f is not best
        )
        + ")",
        f"  {'parameter':<22}{'estimate':>10}   95% interval",
    ]
    for key, e in best.estimates.items():
        label = LABELS[key]
        interval = f"{_shown(key, e.low)} .. {_shown(key, e.high)}"
        lines.append(f"  {label:<22}{_shown(key, e.value):>10}   {interval}")
    if outcome.followers is not None:
        lines.append(f"  (origin followers {outcome.followers:,} carry the origin's reactions)")
    lines += [
        "",
        f"goodness of fit: deviance {best.deviance:.1f} on {best.dof} degrees of freedom "
        f"({best.deviance / best.dof:.2f} per degree; near 1 is a good fit), "
        f"R² {best.r2:.3f} of the binned counts (one bin ahead), "
        f"dispersion {best.dispersion:.2f}",
    ]
    lines += [
        f"note: {LABELS[name]} stopped at the {side}est value the fit tries "
        f"({_shown(name, best.estimates[name].value)}): its interval means little"
        for name, side in best.at_bound
    ]
    lines += [f"note: {note}" for note in outcome.notes]
    return "\n".join(lines)


def check_text(check: Check, series: Series) -> str:
    counts = series.counts[: check.bins]
    lines = [
        f"the ignore run of the scenario (seeds 1-{check.seeds}): "
        f"{check.mean_total:,.0f} mentions on average (the series: {int(counts.sum()):,}), "
        f"R² {check.r2:.3f} of its mean curve",
        f"  {100 * check.negative_share:.0f}% of them negative",
    ]
    if series.negative is not None and check.negative_r2 is not None:
        share = series.negative[: check.bins].sum() / max(counts.sum(), 1)
        lines[-1] += f" (the series: {100 * share:.0f}%), R² {check.negative_r2:.3f} of negatives"
    return "\n".join(lines)
