"""Team records: drill codes, the score store (SQLite or PostgreSQL), verify, export, import."""

from simulator.store.backends import StoreError
from simulator.store.codes import (
    CodeError,
    DrillCode,
    make_code,
    parse_code,
    resolve_code,
    scenario_hash,
)
from simulator.store.records import DrillRecord
from simulator.store.store import Ranked, Store, TeamStanding, default_url, open_store

__all__ = [
    "CodeError",
    "DrillCode",
    "DrillRecord",
    "Ranked",
    "Store",
    "StoreError",
    "TeamStanding",
    "default_url",
    "make_code",
    "open_store",
    "parse_code",
    "resolve_code",
    "scenario_hash",
]
