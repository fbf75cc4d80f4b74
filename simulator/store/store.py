"""The score store: drills saved as they are played, ranked, compared, exported."""

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.store.backends import Backend, StoreError, connect
from simulator.store.chain import content_key, seal
from simulator.store.records import SCORE_PARTS, DrillRecord
from simulator.store.schema import migrate

ENV = "CRISIS_DRILL_DB"
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
    """One connection to SQLite or PostgreSQL, migrated on open."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.db: Backend = connect(url)
        migrate(self.db)

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
            record.id = int(
                self.db.execute(
                    f"INSERT INTO drills ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"
                    " RETURNING id",
                    list(row.values()),
                )[0][0]
            )
            if record.status == "done":
                seal(self.db, record.id, record.digest)
        return record.id

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
        return self.record(rows[0])

    def has_digest(self, digest: str) -> bool:
        return bool(self.db.execute("SELECT 1 FROM drills WHERE digest = ?", (digest,)))

    def has_content(self, key: str) -> bool:
        """Whether a finished drill with this content (crisis and action log) is stored."""
        rows = self.db.execute(
            "SELECT 1 FROM drills WHERE content_key = ? AND status = 'done'", (key,)
        )
        return bool(rows)

    def audit(self) -> tuple[list[Audited], tuple[int, str]]:
        """Every finished or chained row with the columns the board reads, and the chain's head."""
        rows = self.db.execute(
            f"SELECT {COLUMNS}, total, outcome, playbook, timeliness, seq, chain, content_key "
            "FROM drills WHERE status = 'done' OR seq IS NOT NULL ORDER BY id"
        )
        audited = []
        for row in rows:
            *record, total, outcome, playbook, timeliness, seq, chain, key = row
            board = {"total": total, "outcome": outcome, "playbook": playbook}
            board["timeliness"] = timeliness
            audited.append(Audited(row[0], tuple(record), board, seq, chain, key))
        head = self.db.execute("SELECT seq, chain FROM chain_head")[0]
        return audited, (int(head[0]), head[1])

    def in_progress(self) -> DrillRecord | None:
        """The latest drill left unfinished (the one `play --resume` continues)."""
        rows = self.db.execute(
            f"SELECT {COLUMNS} FROM drills WHERE status = 'playing' ORDER BY started DESC, id DESC"
            " LIMIT 1"
        )
        return self.record(rows[0]) if rows else None

    def recent(self, limit: int = 10) -> list[DrillRecord]:
        rows = self.db.execute(
            f"SELECT {COLUMNS} FROM drills WHERE status = 'done' ORDER BY finished DESC, id DESC"
            " LIMIT ?",
            (limit,),
        )
        return [self.record(r) for r in rows]

    def done(self) -> list[DrillRecord]:
        rows = self.db.execute(f"SELECT {COLUMNS} FROM drills WHERE status = 'done' ORDER BY id")
        return [self.record(r) for r in rows]

    @staticmethod
    def record(row: tuple) -> DrillRecord:
        """A record from the store's columns (ValueError, TypeError if they are corrupt)."""
        (id_, status, name, team, code, scenario, hash_, seed, engine, started, finished,
         actions, scorecard, trajectory, session, digest) = row  # fmt: skip
        return DrillRecord(
            name=name,
            team=team,
            code=code,
            scenario=scenario,
            scenario_hash=hash_,
            seed=int(seed),
            started=started,
            actions=json.loads(actions),
            engine_version=engine,
            status=status,
            finished=finished,
            scorecard=json.loads(scorecard) if scorecard else None,
            trajectory_digest=trajectory,
            digest=digest,
            session=session,
            id=int(id_),
        )

    # ----- ranking -----------------------------------------------------------------------------

    @staticmethod
    def _where(code: str | None, scenario: str | None, team: str | None) -> tuple[str, list]:
        clauses, params = ["status = 'done'"], []
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


def open_store(url: str | None = None, data_dir: Path | None = None) -> Store:
    return Store(url or default_url(data_dir))
