"""Shared helpers of the feed tests: a drill's posts as composed lines."""

from simulator.engine.engine import Engine
from simulator.engine.voices import Line, Voices


def lines(engine: Engine, first: int | None = None) -> list[tuple[float, str, Line]]:
    """(t, sentiment, line) of the drill's posts in time order (the first `first` of them)."""
    trajectory = engine.trajectory()
    voices = Voices(engine.scenario, engine.seed, trajectory)
    return [
        (
            p.t,
            p.sentiment,
            voices.line(p.id, p.author, p.kind, p.sentiment, p.root, p.t, p.platform),
        )
        for p in trajectory.posts_since(0)[:first]
    ]
