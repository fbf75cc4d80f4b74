"""The engine's budget: how many posts a scenario may make, estimated before it runs and
enforced while it runs, so that no scenario file can take the machine's memory.

`expected_posts` follows the mean number of real posts on a time grid over the drill (a
renewal equation like the forecast's, from the roots the scenario schedules: origin posts,
background chatter, inject posts), as if nothing were done, on the high side: the silence
penalty, every inject's multiplier (a conditional one from the start), every post as
infectious as a negative one, each wave's fatigue, the kernel's delays, and the audience cap
as accounts are drawn in. It runs on the scenario alone (no audience drawn), in milliseconds.
`validate` refuses a scenario whose estimate passes EXPECTED_BUDGET, naming the field to
lower. A run that passes the budget anyway (a mistake's second wave, luck) stops with
`PostsBudgetExceeded` before it allocates the posts: one line for the CLI and the app.
"""

from dataclasses import dataclass
from pathlib import Path as FilePath

import numpy as np

from simulator.catalogue import (
    MAX_MULTIPLIER,
    NEGATIVE_CHANCE,
    NEGATIVE_CLIP,
    POSITIVE_SHARE,
    SEISMIC_FLAT,
)
from simulator.durations import format_duration
from simulator.engine.effects import Effect, Profile
from simulator.engine.kernels import make_kernel
from simulator.problems import Refused
from simulator.scenario.locate import Path, locate, positions
from simulator.scenario.model import Scenario

POSTS_BUDGET = 2_500_000  # real posts in one drill (about 85 MB of post columns; bad play on
# the library's largest audiences makes up to 1.9 M: kitchen-video, save-wipe)
PENDING_BUDGET = 2_000_000  # potential posts drawn at once and waiting (with their draws'
# temporaries, the largest share of a run's memory: about 250 MB at the budget)
EXPECTED_BUDGET = 750_000  # what `validate` accepts: room for the estimate's error
GRID = 400  # time bins of the estimate over the drill, at least
MAX_GRID = 4000  # and at most (bins a quarter of the kernel's delay long, between the two)
EXPLOSIVE = 0.97  # within one bin, posts begetting this many more: the growth has no bound


class PostsBudgetExceeded(Refused):
    """A drill that made more posts than the engine's budget allows (the message is one line)."""

    def __init__(self, what: str, t: float) -> None:
        super().__init__(
            f"the drill passed the engine's budget ({what}) at {format_duration(t)} of simulated "
            "time: lower cascade.base_infectiousness, cascade.background_rate or clock.duration"
        )


@dataclass(frozen=True)
class Estimate:
    """The expected number of posts of a drill left alone, and what drives it."""

    posts: float  # real posts over the drill (inf: the growth has no bound)
    roots: float  # the posts that start it (origin, background, inject posts)
    background: float  # of which background chatter

    @property
    def field(self) -> Path:
        """The scenario field to lower to bring the estimate down."""
        if not np.isfinite(self.posts) or self.posts > 10 * self.roots:
            return ("cascade", "base_infectiousness")
        if self.background > self.roots / 2:
            return ("cascade", "background_rate")
        return ("clock", "duration")


def expected_posts(scenario: Scenario) -> Estimate:
    """The mean number of real posts of the drill if nothing is done (see the module)."""
    c, duration = scenario.cascade, scenario.clock.duration
    kernel = make_kernel(c.kernel, c.mean_delay)
    scale = c.mean_delay if c.kernel == "exponential" else SEISMIC_FLAT
    bins = int(min(MAX_GRID, max(GRID, 4 * duration / scale)))
    width = duration / bins
    centres = (np.arange(bins) + 0.5) * width
    # mass[k]: share of a post's reactions (at a bin's centre) that land k bins later
    offsets = np.arange(bins + 1) * width - width / 2
    mass = kernel.survival(np.maximum(offsets[:-1], 0.0)) - kernel.survival(offsets[1:])
    roots = np.full(bins, c.background_rate / 3600.0 * width)
    background = float(roots.sum())
    median = scenario.audience.follower_median
    for post in c.origin:
        followers = scenario.brand.followers if post.followers is None else post.followers
        roots[_bin(width, bins, post.at)] += max(
            1.0, (max(followers, 1) / median) ** c.follower_exponent
        )
    for inject in scenario.injects:
        if inject.at is not None and inject.at < duration:
            roots[_bin(width, bins, inject.at)] += len(inject.roots)
    origin_at = min(post.at for post in c.origin)
    profile = Profile(scenario.crisis.detected_at, c.fatigue_half_life, origin_at)
    for inject in scenario.injects:
        at = origin_at if inject.at is None else inject.at
        profile.add(Effect(at, inject.multiplier, 0.0, inject.half_life, inject.id))
    rate = profile.rate(centres, np.zeros(bins, dtype=np.int64))
    gain = c.base_infectiousness * _negative_factor(scenario) * np.minimum(rate, MAX_MULTIPLIER)
    size = scenario.audience.size
    posts = np.zeros(bins)
    total = 0.0
    for i in range(bins):
        g = gain[i] * (np.exp(-total / size) if c.audience_cap else 1.0)
        born = roots[i] + g * float(posts[:i] @ mass[i:0:-1])
        within = g * mass[0]
        if within >= EXPLOSIVE:  # it explodes inside the bin: only the audience cap stops it
            if not c.audience_cap:
                return Estimate(np.inf, float(roots.sum()), background)
            saturated = size * np.log(gain[i] * mass[0] / EXPLOSIVE)
            posts[i] = max(0.0, saturated - total) + born / (1.0 - EXPLOSIVE)
        else:
            posts[i] = born / (1.0 - within)
        total += posts[i]
        if total > 100 * POSTS_BUDGET:
            break
    return Estimate(total, float(roots.sum()), background)


def _bin(width: float, bins: int, t: float) -> int:
    return min(max(int(t // width), 0), bins - 1)


def _negative_factor(scenario: Scenario) -> float:
    """How much more infectious a negative post is than the audience's average one (at least
    1): the estimate counts every post as negative, the worst a drill's shifts can reach."""
    sw, a = scenario.cascade.sentiment_weights, scenario.audience
    mix = {"critic": a.critics, "neutral": a.neutrals, "fan": a.fans}
    average = sum(
        share
        * (
            sw.negative * NEGATIVE_CHANCE[role]
            + (1 - NEGATIVE_CHANCE[role])
            * (POSITIVE_SHARE[role] * sw.positive + (1 - POSITIVE_SHARE[role]) * sw.neutral)
        )
        for role, share in mix.items()
    ) / max(sum(mix.values()), 1e-9)
    worst = NEGATIVE_CLIP[1] * sw.negative + (1 - NEGATIVE_CLIP[1]) * max(sw.neutral, sw.positive)
    return max(1.0, worst / average) if average > 0 else 1.0


def budget_problems(scenario: Scenario) -> list[tuple[Path, str]]:
    """The budget's problem with a scenario, on the field to lower (none when it fits)."""
    estimate = expected_posts(scenario)
    if estimate.posts <= EXPECTED_BUDGET:
        return []
    size = (
        "grows without bound"
        if not np.isfinite(estimate.posts)
        else (f"makes about {estimate.posts:,.0f} posts")
    )
    field = ".".join(map(str, estimate.field))
    return [
        (
            estimate.field,
            f"left alone, the drill {size}, over the {EXPECTED_BUDGET:,} a scenario may expect: "
            f"lower {field}",
        )
    ]


def budget_lines(file: str | FilePath, scenario: Scenario) -> list[str]:
    """`budget_problems` as file:line:col lines, like the loader's."""
    problems = budget_problems(scenario)
    if not problems:
        return []
    where = positions(FilePath(file).read_text(encoding="utf-8"))
    lines = []
    for path, message in problems:
        line, col = locate(where, path)
        lines.append(f"{file}:{line}:{col}: {'.'.join(map(str, path))}: {message}")
    return lines
