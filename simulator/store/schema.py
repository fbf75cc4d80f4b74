"""The store's tables, as numbered migrations applied in order when a store is opened.

A migration is SQL (statements split at `;`) or a function of the open backend (for data)."""

from collections.abc import Callable
from functools import cache
from pathlib import Path

from simulator.plain import plain
from simulator.store.backends import Backend, SQLite, StoreError
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
OURS = "schema_version"  # the table that marks a crisis-drill store and holds its version


def migrate(db: Backend) -> None:
    """Bring the schema up to date (safe when several processes open the store at once).

    A store this code cannot use (another program's tables, a newer schema) is refused with a
    StoreError before anything is written to it."""
    version = version_of(db)
    if version == len(MIGRATIONS):
        return  # up to date: opened without writing (a read-only store can still be read)
    if OURS not in db.tables():
        db.created()
    with db.transaction():
        if db.name == "postgresql":
            db.execute(f"SELECT pg_advisory_xact_lock({LOCK_ID})")
        version = version_of(db)  # again under the lock: another process may have migrated
        if OURS not in db.tables():
            db.execute(f"CREATE TABLE {OURS} (version INTEGER NOT NULL)")
            db.execute(f"INSERT INTO {OURS} (version) VALUES (0)")
        for number in range(version + 1, len(MIGRATIONS) + 1):
            _apply(db, number)
            db.execute(f"UPDATE {OURS} SET version = ?", (number,))


def _apply(db: Backend, number: int) -> None:
    script = MIGRATIONS[number - 1]
    if callable(script):
        script(db)
        return
    for statement in script.format(pk=db.PK).split(";"):
        if statement.strip():
            db.execute(statement)


def version_of(db: Backend) -> int:
    """The schema version of the store (0: new), or a StoreError if it is not one this code can
    use: another program's tables, a table of ours without its columns, a newer schema."""
    tables = db.tables()
    if OURS not in tables:
        # a file is ours alone; a PostgreSQL schema may be shared, but not our tables' names
        theirs = tables & set(expected_tables()[-1]) if db.name == "postgresql" else tables
        if theirs:
            shown = ", ".join(sorted(theirs)[:5])
            raise StoreError(
                f"the store {db.where} is not a crisis-drill store (it holds other tables: "
                f"{plain(shown)[:120]}): name another with --db"
            )
        return 0
    rows = db.execute(f"SELECT version FROM {OURS}")
    if len(rows) != 1 or not isinstance(rows[0][0], int) or rows[0][0] < 0:
        raise StoreError(
            f"the store {db.where} is not a crisis-drill store (its {OURS} table is not ours)"
        )
    version = int(rows[0][0])
    if version > len(MIGRATIONS):
        raise StoreError(
            f"the store {db.where} has schema version {version}, newer than this crisis-drill "
            f"knows ({len(MIGRATIONS)}): upgrade crisis-drill to use it"
        )
    for table, columns in expected_tables()[version].items():
        missing = columns - db.columns(table) if table in tables else {"(the table)"}
        if missing:
            raise StoreError(
                f"the store {db.where} is not a crisis-drill store of schema {version}: its "
                f"{table} table has no {', '.join(sorted(missing))}"
            )
    return version


@cache
def expected_tables() -> list[dict[str, frozenset[str]]]:
    """The tables and columns of a store at each schema version, from the migrations
    themselves (applied one by one to an empty in-memory SQLite store)."""
    db = SQLite(Path(":memory:"), wait=0, on_wait=None)
    shapes: list[dict[str, frozenset[str]]] = [{}]
    for number in range(1, len(MIGRATIONS) + 1):
        _apply(db, number)
        shapes.append({t: frozenset(db.columns(t)) for t in db.tables()})
    db.close()
    return shapes
