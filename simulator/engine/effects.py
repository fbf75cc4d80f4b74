"""Time profiles of what acts on the cascade: responses, injects, silence and fatigue."""

from dataclasses import dataclass

import numpy as np

from simulator.catalogue import (
    EFFECT_RAMP,
    GOLDEN_HOUR,
    MAX_MULTIPLIER,
    SILENCE_PENALTY,
    SILENCE_RAMP,
    SILENCE_RECOVERY,
)
from simulator.engine.rand import clip


@dataclass(frozen=True)
class Effect:
    """A multiplier on infectiousness and a shift of the negative share from `start` on: it
    ramps in over EFFECT_RAMP, then fades with its half-life (None: it lasts)."""

    start: float
    multiplier: float
    shift: float
    half_life: float | None
    source: str


class Profile:
    """Everything known to act on p(t) from now on, if nothing else is done."""

    def __init__(self, detected_at: float, fatigue_half_life: float | None) -> None:
        self.effects: list[Effect] = []
        self.detected_at = detected_at
        self.first_public: float | None = None
        self.fatigue_half_life = fatigue_half_life
        self._params = np.zeros((4, 0))

    def add(self, effect: Effect) -> None:
        self.effects.append(effect)
        column = [
            effect.start,
            effect.multiplier - 1.0,
            effect.shift,
            effect.half_life if effect.half_life is not None else np.inf,
        ]
        self._params = np.column_stack((self._params, column))

    def _levels(self, t: np.ndarray) -> np.ndarray:
        """Effect levels, one row per effect: vectorised over effects and times."""
        start, _, _, half_life = self._params[:, :, None]
        x = t[None, :] - start
        ramp = clip(x / EFFECT_RAMP, 0.0, 1.0)
        return ramp * 0.5 ** (np.maximum(x - EFFECT_RAMP, 0.0) / half_life)

    def multiplier(self, t: np.ndarray) -> np.ndarray:
        m = self.silence(t)
        if self.fatigue_half_life:
            m = m * 0.5 ** (t / self.fatigue_half_life)
        if self.effects:
            m = m * np.prod(1.0 + self._params[1][:, None] * self._levels(t), axis=0)
        return np.minimum(m, MAX_MULTIPLIER)

    def shift(self, t: np.ndarray) -> np.ndarray:
        if not self.effects:
            return np.zeros_like(t)
        return self._params[2] @ self._levels(t)

    def silence(self, t: np.ndarray) -> np.ndarray:
        """Anger from unanswered complaints: rises after the golden hour until a public reply."""
        start = self.detected_at + GOLDEN_HOUR
        rise = clip((t - start) / SILENCE_RAMP, 0.0, 1.0)
        if self.first_public is not None:
            at_reply = clip((self.first_public - start) / SILENCE_RAMP, 0.0, 1.0)
            after = at_reply * 0.5 ** (np.maximum(t - self.first_public, 0) / SILENCE_RECOVERY)
            rise = np.where(t < self.first_public, rise, after)
        return 1.0 + SILENCE_PENALTY * rise
