"""docs/authoring.md: its catalogue table is the catalogue's, and its commands exist."""

import re
from dataclasses import replace

import pytest

from simulator import catalogue
from simulator.authoring.catalogue_doc import END, START, generated, with_table
from simulator.catalogue import CATALOGUE
from simulator.cli import main
from tests.conftest import ROOT

GUIDE = ROOT / "docs" / "authoring.md"


def test_the_guides_catalogue_table_is_generated_from_the_catalogue() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    held = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert held == generated(), "run: python -m simulator.authoring.catalogue_doc docs/authoring.md"
    assert with_table(text) == text
    for action in CATALOGUE:
        assert f"| `{action}` |" in held


def test_a_changed_number_changes_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    before = generated()
    changed = replace(CATALOGUE["holding_statement"], multiplier=(0.5, 0.9, 0.93))
    monkeypatch.setitem(catalogue.CATALOGUE, "holding_statement", changed)
    assert generated() != before and "×0.5," in generated()


def test_every_command_the_guide_shows_exists(capsys: pytest.CaptureFixture[str]) -> None:
    shown = set(re.findall(r"^crisis-drill ([a-z]+)", GUIDE.read_text(encoding="utf-8"), re.M))
    assert {"new", "validate", "calibrate", "play"} <= shown
    for command in sorted(shown):
        assert main([command, "--help"]) == 0, capsys.readouterr().err
