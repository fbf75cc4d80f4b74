"""A drill record: who played which crisis, every decision with its time, and the scorecard."""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from simulator.engine.version import ENGINE_VERSION
from simulator.plain import plain
from simulator.store.codes import MAX_SEED, DrillCode

if TYPE_CHECKING:  # the engine (NumPy) loads when a drill is replayed, not to list drills
    from simulator.engine.engine import Applied
    from simulator.scoring.scorecard import Scored

SCORE_PARTS = ("total", "outcome", "playbook", "timeliness")
OPTIONAL = (str, type(None))
FIELD_TYPES: dict[str, type | tuple[type, ...]] = {
    "name": str, "team": str, "code": str, "scenario": str, "scenario_hash": str, "seed": int,
    "started": str, "actions": list, "engine_version": str, "status": str, "finished": OPTIONAL,
    "scorecard": (dict, type(None)), "trajectory_digest": OPTIONAL, "digest": OPTIONAL,
    "session": OPTIONAL,
}  # fmt: skip


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class DrillRecord:
    name: str
    team: str
    code: str
    scenario: str
    scenario_hash: str
    seed: int
    started: str = field(default_factory=now_iso)
    actions: list[dict[str, Any]] = field(default_factory=list)
    engine_version: str = ENGINE_VERSION
    status: str = "playing"  # "playing" until finished, then "done"
    finished: str | None = None
    scorecard: dict[str, Any] | None = None
    trajectory_digest: str | None = None
    digest: str | None = None
    session: str | None = None  # the instructor's session the drill was played in, if any
    id: int | None = None

    @classmethod
    def start(
        cls, code: DrillCode, name: str, team: str, session: str | None = None
    ) -> "DrillRecord":
        record = cls(name, team, str(code), code.scenario, code.scenario_hash, code.seed)
        record.session = session
        return record

    @property
    def log(self) -> "list[Applied]":
        from simulator.engine.runner import log_from_records

        return log_from_records(self.actions)

    @property
    def score(self) -> dict[str, float]:
        score = (self.scorecard or {}).get("score")
        return dict(score) if isinstance(score, dict) else {}

    def set_log(self, log: "Sequence[Applied]") -> None:
        from simulator.engine.runner import log_to_records

        self.actions = log_to_records(log)

    def finish(self, scored: "Scored") -> None:
        """Fill in the scorecard of the replayed drill and seal the record with its digest."""
        self.set_log(scored.trajectory.applied)
        self.status, self.finished = "done", self.finished or now_iso()
        self.scorecard = scored.card.to_json()
        self.trajectory_digest = scored.trajectory.digest
        self.digest = self.content_digest()

    def content_digest(self) -> str:
        """SHA-256 over everything but the local id and the digest itself (a drill outside any
        session digests as it did before sessions existed)."""
        content = {k: v for k, v in asdict(self).items() if k not in ("id", "digest")}
        if self.session is None:
            del content["session"]
        text = json.dumps(content, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def label(self) -> str:
        """How a message names the drill: who, which code, and its digest's first letters."""
        return plain(f"{self.name} ({self.team}), {self.code}") + (
            f", digest {self.digest[:8]}" if self.digest else ""
        )

    def to_json(self) -> dict[str, Any]:
        """The record as exported (without a session it is the same as before sessions)."""
        data = {k: v for k, v in asdict(self).items() if k != "id"}
        if self.session is None:
            del data["session"]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "DrillRecord":
        fields = set(cls.__dataclass_fields__) - {"id"}
        missing = sorted(f for f in ("name", "team", "code", "actions", "digest") if f not in data)
        if missing:
            raise ValueError(f"missing {', '.join(missing)}")
        unknown = sorted(set(data) - fields)
        if unknown:
            raise ValueError(f"unknown field {plain(', '.join(unknown))[:80]}")
        for name, value in data.items():
            if not isinstance(value, FIELD_TYPES[name]) or isinstance(value, bool):
                raise ValueError(f"field {name} is a {type(value).__name__}")
        if not 0 <= data.get("seed", 0) <= MAX_SEED:
            raise ValueError(f"its seed {data['seed']} is outside 0..{MAX_SEED}")
        return cls(**data)
