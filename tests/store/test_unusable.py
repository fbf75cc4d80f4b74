"""A store this code cannot use (a garbled file, another program's SQLite file or `drills`
table, a newer schema) is refused with one line and exit 2, and is never written to."""

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from simulator.cli import main
from simulator.store import Store, StoreError
from simulator.store.schema import MIGRATIONS
from tests.store.conftest import finished


def garbled(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 20)


def foreign(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (number INTEGER, amount REAL)")
        conn.execute("INSERT INTO invoices VALUES (1, 9.5)")
    conn.close()


def their_drills(path: Path) -> None:
    """Another program's `drills` table, alone in its file."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE drills (id INTEGER PRIMARY KEY, fire_exit TEXT)")
        conn.execute("INSERT INTO drills (fire_exit) VALUES ('north')")
    conn.close()


def their_drills_versioned(path: Path) -> None:
    """A `schema_version` that looks like ours over a `drills` table that is not."""
    their_drills(path)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO schema_version VALUES (1)")
    conn.close()


def newer(path: Path) -> None:
    with Store(str(path)) as store:
        store.save(finished("rude-reply", 1, "expert", "Ana", "red"))
        store.db.execute("UPDATE schema_version SET version = ?", (len(MIGRATIONS) + 1,))
    with sqlite3.connect(path) as conn:  # fold the write-ahead log into the file
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


STORES: dict[str, tuple[Callable[[Path], None], str]] = {
    "garbled": (garbled, "is not a SQLite database or is damaged"),
    "foreign": (foreign, "is not a crisis-drill store (it holds other tables: invoices)"),
    "their-drills": (their_drills, "is not a crisis-drill store (it holds other tables: drills)"),
    "their-drills-versioned": (their_drills_versioned, "its drills table has no"),
    "newer": (newer, f"has schema version {len(MIGRATIONS) + 1}, newer than this crisis-drill"),
}
COMMANDS = [
    ["leaderboard"],
    ["verify"],
    ["export"],
    ["compare", "1", "2"],
    ["report", "1"],
    ["run", "rude-reply", "--policy", "expert", "--save"],
]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of the folder by name, with the SHA-256 of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.mark.parametrize("kind", sorted(STORES))
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_unusable_store_is_one_line_exit_2_and_untouched(
    kind: str, command: list[str], tmp_path: Path, capsys
) -> None:
    make, message = STORES[kind]
    folder = tmp_path / "store"
    folder.mkdir()
    path = folder / "drills.sqlite3"
    make(path)
    before = snapshot(folder)
    assert main([*command, "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err, err
    assert snapshot(folder) == before


def test_an_unusable_store_on_import_is_refused_before_any_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "drills.sqlite3"
    foreign(path)
    before = snapshot(tmp_path)
    lines = tmp_path / "in.jsonl"
    lines.write_text("{}\n")
    assert main(["import", str(lines), "--db", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a crisis-drill store" in err[0]
    assert snapshot(tmp_path) == before | {"in.jsonl": snapshot(tmp_path)["in.jsonl"]}


def test_a_folder_as_the_store_is_one_line(tmp_path: Path, capsys) -> None:
    assert main(["leaderboard", "--db", str(tmp_path)]) == 2
    assert "it is a folder" in capsys.readouterr().err


# ----- PostgreSQL: the same refusals in a schema the store does not own ------------------------


def pg_tables(url: str) -> list[tuple]:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY 1, 2"
        ).fetchall()


def test_another_programs_drills_table_on_postgres_is_refused(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE drills (id SERIAL PRIMARY KEY, fire_exit TEXT)")
        conn.execute("CREATE TABLE unrelated (x INT)")
    before = pg_tables(pg_url)
    with pytest.raises(
        StoreError, match=r"not a crisis-drill store \(it holds other tables: drills"
    ):
        Store(pg_url)
    assert pg_tables(pg_url) == before


def test_a_shared_postgres_schema_with_other_tables_is_used(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE unrelated (x INT)")
    with Store(pg_url) as store:
        assert store.save(finished("rude-reply", 1, "expert", "Ana", "red")) == 1


def test_a_newer_schema_is_refused_on_both_backends(store_url: str) -> None:
    with Store(store_url) as store:
        store.save(finished("rude-reply", 1, "expert", "Ana", "red"))
        store.db.execute("UPDATE schema_version SET version = ?", (len(MIGRATIONS) + 7,))
    with pytest.raises(StoreError, match="newer than this crisis-drill knows"):
        Store(store_url)
