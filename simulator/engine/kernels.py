"""Reaction-time kernels: how long after a post its reactions come (densities normalised to 1)."""

from dataclasses import dataclass

import numpy as np

from simulator.catalogue import SEISMIC_FLAT, SEISMIC_THETA


@dataclass(frozen=True)
class Exponential:
    """phi(t) = exp(-t / mean) / mean."""

    mean: float

    def delay(self, u: np.ndarray) -> np.ndarray:
        return -self.mean * np.log1p(-u)

    def survival(self, t: np.ndarray) -> np.ndarray:
        return np.exp(-np.maximum(t, 0) / self.mean)


@dataclass(frozen=True)
class Seismic:
    """Zhao et al. (KDD 2015): phi(t) = c for t < s0, c (t / s0)^-(1 + theta) after."""

    s0: float = SEISMIC_FLAT
    theta: float = SEISMIC_THETA

    @property
    def flat_mass(self) -> float:
        return self.theta / (1 + self.theta)

    def delay(self, u: np.ndarray) -> np.ndarray:
        flat = u < self.flat_mass
        tail = self.s0 * ((1 - u) * (1 + self.theta)) ** (-1 / self.theta)
        return np.where(flat, u * self.s0 / self.flat_mass, tail)

    def survival(self, t: np.ndarray) -> np.ndarray:
        t = np.maximum(t, 0)
        flat = 1 - self.flat_mass * t / self.s0
        tail = (np.maximum(t, self.s0) / self.s0) ** (-self.theta) / (1 + self.theta)
        return np.where(t < self.s0, flat, tail)


Kernel = Exponential | Seismic


def make_kernel(name: str, mean_delay: float) -> Kernel:
    return Exponential(mean_delay) if name == "exponential" else Seismic()
