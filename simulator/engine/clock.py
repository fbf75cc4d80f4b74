"""The drill's clock grid: ticks and beats, and the tolerance of comparing times on them.

Simulated time is a float of seconds; t / tick is rarely an exact integer, so every comparison
with the grid allows EPS of slack. Every rounding of a time onto the grid lives here.
"""

import math

import numpy as np

EPS = 1e-9  # slack of a time compared with the grid (far below a millisecond, above float noise)
BEAT = 900.0  # the engine's beat (at least a tick): the audience cap, condition injects and the
# forecast are refreshed on it; runs never cross it, so results do not depend on stepping


def beat_of(tick: float) -> float:
    """The beat on a clock of this tick: a whole number of ticks, about BEAT long."""
    return tick * max(1, round(BEAT / tick))


def up(t: float, step: float) -> float:
    """The first grid point (a multiple of `step`) at or after t."""
    return math.ceil(t / step - EPS) * step


def down(t: float, step: float) -> float:
    """The last grid point (a multiple of `step`) at or before t."""
    return math.floor(t / step + EPS) * step


def after(t: float, step: float) -> float:
    """The first grid point strictly after t."""
    return (math.floor(t / step + EPS) + 1) * step


def on(t: float, step: float) -> bool:
    """Whether t is a grid point."""
    return abs(t / step - round(t / step)) < EPS


def reached(now: float, t: float) -> bool:
    """Whether the clock at `now` has reached t."""
    return now + EPS >= t


def ticks(t0: float, t1: float, tick: float) -> np.ndarray:
    """The tick boundaries in (t0, t1], the last one being t1 itself."""
    out = np.arange(t0 + tick, t1 + EPS, tick)
    out[-1] = t1
    return out
