"""The scenario library, fast to open: a plain-JSON cache of validated scenarios.

The home screen needs only a card per scenario (title, cluster, brand, objectives, hash);
building it from the TOML files means importing pydantic and validating every file, most of the
cold start. The cache keeps, per file, its SHA-256, its card and the validated scenario's JSON;
an entry is reused while the file's bytes, `ENGINE_VERSION` and the scenario code are unchanged.
A scenario is rebuilt from the cache (pydantic imported) only when someone asks for it, which is
when a drill starts. Nothing here imports pydantic at import time.
"""

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.engine.version import ENGINE_VERSION

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

CACHE_ENV = "CRISIS_DRILL_CACHE"  # a folder for the cache (tests point it at a tmp dir)
CACHE_FILE = "library.json"
PACKAGE = Path(__file__).resolve().parent
# What a cached scenario depends on besides its file: the model, its checks and the numbers.
CODE = sorted((PACKAGE / "scenario").glob("*.py")) + [PACKAGE / "catalogue.py", Path(__file__)]


@dataclass(frozen=True)
class Card:
    """What the library shows of a scenario before it is played."""

    id: str
    title: str
    version: str
    brand: str
    handle: str
    cluster: str
    difficulty: str
    duration: float  # simulated seconds
    locale: str  # the language of its texts
    objectives: tuple[str, ...]
    hash: str  # the drill codes' scenario hash

    @classmethod
    def of(cls, scenario: "Scenario") -> "Card":
        from simulator.store.codes import scenario_hash

        return cls(
            id=scenario.id,
            title=scenario.title,
            version=scenario.version,
            brand=scenario.brand.name,
            handle=scenario.brand.handle,
            cluster=scenario.crisis.cluster,
            difficulty=scenario.difficulty,
            duration=scenario.clock.duration,
            locale=scenario.locale,
            objectives=tuple(o.text for o in scenario.objectives),
            hash=scenario_hash(scenario),
        )


class Library(Mapping[str, "Scenario"]):
    """Scenarios by id, in order; `cards` without pydantic, a scenario itself on first use."""

    def __init__(self, cards: Sequence[Card], dumps: Mapping[str, Any]) -> None:
        self.cards = {c.id: c for c in cards}
        self._dumps = dict(dumps)  # id -> the validated scenario's JSON (or the model itself)
        self._loaded: dict[str, Scenario] = {}

    @classmethod
    def of(cls, scenarios: Iterable["Scenario"]) -> "Library":
        """A library of scenarios already in memory (tests, a file given on the command line)."""
        scenarios = list(scenarios)
        library = cls([Card.of(s) for s in scenarios], {})
        library._loaded = {s.id: s for s in scenarios}
        return library

    def __getitem__(self, scenario_id: str) -> "Scenario":
        if scenario_id not in self.cards:
            raise KeyError(scenario_id)
        if scenario_id not in self._loaded:
            from simulator.scenario.model import Scenario

            self._loaded[scenario_id] = Scenario.model_validate(self._dumps[scenario_id])
        return self._loaded[scenario_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.cards)

    def __len__(self) -> int:
        return len(self.cards)


def cache_dir() -> Path:
    """`CRISIS_DRILL_CACHE`, else the user's cache folder."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    from platformdirs import user_cache_path

    return user_cache_path("crisis-drill")


def fingerprint() -> str:
    """The engine version and the scenario code: a cache made under others is stale."""
    digest = hashlib.sha256(ENGINE_VERSION.encode())
    for file in CODE:
        digest.update(file.read_bytes())
    return digest.hexdigest()


def load_library(files: Iterable[Path], cache: Path | None = None) -> Library:
    """The scenarios in `files`, from the cache where it is current; a file that is not valid
    raises FileProblems as `load_scenario` does. The cache is rewritten when anything changed."""
    cache_file = (cache or cache_dir()) / CACHE_FILE
    key = fingerprint()
    old = _read_cache(cache_file, key)
    entries: dict[str, dict[str, Any]] = {}
    for file in files:
        path = str(Path(file).resolve())
        sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        entries[path] = _current(old.get(path), sha) or _entry(Path(path), sha)
    if entries != old:
        _write_cache(cache_file, {"key": key, "files": entries})
    cards = [
        Card(**{**e["card"], "objectives": tuple(e["card"]["objectives"])})
        for e in entries.values()
    ]
    return Library(cards, {e["card"]["id"]: e["scenario"] for e in entries.values()})


def _current(entry: Any, sha: str) -> dict[str, Any] | None:
    """A cached entry, if it is one of the file as it is now."""
    if (
        isinstance(entry, dict)
        and entry.get("sha256") == sha
        and {"card", "scenario"} <= entry.keys()
    ):
        return entry
    return None


def _entry(file: Path, sha: str) -> dict[str, Any]:
    from simulator.scenario import load_scenario

    scenario = load_scenario(file)
    return {
        "sha256": sha,
        "card": asdict(Card.of(scenario)),
        "scenario": scenario.model_dump(mode="json", exclude_unset=True),  # as written
    }


def _read_cache(file: Path, key: str) -> dict[str, Any]:
    """The cached entries by file, or none when the cache is missing, unreadable or stale."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        files = data["files"] if data["key"] == key else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return files if isinstance(files, dict) else {}


def _write_cache(file: Path, data: dict[str, Any]) -> None:
    """Write atomically (other processes may read it); a cache that cannot be written is skipped."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temp = file.with_name(f"{file.name}.{os.getpid()}.tmp")
        temp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temp, file)
    except OSError:
        pass
