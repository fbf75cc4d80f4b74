"""Time profiles of what acts on the cascade: responses, injects, silence and fatigue."""

from dataclasses import dataclass

import numpy as np

from simulator.engine.catalogue import (
    EFFECT_RAMP,
    GOLDEN_HOUR,
    MAX_MULTIPLIER,
    SILENCE_PENALTY,
    SILENCE_RAMP,
    SILENCE_RECOVERY,
)


@dataclass(frozen=True)
class Effect:
    """A multiplier on infectiousness and a shift of the negative share, from `start` on."""

    start: float
    multiplier: float
    shift: float
    half_life: float | None
    source: str

    def level(self, t: np.ndarray) -> np.ndarray:
        """0 before start, ramps to 1 over EFFECT_RAMP, then decays with the half-life."""
        x = t - self.start
        ramp = np.clip(x / EFFECT_RAMP, 0.0, 1.0)
        if self.half_life is None:
            return ramp
        return ramp * 0.5 ** (np.maximum(x - EFFECT_RAMP, 0.0) / self.half_life)


@dataclass
class Profile:
    """Everything known to act on p(t) from now on, if nothing else is done."""

    effects: list[Effect]
    detected_at: float
    first_public: float | None
    fatigue_half_life: float | None

    def multiplier(self, t: np.ndarray) -> np.ndarray:
        m = self.silence(t)
        if self.fatigue_half_life:
            m = m * 0.5 ** (t / self.fatigue_half_life)
        for e in self.effects:
            m = m * (1.0 + (e.multiplier - 1.0) * e.level(t))
        return np.minimum(m, MAX_MULTIPLIER)

    def shift(self, t: np.ndarray) -> np.ndarray:
        s = np.zeros_like(t)
        for e in self.effects:
            if e.shift:
                s = s + e.shift * e.level(t)
        return s

    def silence(self, t: np.ndarray) -> np.ndarray:
        """Anger from unanswered complaints: rises after the golden hour until a public reply."""
        start = self.detected_at + GOLDEN_HOUR
        rise = np.clip((t - start) / SILENCE_RAMP, 0.0, 1.0)
        if self.first_public is not None:
            at_reply = np.clip((self.first_public - start) / SILENCE_RAMP, 0.0, 1.0)
            after = at_reply * 0.5 ** (np.maximum(t - self.first_public, 0) / SILENCE_RECOVERY)
            rise = np.where(t < self.first_public, rise, after)
        return 1.0 + SILENCE_PENALTY * rise
