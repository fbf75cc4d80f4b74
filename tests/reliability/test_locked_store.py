"""A store another program is writing: a write says it waits, then gives up after the wait the
user set (`--wait`, $CRISIS_DRILL_WAIT) with one clear line; never a hang. Reads do not wait.
In the app a refused save is a notification and the drill goes on (SQLite and PostgreSQL)."""

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.store import Store, StoreError
from simulator.tui.screens.drill import DrillScreen
from tests.store.conftest import finished
from tests.tui.helpers import make_app, wait_for

SAVE = ["run", "rude-reply", "--seed", "3", "--policy", "expert", "--save"]


@contextmanager
def held(url: str) -> Iterator[None]:
    """Another connection holding the store's write lock (as another program's write would)."""
    if url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(url) as conn:
            conn.execute("LOCK TABLE drills, chain_head IN EXCLUSIVE MODE")
            yield
            conn.rollback()
        return
    conn = sqlite3.connect(url, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def saved_one(url: str) -> int:
    with Store(url) as store:
        return store.save(finished("rude-reply", 1, "expert", "Ana", "red"))


@pytest.mark.parametrize("how", ["--wait", "env"])
def test_a_locked_store_says_it_waits_then_gives_up(
    how: str, tmp_path: Path, capsys, monkeypatch
) -> None:
    db = str(tmp_path / "drills.sqlite3")
    saved_one(db)
    wait = ["--wait", "1.5"] if how == "--wait" else []
    if how == "env":
        monkeypatch.setenv("CRISIS_DRILL_WAIT", "1.5")
    with held(db):
        start = time.monotonic()
        assert main([*SAVE, "--db", db, *wait]) == 2
        took = time.monotonic() - start
    err = capsys.readouterr().err.strip().splitlines()
    assert 1.5 <= took < 15, took
    assert len(err) == 2, err
    assert "waiting for the store" in err[0] and "up to 1.5 s" in err[0]
    assert "is locked by another program (waited 1.5 s)" in err[1] and "--wait" in err[1]
    assert main(["leaderboard", "--db", db, "--json"]) == 0  # what was saved is all there
    assert '"name": "Ana"' in capsys.readouterr().out
    assert main([*SAVE, "--db", db, "--wait", "1.5"]) == 0  # the lock gone, the save goes in


def test_reads_do_not_wait_for_a_writer(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "drills.sqlite3")
    saved_one(db)
    with held(db):
        start = time.monotonic()
        assert main(["leaderboard", "--db", db, "--wait", "5"]) == 0
        assert time.monotonic() - start < 4
    assert "Ana" in capsys.readouterr().out


@pytest.mark.parametrize("text", ["0", "-1", "abc", "nan", "inf", "1e9"])
def test_a_bad_wait_is_one_line(text: str, tmp_path: Path, capsys, monkeypatch) -> None:
    db = str(tmp_path / "drills.sqlite3")
    assert main(["leaderboard", "--db", db, "--wait", text]) == 2
    assert "a wait" in capsys.readouterr().err
    monkeypatch.setenv("CRISIS_DRILL_WAIT", text)
    assert main(["leaderboard", "--db", db]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "$CRISIS_DRILL_WAIT: a wait" in err[0]


def test_a_locked_store_on_both_backends_times_out(store_url: str) -> None:
    saved_one(store_url)
    notices: list[str] = []
    with Store(store_url, wait=1.0, on_wait=notices.append) as store, held(store_url):
        start = time.monotonic()
        with pytest.raises(StoreError, match="locked by another program"):
            store.save(finished("rude-reply", 2, "expert", "Bo", "red"))
        assert 0.9 <= time.monotonic() - start < 15
        assert len(notices) == 1 and "waiting for the store" in notices[0]
    with Store(store_url) as store:
        assert [r.name for r in store.done()] == ["Ana"]
        store.save(finished("rude-reply", 2, "expert", "Bo", "red"))
        assert [r.name for r in store.done()] == ["Ana", "Bo"]


async def test_the_app_notifies_a_refused_save_and_the_drill_goes_on(tmp_path: Path) -> None:
    url = str(tmp_path / "drills.sqlite3")
    store = Store(url, wait=0.3)
    app = make_app(tmp_path, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        with held(url):
            await pilot.press("down", "enter", "enter")  # rude-reply's briefing, then its drill
            await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
            shown = [n.message for n in app._notifications]
            assert any(
                "saved whole at your next decision" in m and "locked by another program" in m
                for m in shown
            )
            assert app.current is not None and app.current.id is None
        await pilot.press("g")  # a decision: the drill, unsaved so far, is saved whole
        await wait_for(pilot, lambda: app.current is not None and app.current.id is not None)
    with Store(url) as again:
        resumed = again.in_progress()
        assert resumed is not None and len(resumed.actions) == 1
    store.close()
