"""A scored drill as JSON: what `run --json` prints, a saved report reads and `report` replays."""

from typing import Any

from simulator.engine.summary import drill_result
from simulator.scoring.scorecard import Scored


def drill_json(scored: Scored, policy: str, **extra: Any) -> dict[str, Any]:
    """The drill's record (inputs, metrics, timeline, actions, digest), its scorecard, and
    `extra` fields (a drill code, a stored id)."""
    return drill_result(scored.trajectory, policy) | scored.card.to_json() | extra
