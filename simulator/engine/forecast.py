"""The forecast: how many posts are still to come if nothing else is done.

Expected real posts are followed per wave on a time grid ahead of now (a renewal equation):
a real post at s has potential children at delays drawn from the kernel's own law, so the share
of them landing in each later bin is the kernel's mass there (whatever the kernel: exponential,
or seismic, whose heavy tail sends many children late, when fatigue has thinned them); each is
kept with the probability p(t) of its own wave at its own time, at an audience cap that falls as
posts draw new accounts in. What starts the sum is known now: the pending potential posts, the
roots already scheduled (consequences of what was done) and the background chatter still due.
"""

import math
from dataclasses import dataclass

import numpy as np

from simulator.catalogue import (
    FORECAST_AHEAD,
    FORECAST_BIN_GROWTH,
    FORECAST_FIRST_BIN,
    FORECAST_MAX_R,
    MAX_MULTIPLIER,
)
from simulator.engine.cascade import Cascade
from simulator.engine.effects import Profile
from simulator.engine.kernels import Kernel


def grid_edges() -> np.ndarray:
    """Bin edges ahead of now (offsets in seconds): geometric widths up to FORECAST_AHEAD."""
    widths = [FORECAST_FIRST_BIN]
    while sum(widths) < FORECAST_AHEAD:
        widths.append(widths[-1] * FORECAST_BIN_GROWTH)
    return np.concatenate(([0.0], np.cumsum(widths)))


@dataclass(frozen=True)
class Ahead:
    """Expected posts to come: all of them, and those that start the sum (for the range)."""

    posts: float
    first: float


class Forecaster:
    """The forecast of one drill's cascade (its grid and kernel transfer are fixed)."""

    def __init__(
        self, cascade: Cascade, profile: Profile, kernel: Kernel, *, end: float, background: float
    ) -> None:
        self.cascade, self.profile = cascade, profile
        self.end, self.background = end, background  # background: posts per second until end
        self.edges = grid_edges()
        self.centres = (self.edges[:-1] + self.edges[1:]) / 2
        # transfer[i, j]: share of a post's children (at the centre of bin j) landing in bin i
        lo = kernel.survival(self.edges[:-1, None] - self.centres[None, :])
        hi = kernel.survival(self.edges[1:, None] - self.centres[None, :])
        self.transfer = np.tril(lo - hi)

    def ahead(self, now: float, cap: float, roots_t: np.ndarray, roots_wave: np.ndarray) -> Ahead:
        """Expected real posts after `now` (roots_t, roots_wave: the roots scheduled after now)."""
        cascade, profile = self.cascade, self.profile
        edges = now + self.edges
        n_bins = min(int(np.searchsorted(edges, cascade.cutoff)), self.centres.size)  # to cutoff
        if n_bins == 0:
            return Ahead(0.0, 0.0)
        waves = profile.born.size
        centres = now + self.centres[:n_bins]
        wave = np.arange(waves)[:, None]
        rate = profile.multiplier(centres)[None, :] * profile.fatigue(centres[None, :], wave)
        first = self._binned(edges, n_bins, waves, cascade.pending.all())
        first *= rate * (cap / MAX_MULTIPLIER)
        if roots_t.size:
            first += self._binned(edges, n_bins, waves, {"t": roots_t, "wave": roots_wave})
        bg_span = np.clip(np.minimum(edges[1 : n_bins + 1], self.end) - edges[:n_bins], 0.0, None)
        first[0] += self.background * bg_span
        total_first = float(first.sum())
        if total_first <= 0.0:
            return Ahead(0.0, 0.0)
        # real children per real post, before the cap: base/s0 * rate(t_child) * weight(parent)
        gain = cascade.base / cascade.s0 * rate
        weight = cascade.mean_offspring_weight(profile.shift(centres))
        return Ahead(self._renew(first, gain, weight, cap), total_first)

    def _binned(
        self, edges: np.ndarray, n_bins: int, waves: int, cols: dict[str, np.ndarray]
    ) -> np.ndarray:
        """Counts of posts per (wave, bin)."""
        b = np.searchsorted(edges, cols["t"], side="right") - 1
        inside = (b >= 0) & (b < n_bins)
        flat = cols["wave"][inside].astype(np.int64) * n_bins + b[inside]
        return np.bincount(flat, minlength=waves * n_bins).reshape(waves, n_bins).astype(float)

    def _renew(self, first: np.ndarray, gain: np.ndarray, weight: np.ndarray, cap: float) -> float:
        """Solve the renewal equation bin by bin: the real posts per wave in each bin are those
        that start there plus the children of the posts before (and in) it."""
        cascade = self.cascade
        n = cascade.pop.size
        n_bins = first.shape[1]
        transfer = self.transfer[:n_bins, :n_bins] * weight[None, :]
        # While the crisis stays small beside the audience left, the cap holds: one linear
        # (lower-triangular) solve per wave gives every bin at once. Every bin holds at least
        # the posts that start there, so a large start goes straight to the capped sum.
        small = 1e-3 * n * cap
        if not cascade.audience_cap or float(first.sum()) < small:
            system = (gain * cap)[:, :, None] * transfer[None, :, :]
            diagonal = np.arange(n_bins)
            system[:, diagonal, diagonal] = np.minimum(
                system[:, diagonal, diagonal], FORECAST_MAX_R
            )
            posts = np.linalg.solve(np.eye(n_bins) - system, first[:, :, None])[:, :, 0]
            total = float(posts.sum())
            if not cascade.audience_cap or total < small:
                return total
        posts = np.zeros_like(first)
        gain_t, first_t, within_t = gain.T.copy(), first.T.copy(), transfer.diagonal().copy()
        add = np.add.reduce
        c = cap
        for i in range(n_bins):
            a = gain_t[i] * c
            born = first_t[i] + a * (posts[:, :i] @ transfer[i, :i])
            within = np.minimum(a * within_t[i], FORECAST_MAX_R)
            posts[:, i] = column = born / (1.0 - within)
            c = max(0.0, c - float(add(column)) * c / n)
        return float(posts.sum())


def negative_range(ahead: Ahead, share: float, z: float) -> tuple[float, float, float]:
    """Expected negative mentions to come, with a range: a branching process's total progeny
    has variance about E^3 / A^2 for A posts that start it."""
    if ahead.first <= 0.0:
        return (0.0, 0.0, 0.0)
    spread = z * ahead.posts * math.sqrt(ahead.posts) / ahead.first * share
    expected = ahead.posts * share
    return (expected, max(0.0, expected - spread), expected + spread)
