"""`crisis-drill validate`: every problem of every file named, one plain line each."""

import sys
from pathlib import Path

from simulator.plain import plain
from simulator.scenario.loader import FileProblems, load_scenario


def _check(file: Path) -> list[str]:
    """The problems of one file ([] when it is valid)."""
    try:
        load_scenario(file)
    except FileProblems as problems:
        return problems.lines
    return []


def validate_paths(paths: list[str]) -> int:
    """Validate each file (each *.toml file of a folder), printing "FILE: ok" or its problems;
    the number of files (or folders without scenario files) that failed."""
    failed = 0
    for name in paths:
        folder = Path(name)
        files = sorted(folder.glob("*.toml")) if folder.is_dir() else [folder]
        if not files:
            failed += 1
            print(f"{plain(folder)}: no scenario files (*.toml) in this folder", file=sys.stderr)
        for file in files:
            lines = _check(file)
            failed += bool(lines)
            for line in lines:
                print(plain(line), file=sys.stderr)
            if not lines:
                print(f"{plain(file)}: ok")
    return failed
