"""Every surface shows a hostile name as plain text: CLI tables and messages, reports, the app."""

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.plain import check_name, plain
from simulator.report import build_report, to_html, to_markdown
from simulator.scoring.drill import drill_json
from tests.conftest import shipped
from tests.hostile.conftest import HOSTILE, hostile_record
from tests.store.conftest import _scored
from tests.tui.helpers import make_app


def test_plain_makes_control_characters_visible() -> None:
    assert plain("a\x1b[2Jb\nc\x07\x7f\u202e\udcff") == "a␛[2Jb␊c␇␡\ufffd\ufffd"
    assert plain("[/] <b> ok") == "[/] <b> ok"


@pytest.mark.parametrize("bad", ["", "   ", "a\x1bb", "x\ny", "a\u202eb", "n" * 41, "\udcff"])
def test_names_are_refused_at_input(bad: str) -> None:
    with pytest.raises(ValueError, match="a team"):
        check_name(bad, "team")


def test_markup_looking_names_are_fine() -> None:
    assert check_name(" [/] <b> ") == "[/] <b>"


def _no_raw_control(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text


def test_cli_tables_and_messages_show_names_escaped(hostile_db: str, capsys) -> None:
    assert main(["leaderboard", "--db", hostile_db]) == 0
    out = capsys.readouterr().out
    _no_raw_control(out)
    drills, teams = out.split("\n\n")
    assert len(drills.splitlines()) == 1 + len(HOSTILE)  # no forged row from a newline
    assert len(teams.splitlines()) == 1 + len(HOSTILE)
    assert "two␊lines" in out and "␛[2Jwipe" in out and "[/]" in out
    assert main(["compare", "1", "5", "--db", hostile_db]) == 0
    out = capsys.readouterr().out
    _no_raw_control(out)
    assert "two␊lines (two␊lines)" in out
    assert main(["verify", "--db", hostile_db]) == 1  # names refused at input today
    out, err = capsys.readouterr()
    _no_raw_control(err)
    assert out.strip() == f"verified {len(HOSTILE)} drills: 4 replay exactly"
    assert len(err.splitlines()) == 2 and "not U+001B" in err and "not U+000A" in err


def test_cli_messages_with_hostile_records_are_escaped(tmp_path: Path, capsys) -> None:
    """import names each refused record with its name: escaped, one line each."""
    lines = []
    for name in HOSTILE:
        data = hostile_record(name).to_json()
        data["scorecard"]["score"]["total"] = 99.0  # edited: refused, named in the message
        lines.append(json.dumps(data))
    file = tmp_path / "hostile.jsonl"
    file.write_text("\n".join(lines) + "\n")
    assert main(["import", str(file), "--db", str(tmp_path / "x.sqlite3")]) == 1
    err = capsys.readouterr().err
    _no_raw_control(err)
    assert len(err.splitlines()) == len(HOSTILE)
    assert all(line.startswith(f"{file}:") for line in err.splitlines())


@pytest.mark.parametrize("name", HOSTILE)
def test_reports_escape_every_field(name: str) -> None:
    record = hostile_record(name)
    drill = drill_json(_scored("rude-reply", record.seed, "expert"), "expert")
    drill |= {"name": name, "team": name, "policy": name}
    report = build_report(drill, shipped("rude-reply"))
    for text in (to_markdown(report), to_html(report)):
        _no_raw_control(text)
        assert "<script>" not in text
        assert ("&lt;script&gt;" in text) == ("script" in name)
        assert "two\nlines" not in text


async def test_the_app_starts_and_shows_hostile_names_literally(hostile_db: str, tmp_path) -> None:
    from textual.widgets import DataTable, OptionList

    from simulator.store import Store

    app = make_app(tmp_path, store=Store(hostile_db))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        recent = app.screen.query_one("#recent", OptionList)
        shown = [str(recent.get_option_at_index(i).prompt) for i in range(recent.option_count)]
        for name in HOSTILE:
            assert any(plain(f"{name} ({name})") in row for row in shown), name
        await pilot.press("f3")
        await pilot.pause()
        drills = app.screen.query_one("#drills", DataTable)
        names = {str(drills.get_row_at(i)[1]) for i in range(drills.row_count)}
        assert names == {plain(n) for n in HOSTILE}
        await pilot.press("enter")
        await pilot.press("down", "enter")  # compare two hostile drills
        await pilot.pause()
        assert type(app.screen).__name__ == "CompareScreen"


async def test_a_mistyped_code_in_the_home_field_is_a_message(tmp_path: Path) -> None:
    from textual.widgets import Input

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        for typed in ("rude_reply-f4ma-7-v", "[/]-aaaa-1-1", "\x1b[2J", "a" * 500, "x-----"):
            field = app.screen.query_one("#code", Input)
            field.value = typed
            field.focus()
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
        assert app.return_code is None  # still running, no crash
