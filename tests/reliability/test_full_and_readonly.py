"""A read-only store (its file or its folder) and a full disk: one clear line, exit 2, and
nothing saved before is lost (the chain still verifies)."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from simulator.cli import main
from simulator.store import Store, StoreError
from simulator.store.backends import SQLite
from simulator.store.transfer import verify_store
from tests.conftest import ROOT, shipped
from tests.store.conftest import finished

SAVE = ["run", "rude-reply", "--seed", "3", "--policy", "expert", "--save"]
LIBRARY = {"rude-reply": shipped("rude-reply")}


def as_user(args: list[str]) -> subprocess.CompletedProcess[str]:
    """The CLI in a process bound by file permissions (root gives up its power to ignore them)."""
    command = [sys.executable, "-m", "simulator", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "as root, this test needs setpriv (util-linux) to honour permissions"
        drop = "-dac_override,-dac_read_search,-fowner"
        command = [setpriv, "--bounding-set", drop, "--inh-caps", "-all", "--", *command]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.fixture
def one_saved(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    folder.mkdir()
    db = folder / "drills.sqlite3"
    with Store(str(db)) as store:
        store.save(finished("rude-reply", 1, "expert", "Ana", "red"))
    return db


def test_a_read_only_store_file_is_read_but_not_written(one_saved: Path) -> None:
    one_saved.chmod(0o444)
    try:
        board = as_user(["leaderboard", "--db", str(one_saved)])
        assert board.returncode == 0 and "Ana" in board.stdout, board.stderr
        save = as_user([*SAVE, "--db", str(one_saved)])
        err = save.stderr.strip().splitlines()
        assert save.returncode == 2 and len(err) == 1, save.stderr
        assert "cannot write the store" in err[0] and "read-only" in err[0]
    finally:
        one_saved.chmod(0o644)
    with Store(str(one_saved)) as store:
        assert [r.name for r in store.done()] == ["Ana"]
        assert verify_store(store, LIBRARY) == (1, [])


def test_a_read_only_store_folder_is_one_line(one_saved: Path) -> None:
    with sqlite3.connect(one_saved) as conn:  # no log files left beside the store
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    one_saved.parent.chmod(0o555)
    try:
        for args in (["leaderboard"], SAVE):
            run = as_user([*args, "--db", str(one_saved)])
            err = run.stderr.strip().splitlines()
            assert run.returncode == 2 and len(err) == 1, run.stderr
            assert "read-only" in err[0] and "folder" in err[0]
    finally:
        one_saved.parent.chmod(0o755)
    with Store(str(one_saved)) as store:
        assert verify_store(store, LIBRARY) == (1, [])


def test_a_full_disk_is_one_line_and_loses_nothing(
    one_saved: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's page limit stands in for the disk: a write past it fails as on a full disk."""
    opened = SQLite.__init__

    def full(self: SQLite, *args: object) -> None:
        opened(self, *args)  # type: ignore[arg-type]
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        self.conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(SQLite, "__init__", full)
    db = str(one_saved)
    assert main([*SAVE, "--db", db]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "the disk (or the store's size limit) is full" in err[0], err
    monkeypatch.setattr(SQLite, "__init__", opened)
    with Store(db) as store:
        assert [r.name for r in store.done()] == ["Ana"]
        assert verify_store(store, LIBRARY) == (1, [])


def test_a_full_disk_in_the_api_leaves_the_record_unsaved(one_saved: Path) -> None:
    with Store(str(one_saved)) as store:
        pages = store.db.execute("PRAGMA page_count")[0][0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        record = finished("rude-reply", 6, "playbook", "Bo", "red")
        with pytest.raises(StoreError, match="full"):
            store.save(record)
        assert record.id is None  # not taken for saved: the app saves it again, whole


def test_a_full_disk_on_postgres_is_named(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL's own refusal (disk full on the server) reaches the user as one line."""
    with Store(pg_url) as store:
        store.save(finished("rude-reply", 1, "expert", "Ana", "red"))
        real = store.db.conn.execute

        def refuse(sql: str, *args: object, **kwargs: object):
            if sql.lstrip().startswith("INSERT"):
                raise psycopg.errors.DiskFull("could not extend file: No space left on device")
            return real(sql, *args, **kwargs)

        monkeypatch.setattr(store.db.conn, "execute", refuse)
        with pytest.raises(StoreError, match="disk is full") as refused:
            store.save(finished("rude-reply", 2, "expert", "Bo", "red"))
        assert "\n" not in str(refused.value)
        monkeypatch.undo()
        assert verify_store(store, LIBRARY) == (1, [])
