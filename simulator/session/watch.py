"""The instructor's live view of a session: one row per trainee, from the store alone."""

from dataclasses import dataclass
from datetime import UTC, datetime

from simulator.catalogue import CATALOGUE
from simulator.durations import format_duration
from simulator.scenario.model import Scenario
from simulator.scoring.moments import detected_at
from simulator.session.sessions import POLL_S, Trainee, seconds_since
from simulator.store.records import DrillRecord

STUCK_AFTER_S = 120.0  # wall seconds without a decision while playing: the trainee is stuck
GONE_AFTER_S = 6 * POLL_S  # wall seconds without a heartbeat: the trainee's app is closed
LAST = 3  # decisions shown per trainee


@dataclass(frozen=True)
class WatchRow:
    drill_id: int
    name: str
    team: str
    state: str  # "playing", "answering", "finished", "left" (no heartbeat), "joined"
    at: str  # where the drill is: time since detection (or the score once finished)
    decisions: int
    last: str  # the latest decisions, oldest first
    forecast: str  # the engine's forecast of final negative mentions
    stuck: bool


def _title(scenario: Scenario, action: dict) -> str:
    labels = {o.id: o.label for i in scenario.injects if i.decision for o in i.decision.options}
    if action.get("inject") is not None:
        return labels.get(action.get("choice") or "", str(action.get("choice")))
    spec = CATALOGUE.get(action["action"])
    return spec.label if spec else str(action["action"])


def watch_rows(
    scenario: Scenario, trainees: list[Trainee], now: datetime | None = None
) -> list[WatchRow]:
    """The session's trainees as the watch screen shows them."""
    now = now or datetime.now(UTC)
    detected = detected_at(scenario)
    rows = []
    for t in trainees:
        r: DrillRecord = t.record
        last = ", ".join(_title(scenario, a) for a in r.actions[-LAST:])
        live, stuck = t.live, False
        if r.status == "done":
            state, at, forecast = "finished", f"score {r.score.get('total', 0):.1f}", "-"
        elif live is None:
            state, at, forecast = "joined", "-", "-"
        else:
            at = f"T+{format_duration(max(0.0, live.t - detected))}"
            forecast = f"{live.forecast:,.0f}"
            if seconds_since(live.seen, now) > GONE_AFTER_S:
                state = "left"
            else:
                state = "answering" if live.waiting else "playing"
                stuck = seconds_since(live.decided, now) > STUCK_AFTER_S
        rows.append(
            WatchRow(t.id, r.name, r.team, state, at, len(r.actions), last, forecast, stuck)
        )
    return rows
