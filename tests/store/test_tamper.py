"""The board cannot be edited unseen: a direct SQL edit of any column the board reads, or a
deleted row, is reported by `verify` (SQLite and PostgreSQL)."""

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.store import Store, StoreError
from simulator.store.chain import content_key
from simulator.store.schema import expected_tables
from simulator.store.transfer import import_jsonl, verify_store
from tests.conftest import shipped
from tests.store.conftest import finished

LIBRARY = {"rude-reply": shipped("rude-reply")}
EDITS = {
    "total": "total = 999",
    "outcome": "outcome = 99",
    "playbook": "playbook = 99",
    "timeliness": "timeliness = 99",
    "name": "name = 'Mallory'",
    "team": "team = 'cheats'",
    "code": "code = 'rude-reply-k2r2-1-0'",
    "finished": "finished = '1999-01-01T00:00:00+00:00'",
    "scenario": "scenario = 'sale-outage'",
    "status": "status = 'playing'",
    "id": "id = 77",
    "digest": "digest = 'x'",
    "seq": "seq = seq + 10",
    "chain": "chain = 'x'",
    "content_key": "content_key = 'x'",
    "scenario_hash": "scenario_hash = 'zzzz'",
    "seed": "seed = seed + 1",
    "engine_version": "engine_version = '9.9.9'",
    "started": "started = '2001-01-01T00:00:00+00:00'",
    "actions": "actions = '[]'",
    "scorecard": "scorecard = '{}'",
    "session": "session = 'ABCD-EFGH'",
    "trajectory_digest": "trajectory_digest = 'x'",
}
# columns outside the record's digest, with why: no board, score or replay reads them
UNSEALED = {"live": "the heartbeat of a drill being played (where it is, for the watch screen)"}
HEAD_EDITS = ["seq = seq - 1", "seq = seq + 1", "chain = 'x'"]
# edits that give a column a value of another type: NULL anywhere the schema allows it, and
# on SQLite (any value in any column) text in a number and a blob in a text. Those of a column
# the board reads leave the drill off the board; all are reported by verify.
NULL_EDITS = {
    "total = NULL": True, "outcome = NULL": True, "finished = NULL": True,
    "seq = NULL": False, "scorecard = NULL": False,
}  # fmt: skip
TYPE_EDITS = {
    "total = 'abc' || char(27) || '[2J'": True, "timeliness = X'00'": True, "name = X'00ff'": True,
    "team = X'41'": True, "seq = 'a'": False,
}  # fmt: skip


def three(store: Store) -> list[int]:
    return [
        store.save(finished("rude-reply", seed, "expert", f"p{seed}", "team")) for seed in (1, 2, 3)
    ]


def test_an_untouched_store_verifies(store: Store) -> None:
    three(store)
    assert verify_store(store, LIBRARY) == (3, [])


@pytest.mark.parametrize("column", sorted(EDITS))
def test_a_direct_edit_of_a_board_column_is_reported(store: Store, column: str) -> None:
    ids = three(store)
    store.db.execute(f"UPDATE drills SET {EDITS[column]} WHERE id = ?", (ids[1],))
    problems = verify_store(store, LIBRARY)[1]
    assert problems, column
    assert all("\n" not in p for p in problems)


def test_every_column_of_a_drill_has_an_edit_here() -> None:
    """A column added to the store is one the tests must edit (the board may come to read it)."""
    assert set(EDITS) | set(UNSEALED) == set(expected_tables()[-1]["drills"])


@pytest.mark.parametrize("edit", HEAD_EDITS)
def test_a_direct_edit_of_the_chain_head_is_reported(store: Store, edit: str) -> None:
    three(store)
    store.db.execute(f"UPDATE chain_head SET {edit}")
    assert verify_store(store, LIBRARY)[1]


def test_a_deleted_chain_head_is_reported_and_stops_saves(store: Store) -> None:
    three(store)
    store.db.execute("DELETE FROM chain_head")
    assert verify_store(store, LIBRARY)[1] == [
        "the store's chain head is missing or not a number (edited)"
    ]
    with pytest.raises(StoreError, match="chain head was edited outside crisis-drill"):
        store.save(finished("rude-reply", 4, "expert", "p4", "team"))
    assert len(list(store.done())) == 3


@pytest.mark.parametrize("which", [0, 1, 2])
def test_a_deleted_row_is_reported(store: Store, which: int) -> None:
    ids = three(store)
    store.db.execute("DELETE FROM drills WHERE id = ?", (ids[which],))
    checked, problems = verify_store(store, LIBRARY)
    assert checked == 2 and any("missing" in p and "deleted" in p for p in problems), problems


def test_a_row_slipped_in_is_reported(store: Store) -> None:
    three(store)
    cols = (
        "status, name, team, code, scenario, scenario_hash, seed, engine_version, started, actions"
    )
    store.db.execute(
        f"INSERT INTO drills ({cols}, total, scorecard, digest) SELECT {cols}, total, scorecard, "
        "'forged' FROM drills WHERE id = 1"
    )
    assert any(
        "not in the store's chain" in p or "digest" in p for p in verify_store(store, LIBRARY)[1]
    )


def test_one_drill_under_five_names_imports_once(store: Store) -> None:
    record = finished("rude-reply", 4, "expert", "Ana", "red")
    lines = []
    for n in range(5):
        copy = finished("rude-reply", 4, "expert", f"alias{n}", "red")
        lines.append(json.dumps(copy.to_json()))
    result = import_jsonl(store, lines, LIBRARY, "five.jsonl")
    assert (len(result.added), result.duplicates, result.refused) == (1, 4, [])
    assert store.has_content(content_key(record.scenario_hash, record.seed, record.actions))


def _reported_and_the_board_stands(store: Store, edit: str, off: bool, capsys) -> None:
    ids = three(store)
    store.db.execute(f"UPDATE drills SET {edit} WHERE id = ?", (ids[1],))
    problems = verify_store(store, LIBRARY)[1]
    assert any(p.startswith(f"drill {ids[1]}") for p in problems), problems
    assert not any(c in p for p in problems for c in "\x1b\x00"), problems
    assert main(["leaderboard", "--db", store.url, "--json"]) == 0
    board = json.loads(capsys.readouterr().out)
    shown = [ids[0], ids[2]] if off else ids
    assert sorted(d["id"] for d in board["drills"]) == shown
    assert [t["count"] for t in board["teams"]] == [len(shown)]
    assert main(["leaderboard", "--db", store.url]) == 0


@pytest.mark.parametrize("edit", sorted(NULL_EDITS))
def test_a_column_set_to_null_is_reported_and_the_board_stands(
    store: Store, edit: str, capsys
) -> None:
    _reported_and_the_board_stands(store, edit, NULL_EDITS[edit], capsys)


@pytest.mark.parametrize("edit", sorted(TYPE_EDITS))
def test_a_column_of_another_type_is_reported_and_the_board_stands(
    tmp_path: Path, edit: str, capsys
) -> None:
    with Store(str(tmp_path / "drills.sqlite3")) as store:
        _reported_and_the_board_stands(store, edit, TYPE_EDITS[edit], capsys)


def test_a_chain_head_of_another_type_is_reported_and_stops_saves(tmp_path: Path) -> None:
    with Store(str(tmp_path / "drills.sqlite3")) as store:
        three(store)
        store.db.execute("UPDATE chain_head SET seq = 'a'")
        assert (
            "the store's chain head is missing or not a number (edited)"
            in (verify_store(store, LIBRARY)[1])
        )
        with pytest.raises(StoreError, match="chain head was edited outside crisis-drill"):
            store.save(finished("rude-reply", 4, "expert", "p4", "team"))
