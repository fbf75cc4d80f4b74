"""Verify, export and import drill records: a record counts only if its log replays to it."""

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TextIO

from simulator.engine.engine import ReplayError
from simulator.engine.version import ENGINE_VERSION, major
from simulator.plain import check_name, plain
from simulator.scenario.model import Scenario
from simulator.scoring import score
from simulator.store.chain import content_key, link
from simulator.store.codes import CodeError, make_code, parse_code, scenario_hash
from simulator.store.records import SCORE_PARTS, DrillRecord
from simulator.store.store import Audited, Store, corrupted

CSV_COLUMNS = (
    "id", "name", "team", "code", "scenario", "seed", "total", "outcome", "playbook",
    "timeliness", "finished", "digest",
)  # fmt: skip


MAX_REASON = 300  # characters of a reason: a record's own texts are quoted in it


def problem(record: DrillRecord, scenarios: dict[str, Scenario]) -> str | None:
    """Why a finished record cannot be trusted (plain text, one line), or None when its log
    replays to it exactly."""
    reason = _why(record, scenarios)
    return None if reason is None else plain(reason)[:MAX_REASON]


def _why(record: DrillRecord, scenarios: dict[str, Scenario]) -> str | None:
    if record.digest != record.content_digest():
        return "its digest does not match its contents (it was edited after it was saved)"
    for what in ("name", "team"):
        try:
            check_name(getattr(record, what), what)
        except ValueError as err:
            return str(err)
    for what in ("started", "finished"):
        if not _timestamp(getattr(record, what)):
            return f"its {what} time is not a date and time (like 2026-01-31T09:00:00+00:00)"
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
    except (ReplayError, KeyError, ValueError, TypeError, IndexError, AttributeError) as err:
        return f"its action log does not replay ({plain(err)[:120]})"
    replayed = json.loads(json.dumps(scored.card.to_json()))
    stored = record.scorecard or {}
    if replayed["score"] != stored.get("score"):
        mine = record.score.get("total", "none")
        return f"its score {mine} is not what its log gives ({replayed['score']['total']:.2f})"
    if replayed != stored:
        return "its scorecard (checks or decisions) is not what its log gives"
    if scored.trajectory.digest != record.trajectory_digest:
        return "its trajectory digest is not what its log gives"
    return None


TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d:\d\d", re.ASCII)


def _timestamp(value: object) -> bool:
    """Whether a record's time is an ISO date and time with its offset, as records are saved
    (the pattern first: `fromisoformat` lets a trailing NUL through)."""
    if not isinstance(value, str) or not TIMESTAMP.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def export_jsonl(records: Iterable[DrillRecord], out: TextIO) -> int:
    """Write the records as JSON Lines, one at a time; how many were written."""
    count = 0
    for r in records:
        out.write(json.dumps(r.to_json(), separators=(",", ":")) + "\n")
        count += 1
    return count


def export_csv(records: Iterable[DrillRecord], out: TextIO) -> int:
    """Write the records' board columns as CSV, one at a time; how many were written."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for r in records:
        count += 1
        s = r.score
        writer.writerow([
            r.id, r.name, r.team, r.code, r.scenario, r.seed, s.get("total"), s.get("outcome"),
            s.get("playbook"), s.get("timeliness"), r.finished, r.digest,
        ])  # fmt: skip
    return count


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
        except (TypeError, ValueError, RecursionError) as err:
            result.refused.append(f"{where}: not a drill record ({err})")
            continue
        if record is None:
            result.refused.append(f"{where}: not a drill record (not a JSON object)")
            continue
        if record.status != "done":
            result.refused.append(f"{where}: drill of {record.label()} refused: it is unfinished")
            continue
        sealed = record.digest == record.content_digest()  # else problem() says it was edited
        if sealed and record.digest and store.has_digest(record.digest):
            result.duplicates += 1
            continue
        reason = problem(record, scenarios)
        if reason is not None:
            result.refused.append(f"{where}: drill of {record.label()} refused: {reason}")
            continue
        if store.has_content(content_key(record.scenario_hash, record.seed, record.actions)):
            result.duplicates += 1  # the same drill (crisis and log) under another name
            continue
        result.added.append(store.save(record))
    return result


def verify_store(store: Store, scenarios: dict[str, Scenario]) -> tuple[int, list[str]]:
    """(how many finished drills were checked, one line per drill that does not replay, whose
    board columns differ from its record, or that breaks the store's chain). The store is read
    one row at a time."""
    problems, checked = [], 0
    for row in store.audit():
        try:
            record = store.record(row.row)
        except ValueError as err:
            problems.append(corrupted(row.id, err))
            continue
        if record.status != "done":
            problems.append(
                f"drill {row.id} of {record.label()}: it was finished and is now marked "
                f"{plain(record.status)[:20]} (hidden from the board)"
            )
            continue
        checked += 1
        reason = problem(record, scenarios) or _board_problem(record, row)
        if reason is not None:  # the board's columns are quoted: plain text, bounded
            problems.append(f"drill {row.id} of {record.label()}: {plain(reason)[:MAX_REASON]}")
    return checked, problems + _chain_problems(store)


def _board_problem(record: DrillRecord, row: Audited) -> str | None:
    """Why the columns the board ranks by are not the record's own, or None."""
    for part in SCORE_PARTS:
        if row.board[part] != record.score.get(part):
            return (
                f"its {part} column ({row.board[part]}) is not its scorecard's "
                f"({record.score.get(part)}): the store was edited"
            )
    if row.content_key != content_key(record.scenario_hash, record.seed, record.actions):
        return "its content key is not its crisis and log's: the store was edited"
    if row.seq is None:
        return "it is not in the store's chain (added outside crisis-drill)"
    return None


def _chain_problems(store: Store) -> list[str]:
    """The chain walked in order: a missing number is a deleted drill, a broken link an edit."""
    problems, chain, expected = [], "", 1
    head: tuple[object, object] | None = None
    for drill_id, number, stored, digest, head_seq, head_chain in store.chain():
        head = (head_seq, head_chain)
        seq = _number(number)
        if seq is None:
            problems.append(f"drill {drill_id}: its chain number is not a whole number (edited)")
            continue
        if seq > expected:
            problems.append(
                f"{seq - expected} drill(s) of the store's chain (numbers {expected} to "
                f"{seq - 1}) are missing: deleted from the store"
            )
            chain = stored or ""  # go on from the drill after the gap
        elif seq < expected:
            problems.append(f"drill {drill_id}: its chain number {seq} is taken twice (edited)")
            continue
        else:
            chain = link(chain, seq, int(drill_id), digest)
            if chain != stored:
                problems.append(
                    f"drill {drill_id}: the store's chain breaks here (id or digest edited)"
                )
                chain = stored or ""
        expected = seq + 1
    head_seq, head_chain = head or store.head() or (None, None)
    last = _number(head_seq)
    if last is None:
        problems.append("the store's chain head is missing or not a number (edited)")
    elif last >= expected:
        problems.append(
            f"the last {last - expected + 1} drill(s) of the store's chain are missing "
            "(deleted from the store)"
        )
    elif last < expected - 1 or (last and chain != head_chain):
        problems.append("the store's chain head does not match its last drill (edited)")
    return problems


def _number(value: object) -> int | None:
    """A chain number as stored, or None where an edit made it something else."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None
