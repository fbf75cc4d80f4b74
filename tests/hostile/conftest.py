"""Hostile names: drills saved (as an old store or a direct write could hold them) under names
and teams full of markup, terminal escapes, newlines and HTML."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.store import DrillRecord, Store
from tests.store.conftest import finished

HOSTILE = (
    "[/]",
    "[link=x]a[/link]",
    "[bold red]x",
    "\x1b[2Jwipe",
    "two\nlines",
    "<script>s</script>",
)
SEED = {name: n + 11 for n, name in enumerate(HOSTILE)}  # each its own drill


def hostile_record(name: str, team: str | None = None) -> DrillRecord:
    """A finished drill (a real replayable one) under a hostile name and team."""
    return finished("rude-reply", SEED[name], "expert", name, team if team is not None else name)


@pytest.fixture
def hostile_db(tmp_path: Path) -> Iterator[str]:
    """A SQLite store holding one finished drill per hostile name (name and team)."""
    db = str(tmp_path / "hostile.sqlite3")
    with Store(db) as store:
        for name in HOSTILE:
            store.save(hostile_record(name))
    yield db
