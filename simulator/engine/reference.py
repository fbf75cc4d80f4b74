"""The engine configured as textbook processes, to check it against theory and to benchmark it."""

import math

from simulator.scenario import Scenario, scenario_from_dict


def plain_hawkes(
    mu: float,
    mean_delay: float,
    n_star: float,
    horizon: float,
    *,
    kernel: str = "exponential",
    audience: int = 1000,
    cap: bool = False,
    roots: int = 1,
) -> Scenario:
    """A 1-D Hawkes process with background rate mu (per second) and branching ratio n*:
    constant p (no fatigue, no silence penalty), every post's offspring law the same."""
    return scenario_from_dict(
        {
            "id": "plain-hawkes",
            "title": "plain Hawkes process",
            "version": "1",
            "author": "reference",
            "objectives": [{"id": "check", "text": "match theory"}],
            "brand": {"name": "Brand", "handle": "@brand", "followers": 0},
            # Detected at the horizon: the silence penalty never starts.
            "crisis": {
                "cluster": "victim",
                "at_fault": False,
                "summary": "-",
                "truth": "-",
                "detected_at": horizon * (1 - 1e-9),
            },
            "audience": {
                "size": audience,
                "follower_law": "constant",
                "influencers": 0,
                "journalists": 0,
                "media": 0,
            },
            "cascade": {
                "kernel": kernel,
                "mean_delay": mean_delay,
                "base_infectiousness": n_star,
                "follower_exponent": 0.0,
                "background_rate": mu * 3600,
                "fatigue_half_life": None,
                "audience_cap": cap,
                "sentiment_weights": {"negative": 1, "neutral": 1, "positive": 1},
                "origin": [{"at": "0s", "text": "origin"}] * roots,
            },
            # 50 ticks, or more so that a tick stays within the model's 1 hour
            "clock": {"duration": horizon, "tick": horizon / max(50, math.ceil(horizon / 3600))},
            "expert": [{"at": "0s", "action": "monitor"}],
        }
    )
