"""Sessions in the store: one training (one drill code, many trainees), the instructor's state
row that every trainee's app polls, and each drill's live position while it is played.

A session code (`s-` and 6 Crockford letters, e.g. `s-k7m2qp`) is typed by hand by trainees.
The instructor's commands change the row (pause, resume, release an inject, end); the apps read
it on an interval (`POLL_S`) and follow. A drill's live position (`Live`) is a heartbeat, not a
result: it is not in the record's digest (the session itself is).
"""

import json
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from simulator.plain import plain
from simulator.store.backends import StoreError
from simulator.store.codes import ALPHABET
from simulator.store.records import DrillRecord, now_iso
from simulator.store.store import COLUMNS, Store

CODE_LETTERS = 6  # 32^6 ~ 10^9 codes: unguessable enough for a training, short to type
POLL_S = 2.0  # how often a trainee's app reads the session's state (and says where it is)
STATES = ("open", "paused", "ended")


class SessionError(StoreError):
    """A session that cannot be used (unknown code, ended), in one line."""


def new_code() -> str:
    return "s-" + "".join(secrets.choice(ALPHABET) for _ in range(CODE_LETTERS))


def is_session_code(text: str) -> bool:
    """Whether typed text is a session code (`s-` and CODE_LETTERS letters), not a drill code."""
    code = normal_code(text)
    return (
        len(code) == 2 + CODE_LETTERS
        and code.startswith("s-")
        and all(c in ALPHABET for c in code[2:])
    )


def normal_code(text: str) -> str:
    """A session code as typed (any case, spaces around) in its stored form."""
    return text.strip().lower()


@dataclass(frozen=True)
class Session:
    code: str
    drill_code: str  # the crisis every trainee of the session plays
    created: str
    state: str  # one of STATES
    released: tuple[str, ...]  # inject ids the instructor released to all, in order
    changed: str


@dataclass(frozen=True)
class Live:
    """Where a trainee's drill is, as their app last said (every POLL_S)."""

    t: float  # simulated seconds since the crisis started
    forecast: float  # the engine's forecast of final negative mentions
    negative: float  # negative mentions so far
    seen: str  # wall time of this heartbeat (ISO, UTC)
    decided: str  # wall time of the last decision (or of the drill's start)
    waiting: bool = False  # an inject is asking the trainee


@dataclass(frozen=True)
class Trainee:
    """One drill of a session, as the watch screen reads it."""

    id: int
    record: DrillRecord
    live: Live | None


def create(store: Store, drill_code: str) -> Session:
    """A new open session on a drill code (a fresh code, retried on the rare collision)."""
    for _ in range(8):
        code, at = new_code(), now_iso()
        with store.db.transaction():
            if store.db.execute("SELECT 1 FROM sessions WHERE code = ?", (code,)):
                continue
            store.db.execute(
                "INSERT INTO sessions (code, drill_code, created, state, released, changed) "
                "VALUES (?, ?, ?, 'open', '[]', ?)",
                (code, drill_code, at, at),
            )
        return Session(code, drill_code, at, "open", (), at)
    raise StoreError("could not find a free session code; try again")


def load(store: Store, code: str) -> Session:
    """The session of a code (SessionError names the code when there is none)."""
    rows = store.db.execute(
        "SELECT code, drill_code, created, state, released, changed FROM sessions WHERE code = ?",
        (normal_code(code),),
    )
    if not rows:
        raise SessionError(f'no session "{plain(code)[:40]}" in the store (check the code)')
    code_, drill_code, created, state, released, changed = rows[0]
    return Session(code_, drill_code, created, state, tuple(json.loads(released)), changed)


def set_state(store: Store, code: str, state: str) -> Session:
    """Pause, resume (open) or end a session; an ended one stays ended."""
    if state not in STATES:
        raise ValueError(f"a session is {', '.join(STATES)}, not {state}")
    session = load(store, code)
    if session.state == "ended":
        raise SessionError(f"session {session.code} has ended")
    store.db.execute(
        "UPDATE sessions SET state = ?, changed = ? WHERE code = ?",
        (state, now_iso(), session.code),
    )
    return load(store, session.code)


def release(store: Store, code: str, inject: str) -> Session:
    """Release an inject to every trainee of the session (each app brings it on at once)."""
    with store.db.transaction():
        session = load(store, code)
        if session.state == "ended":
            raise SessionError(f"session {session.code} has ended")
        released = json.dumps([*session.released, inject])
        store.db.execute(
            "UPDATE sessions SET released = ?, changed = ? WHERE code = ?",
            (released, now_iso(), session.code),
        )
    return load(store, session.code)


def heartbeat(store: Store, drill_id: int, live: Live) -> None:
    """Say where a drill is (one small write; not part of the record)."""
    store.db.execute(
        "UPDATE drills SET live = ? WHERE id = ?",
        (json.dumps(asdict(live), separators=(",", ":")), drill_id),
    )


def trainees(store: Store, code: str) -> list[Trainee]:
    """Every drill of the session, in progress or finished, oldest first."""
    rows = store.db.execute(
        f"SELECT {COLUMNS}, live FROM drills WHERE session = ? ORDER BY id", (code,)
    )
    return [Trainee(int(row[0]), store.record(row[:-1]), _live(row[-1])) for row in rows]


def finished(store: Store, code: str) -> list[DrillRecord]:
    """The session's finished drills, oldest first."""
    rows = store.db.execute(
        f"SELECT {COLUMNS} FROM drills WHERE session = ? AND status = 'done' ORDER BY id",
        (code,),
    )
    return [store.record(row) for row in rows]


def _live(text: str | None) -> Live | None:
    if not text:
        return None
    try:
        data: dict[str, Any] = json.loads(text)
        return Live(**data)
    except (ValueError, TypeError):
        return None  # a heartbeat that cannot be read is as good as none


def seconds_since(iso: str, now: datetime | None = None) -> float:
    """Wall seconds from an ISO time to now."""
    moment = datetime.fromisoformat(iso)
    return ((now or datetime.now(UTC)) - moment).total_seconds()
