"""The library's JSON cache: same scenarios as the files, rebuilt when a file, the engine version
or the scenario code changes, and a warm start that imports neither pydantic nor NumPy."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import simulator.library as library_module
from simulator.library import CACHE_FILE, Card, cache_dir, load_library
from simulator.problems import FileProblems
from simulator.scenario import load_scenario
from simulator.store import scenario_hash
from tests.conftest import ROOT, SHIPPED


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    """Copies of the shipped scenarios, free to edit."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    return [Path(shutil.copy(p, folder)) for p in SHIPPED.values()]


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files validated afresh (not taken from the cache), in order."""
    seen: list[Path] = []
    original = library_module._entry

    def counted(file: Path, sha: str) -> dict:
        seen.append(file)
        return original(file, sha)

    monkeypatch.setattr(library_module, "_entry", counted)
    return seen


def test_cached_scenarios_are_the_files_scenarios(files: list[Path], builds: list[Path]) -> None:
    load_library(files)
    warm = load_library(files)
    assert len(builds) == len(files)  # the second load read the cache only
    for file in files:
        scenario = load_scenario(file)
        assert warm[scenario.id] == scenario
        assert warm.cards[scenario.id] == Card.of(scenario)
        assert warm.cards[scenario.id].hash == scenario_hash(warm[scenario.id])
    assert list(warm) == [load_scenario(f).id for f in files]


def test_an_edited_file_is_validated_again(files: list[Path], builds: list[Path]) -> None:
    load_library(files)
    text = files[0].read_text(encoding="utf-8")
    files[0].write_text(text.replace('title = "', 'title = "Edited: ', 1), encoding="utf-8")
    library = load_library(files)
    assert builds[len(files) :] == [files[0].resolve()]
    first = load_scenario(files[0])
    assert library.cards[first.id].title.startswith("Edited: ")
    assert library[first.id] == first


def test_another_engine_version_rebuilds_everything(
    files: list[Path], builds: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_library(files)
    monkeypatch.setattr(library_module, "ENGINE_VERSION", "999.0")
    load_library(files)
    assert len(builds) == 2 * len(files)


@pytest.mark.parametrize("content", ["{not json", '{"key": 1}', '{"key": "x", "files": []}'])
def test_a_broken_cache_is_rebuilt(files: list[Path], builds: list[Path], content: str) -> None:
    cache = cache_dir() / CACHE_FILE
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(content, encoding="utf-8")
    library = load_library(files)
    assert len(builds) == len(files) and len(library) == len(files)
    assert json.loads(cache.read_text(encoding="utf-8"))["key"] == library_module.fingerprint()


def test_an_invalid_file_raises_its_problems_and_is_not_cached(files: list[Path]) -> None:
    files[0].write_text('id = "x"\n', encoding="utf-8")
    with pytest.raises(FileProblems):
        load_library(files)
    assert not (cache_dir() / CACHE_FILE).exists()


def test_the_cache_lives_where_the_environment_says(tmp_path: Path) -> None:
    assert cache_dir().is_relative_to(tmp_path)  # conftest: never the real user folders


def test_a_warm_start_imports_neither_pydantic_nor_numpy(tmp_path: Path) -> None:
    """The home path (library, app, home screen) loads no model, engine or text code."""
    script = (
        "import sys\n"
        "from simulator.cli import library\n"
        "import simulator.tui.app\n"
        "library()\n"
        "heavy = sorted(m for m in ('pydantic', 'numpy', 'faker') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    run = [sys.executable, "-c", script]
    subprocess.run(run, cwd=ROOT, check=True, capture_output=True)  # a cold start fills the cache
    warm = subprocess.run(run, cwd=ROOT, check=True, capture_output=True, text=True)
    assert warm.stdout.strip() == ""
