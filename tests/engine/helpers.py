"""Scenario variants and counts shared by the engine-model tests."""

import numpy as np

from simulator.engine.engine import Engine
from simulator.scenario import Scenario
from tests.conftest import shipped

H = 3600.0


def long_quiet(name: str, hours: float) -> Scenario:
    """A shipped scenario run for `hours`, without its injects (nothing else happens)."""
    s = shipped(name)
    clock = s.clock.model_copy(update={"duration": hours * H})
    return s.model_copy(update={"clock": clock, "injects": []})


def with_origin(scenario: Scenario, **fields: object) -> Scenario:
    """The scenario with its first origin post changed (validated like a file's)."""
    origin = scenario.cascade.origin[0].model_dump() | fields
    for name in ("followers", "role"):
        if origin.get(name) is None or fields.get(name, "") is None:
            origin.pop(name, None)
    posts = [origin, *(p.model_dump() for p in scenario.cascade.origin[1:])]
    data = scenario.model_dump() | {"cascade": scenario.cascade.model_dump() | {"origin": posts}}
    return Scenario.model_validate(data)


def children(engine: Engine, index: int) -> int:
    """How many direct reactions post `index` drew."""
    return int(np.count_nonzero(engine.trajectory().posts["parent"] == index))


def origin_index(engine: Engine) -> int:
    """The index of the first origin post (the first root text)."""
    return int(np.flatnonzero(engine.trajectory().posts["root"] == 0)[0])
