"""Shared fixtures: the shipped scenarios, and helpers to run policies on them."""

from pathlib import Path

import pytest

from simulator.engine.engine import Engine
from simulator.engine.runner import play
from simulator.scenario import PolicyStep, Scenario, load_scenario

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = {p.stem: p for p in sorted((ROOT / "scenarios").glob("*.toml"))}
# The first three scenarios: their digests are pinned, the TUI tests walk them in this order,
# and the costly properties of the engine and the scoring (30-seed validity, effects of each
# mistake, decision shares) run on them; every shipped scenario has the checks of
# tests/scoring/test_library.py and the cheaper parametrised tests.
ORIGINAL = ("false-rumour", "rude-reply", "sale-outage")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch the real user folders."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("CRISIS_DRILL_CACHE", str(tmp_path / "cache" / "crisis-drill"))
    monkeypatch.delenv("CRISIS_DRILL_DB", raising=False)


def shipped(name: str) -> Scenario:
    return load_scenario(SHIPPED[name])


def steps(*pairs: tuple[str, str]) -> list[PolicyStep]:
    """A policy from (time, action) pairs: steps(("10m", "gather_facts"))."""
    return [PolicyStep.model_validate({"at": at, "action": action}) for at, action in pairs]


def run(scenario: Scenario, seed: int, policy: list[PolicyStep]) -> Engine:
    return play(scenario, seed, policy)
