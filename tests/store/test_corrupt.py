"""A record whose JSON columns (actions, scorecard) or typed columns are corrupt is reported by
`verify` as a corrupt record with its drill id, left out of `export` (named, exit 1), and a
one-line error for `compare` and `report`; never a traceback (SQLite and PostgreSQL)."""

import io
import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.store import Store, StoreError
from simulator.store.transfer import export_jsonl, verify_store
from tests.conftest import shipped
from tests.store.conftest import finished

LIBRARY = {"rude-reply": shipped("rude-reply")}
CORRUPTIONS = {
    "actions not JSON": ("actions", "not json ["),
    "actions an object": ("actions", '{"t": 1}'),
    "actions a list of numbers": ("actions", "[1, 2]"),
    "actions deeply nested": ("actions", "[" * 100_000 + "]" * 100_000),
    "scorecard not JSON": ("scorecard", "{"),
    "scorecard a number": ("scorecard", "5"),
    "scorecard without a score": ("scorecard", '{"checks": []}'),
    "scorecard score a number": ("scorecard", '{"score": 5}'),
    "name empty": ("name", ""),
    "status unknown": ("status", "done "),
}


def three(store: Store) -> list[int]:
    return [
        store.save(finished("rude-reply", seed, "expert", f"p{seed}", "team")) for seed in (1, 2, 3)
    ]


@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_verify_reports_a_corrupt_column_by_drill_id(store: Store, case: str) -> None:
    column, value = CORRUPTIONS[case]
    ids = three(store)
    store.db.execute(f"UPDATE drills SET {column} = ? WHERE id = ?", (value, ids[1]))
    checked, problems = verify_store(store, LIBRARY)
    assert problems and all(p.startswith(f"drill {ids[1]}") for p in problems), problems
    assert all("\n" not in p and len(p) < 400 for p in problems)
    assert checked <= 3


def test_verify_reports_a_re_sealed_forgery_with_a_strange_scorecard(store: Store) -> None:
    """The digest recomputed over a scorecard whose score is not a mapping: still reported."""
    ids = three(store)
    record = store.get(ids[0])
    record.scorecard = {"score": 5}
    record.digest = record.content_digest()
    store.db.execute(
        "UPDATE drills SET scorecard = ?, digest = ? WHERE id = ?",
        (json.dumps(record.scorecard), record.digest, ids[0]),
    )
    problems = verify_store(store, LIBRARY)[1]
    assert any(p.startswith(f"drill {ids[0]} ") and "score none" in p for p in problems)


def test_a_corrupt_record_is_left_out_of_an_export_and_named(store: Store) -> None:
    ids = three(store)
    store.db.execute("UPDATE drills SET actions = 'garbage' WHERE id = ?", (ids[0],))
    corrupt: list[str] = []
    out = io.StringIO()
    assert export_jsonl(store.done(corrupt), out) == 2
    assert [json.loads(line)["name"] for line in out.getvalue().splitlines()] == ["p2", "p3"]
    assert len(corrupt) == 1 and corrupt[0].startswith(f"drill {ids[0]}: its record is corrupt")
    with pytest.raises(StoreError, match=f"drill {ids[0]}: its record is corrupt"):
        list(store.done())
    with pytest.raises(StoreError, match="actions column is not JSON"):
        store.get(ids[0])


def test_the_commands_on_a_corrupt_record(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "drills.sqlite3")
    with Store(db) as store:
        ids = three(store)
        store.db.execute("UPDATE drills SET scorecard = '{' WHERE id = ?", (ids[1],))
    assert main(["export", "--db", db]) == 1
    captured = capsys.readouterr()
    assert captured.out.count("\n") == 2
    assert captured.err.strip() == (
        f"drill {ids[1]}: its record is corrupt (its scorecard column is not JSON (Expecting "
        "property name enclosed in double quotes: line 1 column 2 (char 1))): not exported "
        "(see verify)"
    )
    assert main(["verify", "--db", db]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"drill {ids[1]}: its record is corrupt")
    for command in (["compare", str(ids[0]), str(ids[1])], ["report", str(ids[1])]):
        assert main([*command, "--db", db]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and f"drill {ids[1]}: its record is corrupt" in err[0]
    assert main(["leaderboard", "--db", db]) == 0  # the board reads its own columns
    assert "p1" in capsys.readouterr().out
