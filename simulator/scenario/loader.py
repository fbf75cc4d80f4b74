"""Read scenario and policy files into models; every problem becomes one file:line:col line."""

import json
import re
import tomllib
from pathlib import Path as FilePath
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from simulator.problems import FileProblems
from simulator.scenario.checks import check, check_policy
from simulator.scenario.locate import Path, Position, locate, positions
from simulator.scenario.model import PolicyStep, Scenario


def _field(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


_MESSAGES = [
    (re.compile(r"^Extra inputs are not permitted$"), "unknown key"),
    (re.compile(r"^Field required$"), "missing"),
    (re.compile(r"^(Value|Assertion) error, "), ""),
]


def _message(text: str) -> str:
    for pattern, replacement in _MESSAGES:
        text = pattern.sub(replacement, text)
    return text


def _line(file: str, where: dict[Path, Position], path: Path, message: str) -> str:
    line, col = locate(where, path)
    return f"{file}:{line}:{col}: {_field(path)}: {message}"


def _read(file: FilePath) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise FileProblems([f"{file}:1:1: (file): cannot read: {reason}"]) from None


def _parse_toml(file: FilePath, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        m = re.search(r"^(.*) \(at line (\d+), column (\d+)\)$", str(err))
        if m:
            raise FileProblems([f"{file}:{m[2]}:{m[3]}: toml: {m[1]}"]) from None
        raise FileProblems([f"{file}:1:1: toml: {err}"]) from None


def _validate(
    adapter: TypeAdapter[Any], data: Any, file: FilePath, where: dict[Path, Position]
) -> Any:
    try:
        return adapter.validate_python(data)
    except ValidationError as err:
        lines = [_line(str(file), where, tuple(e["loc"]), _message(e["msg"])) for e in err.errors()]
        raise FileProblems(sorted(set(lines), key=_sort_key)) from None


def _sort_key(line: str) -> tuple[int, int, str]:
    m = re.match(r"^.*?:(\d+):(\d+): ", line)
    return (int(m[1]), int(m[2]), line) if m else (0, 0, line)


_SCENARIO = TypeAdapter(Scenario)
_POLICY = TypeAdapter(list[PolicyStep])


def load_scenario(file: str | FilePath) -> Scenario:
    """The scenario in `file`, or FileProblems listing every problem."""
    file = FilePath(file)
    text = _read(file)
    data = _parse_toml(file, text)
    where = positions(text)
    scenario: Scenario = _validate(_SCENARIO, data, file, where)
    problems = check(scenario)
    if problems:
        lines = [_line(str(file), where, path, message) for path, message in problems]
        raise FileProblems(sorted(lines, key=_sort_key))
    return scenario


def scenario_from_dict(data: dict[str, Any]) -> Scenario:
    """A scenario built in code (benchmarks, tests); problems raise FileProblems."""
    scenario: Scenario = _validate(_SCENARIO, data, FilePath("<dict>"), {})
    problems = check(scenario)
    if problems:
        raise FileProblems([f"<dict>: {_field(p)}: {m}" for p, m in problems])
    return scenario


def load_policy(file: str | FilePath, scenario: Scenario) -> list[PolicyStep]:
    """A policy file: TOML with [[actions]] tables, or JSON (a list, or {"actions": [...]})."""
    file = FilePath(file)
    text = _read(file)
    if file.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise FileProblems([f"{file}:{err.lineno}:{err.colno}: json: {err.msg}"]) from None
        where: dict[Path, Position] = {}
        steps_data = data.get("actions") if isinstance(data, dict) else data
    else:
        data = _parse_toml(file, text)
        where = {p[1:]: pos for p, pos in positions(text).items() if p[:1] == ("actions",)}
        steps_data = data.get("actions")
    if not isinstance(steps_data, list):
        raise FileProblems([f"{file}:1:1: actions: a policy is a list of steps under 'actions'"])
    steps: list[PolicyStep] = _validate(_POLICY, steps_data, file, where)
    problems = list(check_policy(scenario, steps))
    if problems:
        lines = [_line(str(file), where, path, message) for path, message in problems]
        raise FileProblems(sorted(lines, key=_sort_key))
    return steps


def model_schema(model: type[BaseModel] = Scenario) -> dict[str, Any]:
    """The JSON Schema of scenario files, for editor completion."""
    return model.model_json_schema(mode="validation")
