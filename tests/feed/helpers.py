"""Shared helpers of the feed tests: a drill's posts as composed lines."""

import numpy as np

from simulator.engine.cascade import KINDS
from simulator.engine.engine import Engine
from simulator.engine.voices import SENTIMENTS, Line, Voices


def lines(engine: Engine, first: int | None = None) -> list[tuple[float, str, Line]]:
    """(t, sentiment, line) of the drill's posts in time order (the first `first` of them)."""
    voices = Voices(engine.scenario, engine.seed, engine)
    cols = engine.cascade.posts
    order = np.lexsort((np.arange(len(cols)), cols["t"]))[:first]
    platforms = engine.scenario.cascade.platforms
    out = []
    for k in order.tolist():
        root = int(cols["root"][k])
        t, sentiment = float(cols["t"][k]), SENTIMENTS[int(cols["sentiment"][k])]
        line = voices.line(
            int(cols["id"][k]),
            int(cols["author"][k]),
            KINDS[int(cols["kind"][k])],
            sentiment,
            engine.root_texts[root] if root >= 0 else None,
            t,
            platforms[int(cols["platform"][k]) % len(platforms)],
        )
        out.append((t, sentiment, line))
    return out
