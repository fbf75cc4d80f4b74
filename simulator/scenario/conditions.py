"""Inject conditions: "<metric> <op> <number>", e.g. "negative_mentions > 500"."""

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from simulator.scenario.suggest import did_you_mean

METRICS = (
    "negative_mentions",
    "total_mentions",
    "negative_impressions",
    "followers_involved",
    "sentiment_index",
    "r",
    "media_pickup",
    "age",
)
_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
}
_FORM = re.compile(r"^\s*([a-z_]+)\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class Condition:
    metric: str
    op: str
    value: float

    def holds(self, metrics: dict[str, float]) -> bool:
        return _OPS[self.op](metrics[self.metric], self.value)


def parse_condition(text: str) -> Condition:
    """The condition in `text`; ValueError naming what is wrong."""
    m = _FORM.match(text)
    if not m:
        raise ValueError(f'bad condition "{text}": write it like "negative_mentions > 500"')
    metric, op, value = m.groups()
    if metric not in METRICS:
        hint = did_you_mean(metric, METRICS) or f" (known: {', '.join(METRICS)})"
        raise ValueError(f'unknown metric "{metric}"{hint}')
    return Condition(metric, op, float(value))
