"""A corpus of malformed arguments, codes, records and outputs: each gets its one-line message
and exit code (1 bad input, 2 usage or unusable store, 3 internal error via the guard)."""

import json
from pathlib import Path

import pytest

import simulator.cli as cli
from simulator.cli import main

CODE = "rude-reply-k2r2-7-5"
CORPUS = [
    (["run", "rude-reply", "--seed", "-1", "--policy", "expert"], "a seed goes from 0", 2),
    (["run", "rude-reply", "--seed", "9" * 30, "--policy", "expert"], "a seed is a whole", 2),
    (["run", "rude-reply", "--seed", "2" * 19 + "0", "--policy", "expert"], "a seed goes", 2),
    (["run", "rude-reply", "--seed", "1e3", "--policy", "expert"], "a seed is a whole", 2),
    (["run", "--code", "rude_reply-f4ma-7-v", "--policy", "expert"], "mistyped character", 2),
    (["run", "--code", "rude-reply-k2r2-7-\x1b", "--policy", "expert"], "mistyped character", 2),
    (["run", "--code", "[/]-k2r2-7-5", "--policy", "expert"], "mistyped character", 2),
    (["run", "--code", "rude-reply-k2r2-7-6", "--policy", "expert"], "its check fails", 2),
    (["run", "--code", "nonsense", "--policy", "expert"], "is not a drill code", 2),
    (["run", "--code", "a" * 500 + "-k2r2-7-5", "--policy", "expert"], "is not a drill code", 2),
    (["run", "rude-reply", "--policy", "expert", "--name", "a\x1b[2J"], "printable", 2),
    (["run", "rude-reply", "--policy", "expert", "--team", "x\ny"], "printable", 2),
    (["run", "rude-reply", "--policy", "expert", "--name", "n" * 41], "at most 40", 2),
    (["run", "rude-reply", "--policy", "expert", "--name", " "], "cannot be empty", 2),
    (["compare", "0", "1"], "a drill id goes from 1", 2),
    (["compare", "1", "9" * 25], "a drill id is a whole", 2),
    (["compare", "1", "x"], "a drill id is a whole", 2),
    (["report", "99999999999999999999"], "a drill id goes from 1", 2),
    (["leaderboard", "--limit", "0"], "a limit goes from 1", 2),
    (["leaderboard", "--limit", "-5"], "a limit goes from 1", 2),
    (["frobnicate"], "invalid choice", 2),
    (["import", "missing.jsonl"], "cannot read missing.jsonl", 2),
    (["report", "missing.json"], "cannot read missing.json", 2),
    (["leaderboard", "--db", "mysql://x"], "unknown store URL", 2),
]


@pytest.mark.parametrize(("args", "message", "code"), CORPUS)
def test_each_malformed_argument_has_its_line(args, message, code, tmp_path: Path, capsys) -> None:
    assert (
        main([*args, "--db", str(tmp_path / "s.sqlite3")] if "--db" not in args else args) == code
    )
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err, err
    assert "\x1b" not in err and "Traceback" not in err


def _drill(tmp_path: Path, **changes: object) -> str:
    from simulator.engine.runner import named_policy, play
    from simulator.scoring import score
    from simulator.scoring.drill import drill_json
    from tests.conftest import shipped

    s = shipped("rude-reply")
    drill = drill_json(score(s, 1, play(s, 1, named_policy(s, "expert")).applied), "expert")
    drill.update(changes)
    path = tmp_path / "drill.json"
    path.write_text(json.dumps(drill))
    return str(path)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"scenario": "../../../../etc/passwd"}, "is not a shipped one"),
        ({"scenario": 5}, "is not a shipped one"),
        ({"timeline": "x"}, "not a drill record this version can report on"),
        ({"decisions": [{"t": "x"}]}, "not a drill record this version can report on"),
        ({"score": None}, "not a drill record this version can report on"),
    ],
)
def test_crafted_drill_files_are_refused(changes, message, tmp_path: Path, capsys) -> None:
    assert main(["report", _drill(tmp_path, **changes)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err, err
    assert "root:" not in err


@pytest.mark.parametrize("where", ["missing/dir/report.md", "."])
def test_outputs_to_a_missing_folder_or_a_folder_are_clear(where, tmp_path: Path, capsys) -> None:
    out = str(tmp_path / where)
    assert main(["report", _drill(tmp_path), "-o", out]) == 2
    assert main(["export", "-o", out, "--db", str(tmp_path / "s.sqlite3")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all("cannot write" in line for line in err)


def test_import_takes_each_line_on_its_own(tmp_path: Path, capsys) -> None:
    from tests.store.conftest import finished

    good = finished("rude-reply", 5, "expert", "Ana", "red").to_json()
    edited = good | {"name": "Bo"}
    mistyped = finished("rude-reply", 6, "expert", "Cy", "red").to_json() | {"seed": "6"}
    lines = [json.dumps(good), "{not json", json.dumps(edited), "[1]", json.dumps(mistyped),
             json.dumps(good | {"extra": 1}), json.dumps(good | {"seed": 2**70})]  # fmt: skip
    file = tmp_path / "in.jsonl"
    file.write_text("\n".join(lines) + "\n")
    assert main(["import", str(file), "--db", str(tmp_path / "s.sqlite3")]) == 1
    out, err = capsys.readouterr()
    assert out.strip() == "imported 1, already here 0, refused 6"
    numbers = [line.split(":")[1] for line in err.strip().splitlines()]
    assert numbers == ["2", "3", "4", "5", "6", "7"]


def test_the_guard_turns_a_crash_into_exit_3(monkeypatch, capsys) -> None:
    def boom(args):
        raise RuntimeError("kaboom\nsecond line")

    monkeypatch.setattr(cli, "cmd_validate", boom)
    assert main(["validate", "x.toml"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error (RuntimeError: kaboom)" in err
    assert "--debug" in err and "Traceback" not in err
    assert main(["--debug", "validate", "x.toml"]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    import subprocess
    import sys

    run = subprocess.run(
        f"{sys.executable} -m simulator run rude-reply --policy expert --posts --json | head -3",
        shell=True, capture_output=True, text=True, cwd=Path(__file__).parents[2], check=False,
    )  # fmt: skip
    assert len(run.stdout.splitlines()) == 3 and run.stderr == ""
