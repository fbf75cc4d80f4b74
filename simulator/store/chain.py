"""The store's hash chain: each finished drill, in the order it was finished, links to the one
before it, so that a deleted row, an edited id or digest, or a drill slipped in shows in `verify`.

Every other column the board reads is either in the record's digest (name, team, code,
finished, status, the scorecard) or checked against it (the score columns, content_key).
"""

import hashlib
import json
from typing import Any

from simulator.store.backends import Backend, StoreError


def link(previous: str, seq: int, drill_id: int, digest: str | None) -> str:
    """The chain after adding drill `drill_id` (its record digest) as number `seq`."""
    return hashlib.sha256(f"{previous}|{seq}|{drill_id}|{digest}".encode()).hexdigest()


def content_key(scenario_hash: str, seed: int, actions: list[dict[str, Any]]) -> str:
    """What identifies a played drill: its crisis (scenario hash, seed) and its action log."""
    text = json.dumps([scenario_hash, seed, actions], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def seal(db: Backend, drill_id: int, digest: str | None) -> None:
    """Give a finished drill the next number of the chain (inside the caller's transaction)."""
    lock = " FOR UPDATE" if db.name == "postgresql" else ""  # SQLite: the writer holds the file
    head = db.execute(f"SELECT seq, chain FROM chain_head{lock}")
    if len(head) != 1 or not isinstance(head[0][0], int):
        raise StoreError(
            f"the store {db.where}'s chain head was edited outside crisis-drill: nothing was "
            "saved; run verify"
        )
    seq, chain = head[0]
    seq += 1
    chain = link(chain, seq, drill_id, digest)
    db.execute("UPDATE drills SET seq = ?, chain = ? WHERE id = ?", (seq, chain, drill_id))
    db.execute("UPDATE chain_head SET seq = ?, chain = ?", (seq, chain))


def seal_existing(db: Backend) -> None:
    """Migration 2's data: chain the finished drills already stored, in id order, and key them."""
    rows = db.execute(
        "SELECT id, status, scenario_hash, seed, actions, digest FROM drills ORDER BY id"
    )
    for drill_id, status, hash_, seed, actions, digest in rows:
        try:
            key: str | None = content_key(hash_, int(seed), json.loads(actions))
        except ValueError:  # a corrupt log: verify reports the drill
            key = None
        db.execute("UPDATE drills SET content_key = ? WHERE id = ?", (key, drill_id))
        if status == "done":
            seal(db, int(drill_id), digest)
