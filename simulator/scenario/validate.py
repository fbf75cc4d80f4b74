"""`crisis-drill validate`: every problem of every file named, one plain line each."""

import sys
from collections.abc import Callable
from pathlib import Path

from simulator.plain import plain
from simulator.scenario.loader import FileProblems, load_scenario
from simulator.scenario.model import Scenario

# Checks of a valid scenario made by the layers above (the engine's posts budget): file:line lines
Extra = Callable[[Path, Scenario], list[str]]


def _check(file: Path, extra: Extra | None) -> list[str]:
    """The problems of one file ([] when it is valid)."""
    try:
        scenario = load_scenario(file)
    except FileProblems as problems:
        return problems.lines
    return extra(file, scenario) if extra else []


def validate_paths(paths: list[str], extra: Extra | None = None) -> int:
    """Validate each file (each *.toml file of a folder), printing "FILE: ok" or its problems;
    the number of files (or folders without scenario files) that failed. `extra` checks a
    valid scenario further (the engine's budget, which this layer cannot import)."""
    failed = 0
    for name in paths:
        folder = Path(name)
        files = sorted(folder.glob("*.toml")) if folder.is_dir() else [folder]
        if not files:
            failed += 1
            print(f"{plain(folder)}: no scenario files (*.toml) in this folder", file=sys.stderr)
        for file in files:
            lines = _check(file, extra)
            failed += bool(lines)
            for line in lines:
                print(plain(line), file=sys.stderr)
            if not lines:
                print(f"{plain(file)}: ok")
    return failed
