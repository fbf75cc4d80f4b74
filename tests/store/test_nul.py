"""A NUL character (PostgreSQL's text refuses it) never reaches the store: refused at input with
a clear message (the CLI's name and team, an imported record's texts) on both backends, and a
NUL that slips past the input is one line, not a traceback."""

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.plain import clean_name
from simulator.store import Store, StoreError
from simulator.store.transfer import import_jsonl
from tests.conftest import shipped
from tests.store.conftest import finished

LIBRARY = {"rude-reply": shipped("rude-reply")}


@pytest.mark.parametrize("option", ["--name", "--team"])
def test_a_nul_in_a_name_is_refused_by_the_cli(option: str, store_url: str, capsys) -> None:
    args = ["run", "rude-reply", "--policy", "expert", "--save", option, "Ana\x00", "--db"]
    assert main([*args, store_url]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "only printable characters, not U+0000" in err[0]
    with Store(store_url) as store:
        assert list(store.done()) == []


def test_a_nul_typed_in_the_app_is_cleaned() -> None:
    assert clean_name("Ana\x00Bel") == "Ana Bel"


@pytest.mark.parametrize(
    "field, reason",
    [
        ("name", "a name has only printable characters, not U+0000"),
        ("team", "a team has only printable characters, not U+0000"),
        ("started", "its started time is not a date and time"),
        ("finished", "its finished time is not a date and time"),
        ("code", "is not a drill code"),
        ("scenario", "is not in this library"),
        ("engine_version", "it was played with engine"),
    ],
)
def test_a_nul_in_an_imported_record_is_refused(store: Store, field: str, reason: str) -> None:
    """Re-sealed (the digest recomputed), so that only the NUL can be the reason."""
    record = finished("rude-reply", 3, "expert", "Ana", "red")
    setattr(record, field, getattr(record, field) + "\x00")
    record.digest = record.content_digest()
    good = finished("rude-reply", 4, "expert", "Bo", "red")
    lines = [json.dumps(record.to_json()), json.dumps(good.to_json())]
    result = import_jsonl(store, lines, LIBRARY, "in.jsonl")
    assert len(result.added) == 1 and len(result.refused) == 1, result.refused
    assert result.refused[0].startswith("in.jsonl:1: drill of ") and reason in result.refused[0]
    assert "\x00" not in result.refused[0] and "\n" not in result.refused[0]


def test_a_nul_past_the_input_is_one_line_on_postgres(pg_url: str) -> None:
    with Store(pg_url) as store:
        with pytest.raises(StoreError, match="NUL") as refused:
            store.save(finished("rude-reply", 3, "expert", "Ana\x00", "red"))
        assert "\n" not in str(refused.value)
        assert list(store.done()) == []


def test_a_nul_in_an_import_file_on_the_cli(store_url: str, tmp_path: Path, capsys) -> None:
    record = finished("rude-reply", 3, "expert", "Ana\x00", "red")
    record.digest = record.content_digest()
    file = tmp_path / "in.jsonl"
    file.write_text(json.dumps(record.to_json()) + "\n")
    assert main(["import", str(file), "--db", store_url]) == 1
    captured = capsys.readouterr()
    assert "imported 0, already here 0, refused 1" in captured.out
    assert "U+0000" in captured.err and "\x00" not in captured.err
