"""Validation in one pass: every problem of a file at once, with 'did you mean'; the schema
documents every field; the shipped scenarios are valid. (The corpus of malformed files, one
message each, is in tests/malformed.)"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scenario import FileProblems, load_scenario
from tests.conftest import SHIPPED
from tests.malformed.test_corpus import MINI


def _edit(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "s.toml"
    path.write_text(text)
    with pytest.raises(FileProblems) as caught:
        load_scenario(path)
    return [line.removeprefix(f"{path}:") for line in caught.value.lines]


def test_a_typo_does_not_hide_the_stance_sum(tmp_path: Path) -> None:
    """The issue's case: 'preventible' and '40 minutes' used to hide the stance sum."""
    text = _edit(
        MINI,
        ('cluster = "preventable"', 'cluster = "preventible"'),
        ('duration = "6h"', 'duration = "40 minutes"'),
        ("critics = 0.5", "critics = 0.6"),
    )
    fields = [line.split(": ")[1] for line in _problems(tmp_path, text)]
    assert fields == ["crisis.cluster", "audience.critics", "clock.duration"]


def test_five_mistakes_of_five_layers_give_five_lines(tmp_path: Path) -> None:
    """A TOML type, a misspelt key, a range, a check across sections and a placeholder."""
    text = _edit(
        MINI,
        ("followers = 1000", 'followers = "1000"'),  # a string for an integer
        ('truth = "It was bad."', 'truht = "It was bad."'),  # a misspelt (required) key
        ("size = 2000", "size = 50"),  # out of its range
        ('action = "gather_facts"', 'action = "gather_fact"'),  # an unknown id
        ("reply from {brand}.", "reply from {brnad}."),  # an unknown placeholder
    )
    assert _problems(tmp_path, text) == [
        '10:1: brand.followers: Input should be a valid integer, not the text "1000": '
        "write the number without quotes",
        '16:1: crisis.truht: unknown key (did you mean "truth"?)',
        "20:1: audience.size: Input should be greater than or equal to 100",
        '31:1: cascade.origin[0].text: unknown placeholder "{brnad}" (did you mean "brand"?)',
        '51:1: expert[0].action: unknown action "gather_fact" (did you mean "gather_facts"?)',
    ]


def test_a_broken_section_skips_only_the_checks_that_need_it(tmp_path: Path) -> None:
    """With the clock unreadable, nothing is said about times past its end, and every other
    check still runs."""
    text = _edit(
        MINI,
        ('duration = "6h"', 'duration = "6 hours"'),
        ('at = "1h"', 'at = "9h"'),  # past the end of a 6h drill: unknowable without a clock
        ('default = "none"', 'default = "nonne"'),
    )
    assert [line.split(": ", 2)[1:] for line in _problems(tmp_path, text)] == [
        ["clock.duration", 'bad duration "6 hours": write it like "45s", "90m", "1h30m" or "2d"'],
        ["injects[0].decision.default", 'no option "nonne" (did you mean "none"?)'],
    ]


def test_a_scenario_with_thousands_of_problems_lists_a_hundred(tmp_path: Path) -> None:
    text = MINI.replace("[clock]", "[texts]\ncomplaint = [" + '"{x}",' * 500 + "]\n\n[clock]")
    lines = _problems(tmp_path, text)
    assert len(lines) == 101 and lines[-1] == " 400 more problems not listed"


def test_strict_types_and_ranges(tmp_path: Path) -> None:
    """No coercion of a text to a number or a flag, no NaN, no zero the engine divides by."""
    for old, new, expected in [
        ("size = 2000", 'size = "2000"', "audience.size: Input should be a valid integer"),
        ("at_fault = true", "at_fault = 1", "crisis.at_fault: Input should be a valid boolean"),
        ("critics = 0.5", "critics = nan", "audience.critics: Input should be a finite number"),
        ('mean_delay = "30m"', "mean_delay = 0", "cascade.mean_delay: a duration from 1s to 7d"),
        ('duration = "6h"', 'duration = "6h"\npace = "0s"', "clock.pace: a duration from 1m"),
    ]:
        lines = _problems(tmp_path, _edit(MINI, (old, new)))
        assert any(expected in line for line in lines), (new, lines)


def test_shipped_scenarios_are_valid(capsys) -> None:
    assert main(["validate", *map(str, SHIPPED.values())]) == 0
    assert capsys.readouterr().out.count(": ok") == len(SHIPPED)


def test_a_folder_validates_its_scenario_files(capsys) -> None:
    folder = next(iter(SHIPPED.values())).parent
    assert main(["validate", str(folder)]) == 0
    assert capsys.readouterr().out.count(": ok") == len(SHIPPED)


def test_unreadable_files_are_one_line_each_not_a_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    result = subprocess.run(
        [sys.executable, "-m", "simulator", "validate", str(missing), str(binary)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"{missing}: cannot read: no such file",
        f"{binary}:1:1: (file): not UTF-8 text",
    ]


def _properties(schema: dict) -> list[tuple[str, str, dict]]:
    """Every (model, field, schema) of the scenario schema."""
    found = [("Scenario", name, field) for name, field in schema["properties"].items()]
    for model, definition in schema["$defs"].items():
        found += [(model, n, f) for n, f in definition.get("properties", {}).items()]
    return found


def _numbers(field: dict) -> list[dict]:
    """The numeric alternatives of a field's schema (itself, or within anyOf)."""
    options = [field, *field.get("anyOf", [])]
    return [o for o in options if o.get("type") in ("number", "integer")]


def test_schema_documents_every_field_with_an_example_and_every_number_with_a_range(
    capsys,
) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["$id"].endswith("scenario.json")
    fields = _properties(schema)
    assert len(fields) > 100
    for model, name, field in fields:
        assert field.get("description") and field.get("examples"), f"{model}.{name}"
        for number in _numbers(field):
            low = "minimum" in number or "exclusiveMinimum" in number
            high = "maximum" in number or "exclusiveMaximum" in number
            assert low and high, f"{model}.{name} has no range"
