"""The team-record commands as a user meets them: save, leaderboard, compare, export, import,
verify, report by id (on SQLite here; the store's own tests cover PostgreSQL too)."""

import json
from pathlib import Path

import pytest

from simulator.cli import main


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "team.sqlite3")


def saved(db: str, policy: str, name: str, team: str, capsys, seed: int = 2) -> int:
    args = ["run", "rude-reply", "--seed", str(seed), "--policy", policy, "--json", "--save"]
    assert main([*args, "--name", name, "--team", team, "--db", db]) == 0
    return json.loads(capsys.readouterr().out)["id"]


def test_save_rank_compare_and_report(db: str, capsys, tmp_path: Path) -> None:
    expert = saved(db, "expert", "Ana", "red", capsys)
    ignore = saved(db, "ignore", "Bo", "blue", capsys)
    assert main(["leaderboard", "--db", db, "--json"]) == 0
    board = json.loads(capsys.readouterr().out)
    assert [(d["rank"], d["name"], d["id"]) for d in board["drills"]] == [
        (1, "Ana", expert),
        (2, "Bo", ignore),
    ]
    assert [t["team"] for t in board["teams"]] == ["red", "blue"]
    assert main(["leaderboard", "--db", db, "--team", "blue"]) == 0
    text = capsys.readouterr().out
    assert "Bo" in text and "Ana" not in text.split("\n\n")[0]
    assert main(["compare", str(expert), str(ignore), "--db", db, "--json"]) == 0
    both = json.loads(capsys.readouterr().out)
    assert both["same_crisis"] and both["a"]["name"] == "Ana" and both["b"]["name"] == "Bo"
    assert both["decisions"][0][0]["action"] == "gather_facts"
    out = tmp_path / "report.md"
    assert main(["report", str(expert), "--db", db, "-o", str(out)]) == 0
    assert "rude-reply" in out.read_text() and "Gather the facts" in out.read_text()


def test_export_import_verify_between_two_stores(db: str, capsys, tmp_path: Path) -> None:
    saved(db, "expert", "Ana", "red", capsys)
    saved(db, "ignore", "Bo", "blue", capsys)
    jsonl = tmp_path / "drills.jsonl"
    assert main(["export", "--db", db, "-o", str(jsonl)]) == 0
    assert main(["export", "--db", db, "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") == 3
    other = str(tmp_path / "other.sqlite3")
    assert main(["import", str(jsonl), "--db", other]) == 0
    assert "imported 2, already here 0, refused 0" in capsys.readouterr().out
    assert main(["import", str(jsonl), "--db", other]) == 0
    assert "imported 0, already here 2" in capsys.readouterr().out
    lines = jsonl.read_text().splitlines()
    edited = json.loads(lines[1])
    edited["scorecard"]["score"]["total"] = 99.0
    jsonl.write_text(lines[0] + "\n" + json.dumps(edited) + "\n")
    third = str(tmp_path / "third.sqlite3")
    assert main(["import", str(jsonl), "--db", third]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "drills.jsonl:2: drill of Bo (blue)" in err[0] and "digest" in err[0]
    assert main(["verify", "--db", other]) == 0
    assert "verified 2 drills: 2 replay exactly" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, message",
    [
        (["compare", "1", "2"], "no drill 1 in the store"),
        (["report", "7"], "no drill 7 in the store"),
        (["leaderboard", "--db", "mysql://x"], "unknown store URL"),
        (["import", "missing.jsonl"], "cannot read missing.jsonl"),
    ],
)
def test_bad_input_is_one_line_and_a_usage_exit(args: list[str], message: str, db, capsys) -> None:
    full = args if "--db" in args else [*args, "--db", db]
    assert main(full) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_an_unreachable_postgres_server_is_one_line(capsys) -> None:
    url = "postgresql://nobody@127.0.0.1:1/none"
    assert main(["leaderboard", "--db", url]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the PostgreSQL store" in err and len(err.strip().splitlines()) == 1
