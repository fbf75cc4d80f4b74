"""The engine's budget: the expected posts of a scenario, `validate` refusing one over it with
the field to lower, and a run that passes it stopping with one clear line."""

import re
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from simulator.cli import main
from simulator.engine import budget, cascade
from simulator.engine.budget import PostsBudgetExceeded, expected_posts
from simulator.engine.reference import plain_hawkes
from simulator.engine.runner import play
from tests.conftest import SHIPPED, shipped


@pytest.mark.parametrize("n_star", [0.3, 0.5, 0.9])
def test_estimate_matches_branching_theory(n_star: float) -> None:
    """A plain Hawkes process makes mu T / (1 - n*) posts on average."""
    horizon = 20_000.0
    estimate = expected_posts(plain_hawkes(1.0, 5.0, n_star, horizon))
    assert estimate.posts == pytest.approx(horizon / (1 - n_star), rel=0.02)


@pytest.mark.parametrize(
    "mean_delay", [5.0, 1.0]
)  # growth across bins, and inside one (1 s: the shortest delay a scenario may have)
def test_estimate_sees_unbounded_growth(mean_delay: float) -> None:
    estimate = expected_posts(plain_hawkes(1.0, mean_delay, 1.5, 20_000.0))
    assert estimate.posts >= 100 * budget.POSTS_BUDGET
    assert estimate.field == ("cascade", "base_infectiousness")


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_estimate_is_the_order_of_a_drill_left_alone(name: str) -> None:
    """Never below a quarter of the mean posts of `ignore` on three seeds (the budget is not
    fooled), at most 40 times above (the estimate errs high where fatigue and the audience cap
    bite: save-wipe 37x, fake-giveaway 10x), and far below the budget: the library validates."""
    scenario = shipped(name)
    actual = np.mean([play(scenario, seed, []).trajectory().post_count for seed in (1, 2, 3)])
    estimate = expected_posts(scenario).posts
    assert actual / 4 < estimate < 40 * actual
    assert estimate < budget.EXPECTED_BUDGET


def _variant(tmp_path: Path, name: str, **edits: str) -> Path:
    """A shipped scenario file with `key = value` lines of [cascade] replaced."""
    text = SHIPPED["sale-outage"].read_text(encoding="utf-8")
    for key, value in edits.items():
        text, n = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", text)
        if n == 0:
            text = text.replace("[cascade]\n", f"[cascade]\n{key} = {value}\n", 1)
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edits", "field"),
    [
        ({"background_rate": "100000.0"}, "cascade.background_rate"),  # the most validation allows
        ({"base_infectiousness": "3.0", "audience_cap": "false"}, "cascade.base_infectiousness"),
    ],
)
def test_validate_refuses_a_scenario_over_budget_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edits: dict[str, str], field: str
) -> None:
    path = _variant(tmp_path, "heavy", **edits)
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    line = err[0]
    key = field.split(".")[-1]
    number = next(
        n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith(key)
    )
    assert line.startswith(f"{path}:{number}:1: {field}: ")
    assert f"lower {field}" in line


def test_validate_accepts_the_shipped_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", *map(str, SHIPPED.values())]) == 0
    assert capsys.readouterr().out.count(": ok") == len(SHIPPED)


def test_a_run_past_the_budget_stops_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A drill that passes the posts budget (here a small one) stops: one line, exit 1."""
    monkeypatch.setattr(cascade, "POSTS_BUDGET", 2_000)
    path = _variant(tmp_path, "hot", base_infectiousness="2.5")
    assert main(["run", str(path), "--policy", "ignore", "--seed", "1"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "budget (2,000 posts)" in err[0], err
    assert "lower cascade.base_infectiousness" in err[0]


def test_an_explosive_run_stops_before_taking_the_memory() -> None:
    """Uncapped and three times supercritical: the run stops at the potential posts' budget,
    with its memory well under 500 MB (traced NumPy and Python allocations)."""
    scenario = shipped("sale-outage")
    c = scenario.cascade.model_copy(update={"base_infectiousness": 3.0, "audience_cap": False})
    scenario = scenario.model_copy(update={"cascade": c})
    tracemalloc.start()
    try:
        with pytest.raises(PostsBudgetExceeded, match="potential posts"):
            play(scenario, 1, [])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 400 * 2**20
