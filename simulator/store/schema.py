"""The store's tables, as numbered migrations applied in order when a store is opened.

A migration is SQL (statements split at `;`) or a function of the open backend (for data)."""

from collections.abc import Callable

from simulator.store.backends import Backend
from simulator.store.chain import seal_existing

MIGRATIONS: list[str | Callable[[Backend], None]] = [
    # 1: drills, finished or in progress (status), with what is needed to replay and rank them
    """
    CREATE TABLE drills (
        id {pk},
        status TEXT NOT NULL,
        name TEXT NOT NULL,
        team TEXT NOT NULL,
        code TEXT NOT NULL,
        scenario TEXT NOT NULL,
        scenario_hash TEXT NOT NULL,
        seed BIGINT NOT NULL,
        engine_version TEXT NOT NULL,
        started TEXT NOT NULL,
        finished TEXT,
        actions TEXT NOT NULL,
        total DOUBLE PRECISION,
        outcome DOUBLE PRECISION,
        playbook DOUBLE PRECISION,
        timeliness DOUBLE PRECISION,
        scorecard TEXT,
        trajectory_digest TEXT,
        digest TEXT UNIQUE
    );
    CREATE INDEX drills_by_code ON drills (code, total DESC) WHERE status = 'done';
    CREATE INDEX drills_by_team ON drills (team, total DESC) WHERE status = 'done';
    CREATE INDEX drills_by_scenario ON drills (scenario, total DESC) WHERE status = 'done';
    CREATE INDEX drills_playing ON drills (status, started);
    """,
    # 2: the board cannot be edited unseen: each finished drill takes the next number of the
    # store's hash chain (seq, chain; the head in chain_head), so that an edited id, digest or
    # a deleted row shows; content_key names a drill by what replays it, not by who played it
    """
    ALTER TABLE drills ADD COLUMN seq BIGINT;
    ALTER TABLE drills ADD COLUMN chain TEXT;
    ALTER TABLE drills ADD COLUMN content_key TEXT;
    CREATE INDEX drills_by_content ON drills (content_key);
    CREATE TABLE chain_head (seq BIGINT NOT NULL, chain TEXT NOT NULL);
    INSERT INTO chain_head (seq, chain) VALUES (0, '');
    """,
    seal_existing,
    # 3: sessions (one training, many trainees): the instructor's state row that the trainees'
    # apps poll, the drill's session (in its digest) and its live position while it is played
    """
    CREATE TABLE sessions (
        code TEXT PRIMARY KEY,
        drill_code TEXT NOT NULL,
        created TEXT NOT NULL,
        state TEXT NOT NULL,
        released TEXT NOT NULL,
        changed TEXT NOT NULL
    );
    ALTER TABLE drills ADD COLUMN session TEXT;
    ALTER TABLE drills ADD COLUMN live TEXT;
    CREATE INDEX drills_by_session ON drills (session, id);
    """,
]
LOCK_ID = 0x0C815  # PostgreSQL advisory lock held while migrating


def migrate(db: Backend) -> None:
    """Bring the schema up to date (safe when several processes open the store at once)."""
    with db.transaction():
        if db.name == "postgresql":
            db.execute(f"SELECT pg_advisory_xact_lock({LOCK_ID})")
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        rows = db.execute("SELECT version FROM schema_version")
        version = rows[0][0] if rows else 0
        if not rows:
            db.execute("INSERT INTO schema_version (version) VALUES (0)")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            if callable(script):
                script(db)
            else:
                for statement in script.format(pk=db.PK).split(";"):
                    if statement.strip():
                        db.execute(statement)
            db.execute("UPDATE schema_version SET version = ?", (number,))
