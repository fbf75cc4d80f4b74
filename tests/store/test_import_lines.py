"""Import takes each line on its own: every malformed, mistyped or edited record is refused with
its line number and reason, the good ones go in, and the summary counts both."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.store import Store
from tests.store.conftest import finished


def _sealed(change: Callable[[dict], None]) -> bytes:
    """A record changed, then its digest recomputed (only the change can be the reason)."""
    record = finished("rude-reply", 7, "expert", "Eve", "red")
    data = record.to_json()
    change(data)
    for field, value in data.items():
        setattr(record, field, value)
    data["digest"] = record.content_digest()
    return json.dumps(data).encode()


def _typo(data: dict) -> None:
    code = data["code"]
    data["code"] = code[:-1] + ("0" if code[-1] != "0" else "1")


def _nan_total(data: dict) -> None:
    data["scorecard"]["score"]["total"] = float("nan")


BAD_LINES: dict[str, tuple[bytes, str]] = {
    "deep nesting": (b"[" * 50_000 + b"]" * 50_000, "not a drill record"),
    "a JSON string": (b'"hello"', "not a drill record (not a JSON object)"),
    "an empty object": (b"{}", "not a drill record (missing actions, code, digest, name, team)"),
    "invalid UTF-8": (b'{"name": "\xff\xfe"}', "not a drill record"),
    "a huge integer": (b'{"seed": ' + b"9" * 5000 + b"}", "not a drill record"),
    "truncated": (b'{"name": "Ana", "team', "not a drill record"),
    "a mistyped code": (_sealed(_typo), "has a mistyped character"),
    "a NaN score": (_sealed(_nan_total), "is not what its log gives"),
    "an edited record": (
        json.dumps(
            finished("rude-reply", 8, "expert", "Fay", "red").to_json() | {"team": "x"}
        ).encode(),
        "its digest does not match its contents",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_a_bad_line_is_refused_by_number_and_the_good_ones_go_in(
    case: str, store_url: str, tmp_path: Path, capsys
) -> None:
    bad, reason = BAD_LINES[case]
    good = [
        json.dumps(finished("rude-reply", seed, "expert", f"p{seed}", "red").to_json()).encode()
        for seed in (1, 2)
    ]
    file = tmp_path / "in.jsonl"
    file.write_bytes(b"\n".join([good[0], bad, b"", good[1]]) + b"\n")
    assert main(["import", str(file), "--db", store_url]) == 1
    out, err = capsys.readouterr()
    assert out.strip() == "imported 2, already here 0, refused 1"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{file}:2: ") and reason in lines[0], lines
    assert len(lines[0]) < 600
    with Store(store_url) as store:
        assert [r.name for r in store.done()] == ["p1", "p2"]
