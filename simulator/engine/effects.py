"""Time profiles of what acts on the cascade: responses, injects, silence and fatigue.

Fatigue belongs to each wave: the roots started by one cause (the origin with the background
chatter, an inject, a consequence of an action) and all their descendants age on the clock of
that cause, so a wave started late grows like one started early."""

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
    """Everything known to act on p(t) from now on, if nothing else is done, and the waves."""

    def __init__(
        self, detected_at: float, fatigue_half_life: float | None, origin_at: float
    ) -> None:
        self.effects: list[Effect] = []
        self.detected_at = detected_at
        self.first_public: float | None = None
        self.fatigue_half_life = fatigue_half_life
        self._params = np.zeros((4, 0))
        self.born = np.array([origin_at])  # wave 0: the origin (and the background chatter)

    def wave(self, t: float) -> int:
        """A new wave, born at t (its roots and their descendants age from t); its index."""
        self.born = np.append(self.born, t)
        return self.born.size - 1

    def fatigue(self, t: np.ndarray, wave: np.ndarray) -> np.ndarray:
        """How tired of it people are at t, per post: halves every half-life of its wave's age."""
        if not self.fatigue_half_life:
            return np.ones(np.shape(t))
        age = np.maximum(t - self.born[wave], 0.0)
        return 0.5 ** (age / self.fatigue_half_life)

    def rate(self, t: np.ndarray, wave: np.ndarray) -> np.ndarray:
        """p(t) / base for posts of the given waves: everything active at t, times fatigue."""
        return self.multiplier(t) * self.fatigue(t, wave)

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
        """What acts on every wave alike at t: silence, responses, injects (not fatigue)."""
        m = self.silence(t)
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
