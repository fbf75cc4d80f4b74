"""The score store: drills saved as they are played, ranked, compared, exported."""

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.plain import plain
from simulator.store.backends import DEFAULT_WAIT_S, Backend, Notice, StoreError, connect
from simulator.store.chain import content_key, seal
from simulator.store.records import SCORE_PARTS, DrillRecord
from simulator.store.schema import migrate

ENV = "CRISIS_DRILL_DB"
BOARD_TEXTS = ("name", "team", "code", "finished")  # the text columns the board shows
COLUMNS = (
    "id, status, name, team, code, scenario, scenario_hash, seed, engine_version, started, "
    "finished, actions, scorecard, trajectory_digest, session, digest"
)


def default_url(data_dir: Path | None = None) -> str:
    """`CRISIS_DRILL_DB`, else drills.sqlite3 in the user's data folder (or `data_dir`)."""
    if os.environ.get(ENV):
        return os.environ[ENV]
    if data_dir is None:
        from platformdirs import user_data_path

        data_dir = user_data_path("crisis-drill")
    return str(data_dir / "drills.sqlite3")


@dataclass(frozen=True)
class Ranked:
    rank: int
    id: int
    name: str
    team: str
    code: str
    total: float
    outcome: float
    playbook: float
    timeliness: float
    finished: str


@dataclass(frozen=True)
class TeamStanding:
    team: str
    best: float
    mean: float
    count: int


@dataclass(frozen=True)
class Audited:
    """A stored row as `verify` checks it: the raw record columns, the board's score columns
    and its place in the chain (the record is parsed by `verify`, which reports a corrupt one)."""

    id: int
    row: tuple
    board: dict[str, float | None]
    seq: int | None
    chain: str | None
    content_key: str | None


class Store:
    """One connection to SQLite or PostgreSQL, migrated on open. A write that finds the store
    locked waits up to `wait` seconds (saying so through `on_wait`), then is a StoreError."""

    def __init__(
        self, url: str, wait: float = DEFAULT_WAIT_S, on_wait: Notice | None = None
    ) -> None:
        self.url = url
        self.db: Backend = connect(url, wait, on_wait)
        try:
            migrate(self.db)
        except BaseException:
            self.db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- writing -----------------------------------------------------------------------------

    def save(self, record: DrillRecord) -> int:
        """Insert a record (in progress or done); its id is set and returned."""
        row = self._row(record)
        with self.db.transaction():
            drill_id = int(
                self.db.execute(
                    f"INSERT INTO drills ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"
                    " RETURNING id",
                    list(row.values()),
                )[0][0]
            )
            if record.status == "done":
                seal(self.db, drill_id, record.digest)
        record.id = drill_id  # only once committed: a refused save leaves the record unsaved
        return drill_id

    def update(self, record: DrillRecord) -> None:
        """Write a record again: a decision added during play, or its final scorecard."""
        if record.id is None:
            raise StoreError("a record must be saved before it is updated")
        row = self._row(record)
        sets = ", ".join(f"{k} = ?" for k in row)
        with self.db.transaction():
            sealed = self.db.execute("SELECT seq FROM drills WHERE id = ?", (record.id,))
            self.db.execute(f"UPDATE drills SET {sets} WHERE id = ?", [*row.values(), record.id])
            if record.status == "done" and sealed and sealed[0][0] is None:
                seal(self.db, record.id, record.digest)

    @staticmethod
    def _row(r: DrillRecord) -> dict[str, Any]:
        score = r.score
        return {
            "status": r.status,
            "name": r.name,
            "team": r.team,
            "code": r.code,
            "scenario": r.scenario,
            "scenario_hash": r.scenario_hash,
            "seed": r.seed,
            "engine_version": r.engine_version,
            "started": r.started,
            "finished": r.finished,
            "actions": json.dumps(r.actions, separators=(",", ":")),
            **{part: score.get(part) for part in SCORE_PARTS},
            "scorecard": json.dumps(r.scorecard) if r.scorecard is not None else None,
            "trajectory_digest": r.trajectory_digest,
            "digest": r.digest,
            "session": r.session,
            "content_key": content_key(r.scenario_hash, r.seed, r.actions),
        }

    # ----- reading -----------------------------------------------------------------------------

    def get(self, drill_id: int) -> DrillRecord:
        rows = self.db.execute(f"SELECT {COLUMNS} FROM drills WHERE id = ?", (drill_id,))
        if not rows:
            raise StoreError(f"no drill {drill_id} in the store")
        return self._sound(rows[0])

    def has_digest(self, digest: str) -> bool:
        return bool(self.db.execute("SELECT 1 FROM drills WHERE digest = ?", (digest,)))

    def has_content(self, key: str) -> bool:
        """Whether a finished drill with this content (crisis and action log) is stored."""
        rows = self.db.execute(
            "SELECT 1 FROM drills WHERE content_key = ? AND status = 'done'", (key,)
        )
        return bool(rows)

    def audit(self) -> Iterator[Audited]:
        """Every finished or chained row with the columns the board reads, one at a time."""
        rows = self.db.stream(
            f"SELECT {COLUMNS}, total, outcome, playbook, timeliness, seq, chain, content_key "
            "FROM drills WHERE status = 'done' OR seq IS NOT NULL ORDER BY id"
        )
        for row in rows:
            *record, total, outcome, playbook, timeliness, seq, chain, key = row
            board = {"total": total, "outcome": outcome, "playbook": playbook}
            board["timeliness"] = timeliness
            yield Audited(row[0], tuple(record), board, seq, chain, key)

    def chain(self) -> Iterator[tuple]:
        """(id, seq, chain, digest, head seq, head chain) of each chained row in chain order, one
        at a time: the head is read in the same query, so a drill saved meanwhile is not taken
        for an edit."""
        yield from self.db.stream(
            "SELECT d.id, d.seq, d.chain, d.digest, h.seq, h.chain FROM drills d "
            "LEFT JOIN chain_head h ON 1 = 1 WHERE d.seq IS NOT NULL ORDER BY d.seq, d.id"
        )

    def head(self) -> tuple[object, object] | None:
        """The chain's last number and link as stored (None if its row was deleted)."""
        rows = self.db.execute("SELECT seq, chain FROM chain_head")
        return rows[0] if rows else None

    def in_progress(self) -> DrillRecord | None:
        """The latest drill left unfinished (the one `play --resume` continues)."""
        rows = self.db.execute(
            f"SELECT {COLUMNS} FROM drills WHERE status = 'playing' ORDER BY started DESC, id DESC"
            " LIMIT 1"
        )
        return self._sound(rows[0]) if rows else None

    def recent(self, limit: int = 10) -> list[DrillRecord]:
        rows = self.db.execute(
            f"SELECT {COLUMNS} FROM drills WHERE status = 'done' ORDER BY finished DESC, id DESC"
            " LIMIT ?",
            (limit,),
        )
        return [record for record in map(self._readable, rows) if record is not None]

    def done(self, corrupt: list[str] | None = None) -> Iterator[DrillRecord]:
        """The finished drills in id order, one at a time. A record whose columns are corrupt
        is left out and described in `corrupt` (a StoreError if no list is given)."""
        rows = self.db.stream(f"SELECT {COLUMNS} FROM drills WHERE status = 'done' ORDER BY id")
        for row in rows:
            if corrupt is None:
                yield self._sound(row)
                continue
            try:
                yield self.record(row)
            except ValueError as err:
                corrupt.append(corrupted(row[0], err))

    def _sound(self, row: tuple) -> DrillRecord:
        """The record of a row, or a StoreError naming the drill if it is corrupt."""
        try:
            return self.record(row)
        except ValueError as err:
            raise StoreError(corrupted(row[0], err)) from None

    def _readable(self, row: tuple) -> DrillRecord | None:
        """The record of a row, or None if it is corrupt (`verify` names it)."""
        try:
            return self.record(row)
        except ValueError:
            return None

    @staticmethod
    def record(row: tuple) -> DrillRecord:
        """A record from the store's columns (ValueError, in words, if they are corrupt)."""
        id_, *values = row
        names = [c.strip() for c in COLUMNS.split(",")][1:]
        data = dict(zip(names, values, strict=True))
        for field in ("actions", "scorecard"):
            if data[field] is not None:
                try:
                    data[field] = json.loads(data[field])
                except (TypeError, ValueError, RecursionError) as err:
                    raise ValueError(f"its {field} column is not JSON ({err})") from None
        record = DrillRecord.from_json(data)
        record.id = int(id_)
        return record

    # ----- ranking -----------------------------------------------------------------------------

    def _where(self, code: str | None, scenario: str | None, team: str | None) -> tuple[str, list]:
        """The finished drills matching the filters whose board columns have their types (a
        column edited to text or NULL leaves its drill off the board; `verify` names it)."""
        clauses, params = ["status = 'done'"], []
        clauses += [self.db.typed(part, "number") for part in SCORE_PARTS]
        clauses += [self.db.typed(column, "text") for column in BOARD_TEXTS]
        for column, value in (("code", code), ("scenario", scenario), ("team", team)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        return " AND ".join(clauses), params

    def leaderboard(
        self,
        code: str | None = None,
        scenario: str | None = None,
        team: str | None = None,
        limit: int = 20,
    ) -> list[Ranked]:
        where, params = self._where(code, scenario, team)
        rows = self.db.execute(
            "SELECT id, name, team, code, total, outcome, playbook, timeliness, finished "
            f"FROM drills WHERE {where} ORDER BY total DESC, finished, id LIMIT ?",
            [*params, limit],
        )
        return [Ranked(i + 1, *row) for i, row in enumerate(rows)]

    def teams(
        self, code: str | None = None, scenario: str | None = None, limit: int = 20
    ) -> list[TeamStanding]:
        where, params = self._where(code, scenario, None)
        rows = self.db.execute(
            f"SELECT team, MAX(total), AVG(total), COUNT(*) FROM drills WHERE {where} "
            "GROUP BY team ORDER BY MAX(total) DESC, team LIMIT ?",
            [*params, limit],
        )
        return [TeamStanding(t, float(b), float(m), int(n)) for t, b, m, n in rows]


def corrupted(drill_id: int, err: Exception) -> str:
    """How a corrupt row is reported: the drill's id and what is wrong, in one line."""
    return f"drill {drill_id}: its record is corrupt ({plain(err)[:120]})"


def open_store(
    url: str | None = None,
    data_dir: Path | None = None,
    wait: float = DEFAULT_WAIT_S,
    on_wait: Notice | None = None,
) -> Store:
    return Store(url or default_url(data_dir), wait, on_wait)
