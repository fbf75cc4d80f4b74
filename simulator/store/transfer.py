"""Verify, export and import drill records: a record counts only if its log replays to it."""

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from simulator.engine.engine import ReplayError
from simulator.engine.version import ENGINE_VERSION, major
from simulator.scenario.model import Scenario
from simulator.scoring import score
from simulator.store.codes import CodeError, make_code, parse_code, scenario_hash
from simulator.store.records import DrillRecord
from simulator.store.store import Store

CSV_COLUMNS = (
    "id", "name", "team", "code", "scenario", "seed", "total", "outcome", "playbook",
    "timeliness", "finished", "digest",
)  # fmt: skip


def problem(record: DrillRecord, scenarios: dict[str, Scenario]) -> str | None:
    """Why a finished record cannot be trusted, or None when its log replays to it exactly."""
    if record.digest != record.content_digest():
        return "its digest does not match its contents (it was edited after it was saved)"
    if major(record.engine_version) != major(ENGINE_VERSION):
        return (
            f"it was scored by engine {record.engine_version}, whose scores do not compare with "
            f"engine {ENGINE_VERSION}'s (another scale); it is not re-scored: play it again"
        )
    if record.engine_version != ENGINE_VERSION:
        return f"it was played with engine {record.engine_version}, this is {ENGINE_VERSION}"
    scenario = scenarios.get(record.scenario)
    if scenario is None:
        return f"its scenario {record.scenario} is not in this library"
    if record.scenario_hash != scenario_hash(scenario):
        return f"it was played on another version of {scenario.id} (hash {record.scenario_hash})"
    try:
        code = parse_code(record.code)
    except CodeError as err:
        return str(err)
    if code != make_code(scenario, record.seed):
        return "its drill code does not match its scenario and seed"
    try:
        scored = score(scenario, record.seed, record.log)
    except (ReplayError, KeyError, ValueError) as err:
        return f"its action log does not replay ({err})"
    replayed = json.loads(json.dumps(scored.card.to_json()))
    stored = record.scorecard or {}
    if replayed["score"] != stored.get("score"):
        mine = stored.get("score", {}).get("total", "none")
        return f"its score {mine} is not what its log gives ({replayed['score']['total']:.2f})"
    if replayed != stored:
        return "its scorecard (checks or decisions) is not what its log gives"
    if scored.trajectory.digest != record.trajectory_digest:
        return "its trajectory digest is not what its log gives"
    return None


def export_jsonl(records: Iterable[DrillRecord]) -> str:
    return "".join(json.dumps(r.to_json(), separators=(",", ":")) + "\n" for r in records)


def export_csv(records: Iterable[DrillRecord]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in records:
        s = r.score
        writer.writerow([
            r.id, r.name, r.team, r.code, r.scenario, r.seed, s.get("total"), s.get("outcome"),
            s.get("playbook"), s.get("timeliness"), r.finished, r.digest,
        ])  # fmt: skip
    return out.getvalue()


@dataclass
class Imported:
    added: list[int] = field(default_factory=list)
    duplicates: int = 0
    refused: list[str] = field(default_factory=list)


def import_jsonl(
    store: Store, lines: Iterable[str], scenarios: dict[str, Scenario], source: str
) -> Imported:
    """Add each record that replays to its scorecard; refuse the rest, one line each."""
    result = Imported()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            data = json.loads(line)
            record = DrillRecord.from_json(data) if isinstance(data, dict) else None
        except (json.JSONDecodeError, TypeError, ValueError) as err:
            result.refused.append(f"{where}: not a drill record ({err})")
            continue
        if record is None:
            result.refused.append(f"{where}: not a drill record (not a JSON object)")
            continue
        if record.status != "done":
            result.refused.append(f"{where}: drill of {record.label()} refused: it is unfinished")
            continue
        if record.digest and store.has_digest(record.digest):
            result.duplicates += 1
            continue
        reason = problem(record, scenarios)
        if reason is not None:
            result.refused.append(f"{where}: drill of {record.label()} refused: {reason}")
            continue
        result.added.append(store.save(record))
    return result


def verify_store(store: Store, scenarios: dict[str, Scenario]) -> tuple[int, list[str]]:
    """(how many finished drills were checked, one line per drill that does not replay)."""
    problems = []
    records = store.done()
    for record in records:
        reason = problem(record, scenarios)
        if reason is not None:
            problems.append(f"drill {record.id} of {record.label()}: {reason}")
    return len(records), problems
