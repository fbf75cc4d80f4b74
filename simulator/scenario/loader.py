"""Read scenario and policy files into models; every problem becomes one file:line:col line.

Nothing a file holds can cost unbounded time or memory: before reading, a file must be a
regular file (a pipe or a device is never opened: it could block forever, or never end) and
not too big; before validating, its shape must be bounded (nesting, list lengths, values).
Validation reports every problem in one pass: when the model refuses a top-level section, the
other sections are validated on their own, and every check across sections whose sections all
passed still runs.
"""

import json
import os
import re
import stat
import tomllib
from pathlib import Path as FilePath
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from simulator.problems import FileProblems
from simulator.scenario.checks import check, check_steps, steps_past_end
from simulator.scenario.locate import Path, Position, locate, positions
from simulator.scenario.model import PolicyStep, Scenario, shown
from simulator.scenario.suggest import did_you_mean

MAX_SCENARIO_BYTES = 5_000_000
MAX_POLICY_BYTES = 2_000_000
MAX_POLICY_STEPS = 10_000
MAX_ITEMS = 10_000  # entries of one list or table
MAX_VALUES = 100_000  # values in a whole file
MAX_DEPTH = 16  # tables and lists inside each other
MAX_DOTTED = 32  # parts of one dotted key (the TOML parser's cost grows with their square)
MAX_LINES = 100  # problems listed per file; the rest are counted


def _field(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


def _line(file: str, where: dict[Path, Position], path: Path, message: str) -> str:
    line, col = locate(where, path)
    return f"{file}:{line}:{col}: {_field(path)}: {message}"


def _sort_key(line: str) -> tuple[int, int, str]:
    m = re.match(r"^.*?:(\d+):(\d+): ", line)
    return (int(m[1]), int(m[2]), line) if m else (0, 0, line)


def _report(file: str, lines: list[str]) -> FileProblems:
    """The problems in file order, at most MAX_LINES of them (and a count of the rest)."""
    lines = sorted(set(lines), key=_sort_key)
    if len(lines) > MAX_LINES:
        rest = len(lines) - MAX_LINES
        lines = [*lines[:MAX_LINES], f"{file}: {rest} more problems not listed"]
    return FileProblems(lines)


def _read(file: FilePath, limit: int) -> str:
    """The text of `file`: a regular UTF-8 file of at most `limit` bytes, checked before it is
    opened (a pipe is never opened) and again once open (in case it was swapped meanwhile)."""

    def refuse(reason: str) -> FileProblems:
        return FileProblems([f"{file}: {reason}"])

    try:
        info = file.stat()
        if stat.S_ISDIR(info.st_mode):
            raise refuse("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise refuse("not a regular file (a pipe, a socket or a device): not read")
        if info.st_size > limit:
            raise refuse(f"too big ({info.st_size:,} bytes; at most {limit:,}): not read")
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise refuse("not a regular file (a pipe, a socket or a device): not read")
            raw = stream.read(limit + 1)
    except FileNotFoundError:
        raise refuse("cannot read: no such file") from None
    except OSError as err:
        raise refuse(f"cannot read: {(err.strerror or str(err)).lower()}") from None
    if len(raw) > limit:
        raise refuse(f"too big (over {limit:,} bytes): not read")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - raw.rfind(b"\n", 0, err.start)
        raise FileProblems([f"{file}:{line}:{col}: (file): not UTF-8 text"]) from None


_DOTTED = re.compile(
    rf"(?:(?:[A-Za-z0-9_-]++|\"[^\"\n]*+\"|'[^'\n]*+')[ \t]*+\.[ \t]*+){{{MAX_DOTTED},}}"
)


def _parse_toml(file: FilePath, text: str) -> dict[str, Any]:
    dotted = _DOTTED.search(text)
    if dotted:
        line = text.count("\n", 0, dotted.start()) + 1
        raise FileProblems([f"{file}:{line}:1: toml: a key of over {MAX_DOTTED} dotted parts"])
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        m = re.search(r"^(.*) \(at line (\d+), column (\d+)\)$", str(err))
        if m:
            raise FileProblems([f"{file}:{m[2]}:{m[3]}: toml: {m[1]}"]) from None
        raise FileProblems([f"{file}:1:1: toml: {err}"]) from None
    except RecursionError:
        raise FileProblems([f"{file}:1:1: toml: nested too deeply"]) from None
    except ValueError as err:  # an integer of thousands of digits
        raise FileProblems([f"{file}:1:1: toml: {str(err)[:80]}"]) from None


def _shape(data: Any, root: Path = ()) -> list[tuple[Path, str]]:
    """Problems of size and nesting, found without recursion; [] when `data` is bounded."""
    values = 0
    stack: list[tuple[Path, Any]] = [(root, data)]
    while stack:
        path, value = stack.pop()
        values += 1
        if values > MAX_VALUES:
            return [(root, f"over {MAX_VALUES:,} values: far more than any drill needs")]
        if isinstance(value, dict | list):
            if len(path) - len(root) >= MAX_DEPTH:
                return [(path, f"nested over {MAX_DEPTH} deep")]
            if len(value) > MAX_ITEMS:
                return [(path, f"{len(value):,} entries (at most {MAX_ITEMS:,})")]
            pairs = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend((path + (key,), item) for key, item in pairs)
    return []


def _unwrap(tp: Any) -> Any:
    """A type without its Annotated metadata and without None."""
    while True:
        if get_origin(tp) is Annotated:
            tp = get_args(tp)[0]
        elif get_origin(tp) in (Union, UnionType):
            kinds = [a for a in get_args(tp) if a is not type(None)]
            if len(kinds) != 1:
                return tp
            tp = kinds[0]
        else:
            return tp


def _model_at(root: Any, path: Path) -> type[BaseModel] | None:
    """The model whose table stands at `path` below a value of type `root`, if any."""
    tp = root
    for part in path:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if not isinstance(part, str) or part not in tp.model_fields:
                return None
            tp = tp.model_fields[part].annotation
        elif get_origin(tp) is list and isinstance(part, int):
            tp = get_args(tp)[0]
        elif get_origin(tp) is dict:
            tp = get_args(tp)[1]
        else:
            return None
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _given(value: Any) -> str:
    """What a value is, in the words of a TOML file."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        hint = ""
        if re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", value):
            hint = ": write the number without quotes"
        elif value.strip().lower() in ("true", "false", "yes", "no", "on", "off"):
            hint = ": write true or false, without quotes"
        return f"the text {shown(value)}{hint}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return shown(value)
    return f"a {type(value).__name__}"


_TYPES = {
    "model_type": "should be a table",
    "model_attributes_type": "should be a table",
    "dict_type": "should be a table",
    "list_type": "should be a list",
}


def _message(e: ErrorDetails, root: Any) -> str:
    kind, text, given = e["type"], e["msg"], e.get("input")
    if kind == "extra_forbidden":
        model = _model_at(root, tuple(e["loc"][:-1]))
        known = model.model_fields if model else ()
        return "unknown key" + did_you_mean(str(e["loc"][-1]), known)
    if kind == "missing":
        return "missing"
    if kind in ("value_error", "assertion_error"):
        return re.sub(r"^(Value|Assertion) error, ", "", text)
    if kind == "literal_error" and isinstance(given, str):
        expected = re.findall(r"'([^']*)'", str((e.get("ctx") or {}).get("expected", "")))
        return f"{text}, not {shown(given)}" + did_you_mean(given, expected)
    if kind in _TYPES:
        return f"{_TYPES[kind]}, not {_given(given)}"
    if kind.endswith("_type") or kind in ("finite_number", "int_from_float"):
        return f"{text}, not {_given(given)}"
    return text


def _model_lines(
    errors: list[ErrorDetails], root: Any, file: str, where: dict[Path, Position]
) -> list[str]:
    """One line per error; a missing key next to an unknown one that is its misspelling is said
    once, as the unknown key with its suggestion."""
    lines: dict[Path, str] = {}
    for e in errors:
        loc = tuple(e["loc"])
        lines.setdefault(loc, _message(e, root))
    for loc, message in list(lines.items()):
        m = re.search(r'did you mean "([^"]+)"', message)
        if message.startswith("unknown key") and m and lines.get(loc[:-1] + (m[1],)) == "missing":
            del lines[loc[:-1] + (m[1],)]
    return [_line(file, where, loc, message) for loc, message in lines.items()]


_STRICT = ConfigDict(strict=True, allow_inf_nan=False)


def _adapter(tp: Any) -> TypeAdapter[Any]:
    is_model = isinstance(tp, type) and issubclass(tp, BaseModel)
    return TypeAdapter(tp) if is_model else TypeAdapter(tp, config=_STRICT)


_SCENARIO = TypeAdapter(Scenario)
_SECTIONS = {
    name: _adapter(Annotated.__class_getitem__((f.annotation, *f.metadata)))  # type: ignore[attr-defined]
    if f.metadata
    else _adapter(f.annotation)
    for name, f in Scenario.model_fields.items()
}
_STEP = TypeAdapter(PolicyStep)


class _Policy(BaseModel):
    """The shape of a policy file, for naming its keys."""

    actions: list[PolicyStep]


def _scenario(data: dict[str, Any], file: str, where: dict[Path, Position]) -> Scenario:
    """The scenario in `data`, or FileProblems with every problem of the model and the checks."""
    shape = _shape(data)
    if shape:
        raise _report(file, [_line(file, where, path, message) for path, message in shape])
    try:
        scenario: Scenario = _SCENARIO.validate_python(data)
        ok = set(Scenario.model_fields)
        lines = []
    except ValidationError as err:
        errors = err.errors()
        lines = _model_lines(errors, Scenario, file, where)
        bad = {e["loc"][0] for e in errors if e["loc"]}
        if any(not e["loc"] for e in errors):
            bad = set(Scenario.model_fields)
        good = {}
        for name in Scenario.model_fields.keys() - bad:
            if name in data:
                try:
                    good[name] = _SECTIONS[name].validate_python(data[name])
                except ValidationError:  # valid in the whole, so never expected; still safe
                    bad.add(name)
        ok = set(Scenario.model_fields) - bad
        scenario = Scenario.model_construct(**good)
    lines += [_line(file, where, path, message) for path, message in check(scenario, ok)]
    if lines:
        raise _report(file, lines)
    return scenario


def load_scenario(file: str | FilePath) -> Scenario:
    """The scenario in `file`, or FileProblems listing every problem."""
    file = FilePath(file)
    text = _read(file, MAX_SCENARIO_BYTES)
    data = _parse_toml(file, text)
    return _scenario(data, str(file), positions(text))


def scenario_from_dict(data: dict[str, Any]) -> Scenario:
    """A scenario built in code (benchmarks, tests); problems raise FileProblems."""
    return _scenario(data, "<dict>", {})


def _policy_data(file: FilePath, text: str) -> tuple[Any, dict[Path, Position]]:
    """The list of steps in a policy file's text, and where each stands (its paths start with
    "actions", as in a TOML file)."""
    if file.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise FileProblems([f"{file}:{err.lineno}:{err.colno}: json: {err.msg}"]) from None
        except RecursionError:
            raise FileProblems([f"{file}:1:1: json: nested too deeply"]) from None
        except ValueError as err:  # an integer of thousands of digits
            raise FileProblems([f"{file}:1:1: json: {str(err)[:80]}"]) from None
        return (data.get("actions") if isinstance(data, dict) else data), _json_steps(text)
    return _parse_toml(file, text).get("actions"), positions(text)


def _json_steps(text: str) -> dict[Path, Position]:
    """Where each step of a JSON policy (already parsed) starts: its list is the document, or
    the value of its "actions" key."""
    start = re.match(r"\s*\[", text) or re.search(r'"actions"\s*:\s*\[', text)
    if not start:
        return {}
    where: dict[Path, Position] = {}
    decoder = json.JSONDecoder()
    i = start.end()
    for n in range(MAX_POLICY_STEPS + 1):
        i = len(text) - len(text[i:].lstrip(" \t\r\n,"))
        if i >= len(text) or text[i] == "]":
            break
        line = text.count("\n", 0, i) + 1
        where[("actions", n)] = (line, i - text.rfind("\n", 0, i))
        try:
            _, i = decoder.raw_decode(text, i)
        except ValueError:  # "actions": [ inside a string: no positions, only 1:1
            return {}
    return where


def load_policy(file: str | FilePath, scenario: Scenario) -> list[PolicyStep]:
    """A policy file: TOML with [[actions]] tables, or JSON (a list, or {"actions": [...]})."""
    file = FilePath(file)
    text = _read(file, MAX_POLICY_BYTES)
    steps_data, where = _policy_data(file, text)
    if not isinstance(steps_data, list):
        raise FileProblems([f"{file}:1:1: actions: a policy is a list of steps under 'actions'"])
    if len(steps_data) > MAX_POLICY_STEPS:
        raise FileProblems(
            [f"{file}:1:1: actions: {len(steps_data):,} steps (at most {MAX_POLICY_STEPS:,})"]
        )
    shape = _shape(steps_data, ("actions",))
    if shape:
        raise _report(
            str(file), [_line(str(file), where, path, message) for path, message in shape]
        )
    steps: dict[int, PolicyStep] = {}
    lines = []
    for n, item in enumerate(steps_data):
        try:
            steps[n] = _STEP.validate_python(item)
        except ValidationError as err:
            errors = [{**e, "loc": ("actions", n, *e["loc"])} for e in err.errors()]
            lines += _model_lines(errors, _Policy, str(file), where)  # type: ignore[arg-type]
    problems = [
        *check_steps(scenario, steps.items(), ("actions",)),
        *steps_past_end(steps.items(), scenario.clock.duration, ("actions",)),
    ]
    lines += [_line(str(file), where, path, message) for path, message in problems]
    if lines:
        raise _report(str(file), lines)
    return list(steps.values())


SCHEMA_ID = "https://crisis-drill.example/schema/scenario.json"


def model_schema() -> dict[str, Any]:
    """The JSON Schema of scenario files, for editor completion (taplo, Even Better TOML)."""
    schema = Scenario.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
