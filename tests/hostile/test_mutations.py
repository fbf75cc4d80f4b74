"""Property suite: the shipped scenarios and policy files, mutated as a hurried or hostile
instructor would (types, ranges, keys, durations, structure, texts). Whatever the mutation,
`validate` and `run --policy` either accept the file (and a scenario then runs) or exit 1 with
file:line:col lines; never a traceback, never an internal error, always quickly."""

import contextlib
import io
import re
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from simulator.cli import main
from simulator.engine import clock
from simulator.engine.runner import play
from simulator.scenario import FileProblems, PolicyStep, Scenario, load_policy, load_scenario
from tests.conftest import SHIPPED

SCENARIOS = {name: path.read_text() for name, path in SHIPPED.items()}
PROFILE = settings(
    max_examples=120,
    deadline=None,  # timed by hand below: a shared CI machine makes per-call deadlines flaky
    derandomize=True,  # the same examples on every run: CI is reproducible
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
VALIDATE_SECONDS = 5.0  # far above the ~0.05 s a scenario takes, far below a hang


def _policy_text(scenario_text: str) -> str:
    """The scenario's expert policy as a policy file: its [[expert]] tables as [[actions]]."""
    tables = scenario_text.split("[[expert]]")[1:]
    steps = [t.split("\n[", 1)[0].strip() for t in tables]
    return "".join(f"[[actions]]\n{step}\n\n" for step in steps)


POLICIES = {name: _policy_text(text) for name, text in SCENARIOS.items()}

# Values as TOML writes them: wrong types, out of every range, special floats, huge integers,
# durations in words, deep nesting, hostile texts.
_literal = st.sampled_from(
    [
        '"40000"', '"yes"', "yes", "true", "false", "0", "-1", "0.0", "-0.5", "nan", "inf",
        "-inf", "1e308", "9" * 30, "7" * 500, '"0s"', '"40 minutes"', '"99999d"', '"1h30"', '""',
        '"{nosuch}"', '"{0}"', '"oops {"', '"{brand:>200000000}"', '"{brand.__class__}"',
        '"\\u001b[2J"', '"' + "x" * 5000 + '"', "[]", "{}", "[" * 20 + "1" + "]" * 20,
        "{ a = 1 }", "1979-05-27", '"victim"', '"monitor"', '"en_US"', "[1, 2, 3]",
    ]
)  # fmt: skip
_number = st.one_of(
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(
        lambda x: "nan" if x != x else ("inf" if x == float("inf") else repr(x))
    ),
)
_duration = st.builds(
    lambda n, unit: f'"{n}{unit}"',
    st.integers(min_value=0, max_value=10**7),
    st.sampled_from(["s", "m", "h", "d", " minutes", ""]),
)
_text = st.text(alphabet=st.characters(codec="utf-8", exclude_characters='"\\\n'), max_size=40).map(
    lambda t: f'"{t}"'
)
_edge = st.sampled_from(
    ["0", "-1", "1", "0.0", "-0.0", "nan", "inf", "-inf", "1e-300", "1e300", "9" * 25, "0.001"]
)
VALUES = st.one_of(_literal, _number, _duration, _text)


def _like(value: str) -> st.SearchStrategy[str]:
    """Values of the same kind as `value`, mostly at the edges of every range."""
    value = value.strip()
    if re.fullmatch(r"-?[\d.e+]+", value):
        return st.one_of(_edge, _number)
    if re.fullmatch(r'"(\d+(\.\d+)?[dhms])+"', value):
        return st.one_of(_duration, st.sampled_from(['"0s"', '"30d"', '"31d"', '"0.0001s"']))
    if value.startswith('"'):
        return st.one_of(_text, _literal)
    return VALUES


KEYS = st.sampled_from(
    ["id", "size", "followers", "tick", "duration", "pace", "at", "action", "cluster",
     "mean_delay", "base_infectiousness", "critics", "locale", "multiplier", "half_life",
     "timeout", "default", "choice", "inject", "background_rate", "fatigue_half_life",
     "follower_spread", "platform", "role", "when", "text"]
)  # fmt: skip


def _typo(key: str, i: int, kind: int) -> str:
    """A key misspelt: a letter dropped, doubled or two swapped."""
    i = i % max(len(key), 1)
    if kind == 0:
        return key[:i] + key[i + 1 :] or "x"
    if kind == 1:
        return key[:i] + key[i] + key[i:]
    return key[:i] + key[i + 1 : i + 2] + key[i : i + 1] + key[i + 2 :]


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """`text` with one to three mutations of its lines."""
    lines = text.split("\n")
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        kind = draw(st.sampled_from([0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7]))
        keyed = [i for i, line in enumerate(lines) if " = " in line] or [0]
        n = draw(st.sampled_from(keyed) if kind in (0, 1, 6) else st.integers(0, len(lines) - 1))
        line = lines[n]
        key, eq, _value = line.partition(" = ")
        if kind == 0 and eq:  # a value replaced by one of its kind, at an edge
            lines[n] = f"{key} = {draw(_like(_value))}"
        elif kind == 1 and eq:  # a key misspelt
            typo = _typo(key, draw(st.integers(0, 40)), draw(st.integers(0, 2)))
            lines[n] = f"{typo} = {_value}"
        elif kind == 2:  # a line gone
            del lines[n]
        elif kind == 3:  # a line twice
            lines.insert(n, line)
        elif kind == 4:  # a known key added, with any value
            lines.insert(n + 1, f"{draw(KEYS)} = {draw(VALUES)}")
        elif kind == 5 and line.startswith("["):  # a table made an array of tables, or back
            lines[n] = line[1:-1] if line.startswith("[[") else f"[{line}]"
        elif kind == 6 and '"' in line:  # a text with a hostile piece inserted
            piece = draw(st.sampled_from(["{nosuch}", "{0}", "oops {", "{brand:>99}", "}"]))
            lines[n] = line.replace('"', f'"{piece}', 1)
        elif kind == 7:  # a bare value: a TOML error
            lines.insert(n, draw(VALUES))
    return "\n".join(lines)


def _cli(args: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(args)
    return code, err.getvalue()


def _assert_clean(code: int, err: str, path: Path) -> None:
    """Exit 0, or exit 1 with one file:line:col (or file:) line per problem."""
    assert "Traceback" not in err and "internal error" not in err, err
    assert code in (0, 1), (code, err)
    lines = err.strip().splitlines()
    if code == 1:
        assert lines and all(line.startswith(f"{path}:") for line in lines), err
    else:
        assert not lines, err


@PROFILE
@given(data=st.data(), name=st.sampled_from(sorted(SCENARIOS)))
def test_a_mutated_scenario_validates_cleanly_and_runs_if_accepted(
    data: st.DataObject, name: str
) -> None:
    text = data.draw(mutated(SCENARIOS[name]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        code, err = _cli(["validate", str(path)])
        assert time.perf_counter() - start < VALIDATE_SECONDS
        _assert_clean(code, err, path)
        event("accepted" if code == 0 else "refused")
        if code == 0:  # accepted: it survives the JSON round trip scoring makes, and it runs
            scenario = load_scenario(path)
            assert Scenario.model_validate_json(scenario.model_dump_json()) == scenario
            _short_rollout(scenario, list(scenario.expert))


def _short_rollout(scenario: Scenario, steps: list[PolicyStep]) -> None:
    """Two simulated hours from detection (or to the end): the file runs."""
    end = min(scenario.clock.duration, scenario.crisis.detected_at + 7200)
    assert play(scenario, 1, steps, until=end).now == clock.up(end, scenario.clock.tick)


@PROFILE
@given(data=st.data(), name=st.sampled_from(sorted(POLICIES)))
def test_a_mutated_policy_file_is_read_or_refused_cleanly(data: st.DataObject, name: str) -> None:
    scenario = load_scenario(SHIPPED[name])
    text = data.draw(mutated(POLICIES[name]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "policy.toml"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        try:
            steps = load_policy(path, scenario)
        except FileProblems as problems:
            assert problems.lines and all(line.startswith(f"{path}:") for line in problems.lines)
            event("refused")
        else:
            event("accepted")
            _short_rollout(scenario, steps)
        assert time.perf_counter() - start < VALIDATE_SECONDS


def test_the_policy_files_are_the_expert_policies() -> None:
    """Unmutated, each policy file is its scenario's expert policy."""
    for name, text in POLICIES.items():
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "policy.toml"
            path.write_text(text)
            scenario = load_scenario(SHIPPED[name])
            assert load_policy(path, scenario) == list(scenario.expert)
