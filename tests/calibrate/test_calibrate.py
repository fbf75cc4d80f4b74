"""`crisis-drill calibrate`: the verdicts pass on every shipped scenario and on every scaffold,
fail where the scoring cannot tell good play from bad, and do not depend on where they ran."""

import importlib.util
import json
import os
import re
from pathlib import Path

import pytest

from simulator.authoring.new import locales, scaffold
from simulator.calibrate import calibrate, calibration_text
from simulator.calibrate.rollouts import POLICIES
from simulator.catalogue import CLUSTERS
from simulator.cli import main
from simulator.scenario import load_scenario
from tests.conftest import SHIPPED

RUNS = 3  # seeds per policy: each verdict must hold on every one of them (SHARE is 90%)


def calibrated(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["calibrate", *args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def failed(result: dict) -> list[str]:
    return [f"{v['id']}: {v['detail']}" for v in result["verdicts"] if not v["passed"]]


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.xdist_group(n)) for n in SHIPPED]
)
def test_every_shipped_scenario_passes_its_verdicts(name: str) -> None:
    result = calibrate(load_scenario(SHIPPED[name]), RUNS).to_json()
    assert result["passed"], failed(result)
    assert [v["id"] for v in result["verdicts"]] == [
        "winnable",
        "discriminative",
        "not trivial",
        "not hopeless",
        "fair",
    ]


@pytest.mark.parametrize("locale", locales())
@pytest.mark.parametrize("cluster", CLUSTERS)
def test_a_new_scenario_validates_and_calibrates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cluster: str, locale: str
) -> None:
    path = tmp_path / "fresh.toml"
    assert main(["new", "fresh", "--cluster", cluster, "--locale", locale, "-o", str(path)]) == 0
    assert main(["validate", str(path)]) == 0
    capsys.readouterr()
    code, result = calibrated(capsys, str(path), "--runs", str(RUNS), "--workers", "1")
    assert code == 0 and result["passed"], failed(result)
    assert result["runs"] == RUNS and set(result["policies"]) == set(POLICIES)


def mistaken_expert(tmp_path: Path) -> Path:
    """A scaffold whose expert reference is the mistakes policy."""
    text = scaffold("bad-reference", "preventable", "en_US", "test")
    text = re.sub(r"\[\[expert\]\]\n(?:(?:at|action|inject|choice) = .*\n)+", "", text)
    text += "".join(
        f'\n[[expert]]\nat = "{at}"\naction = "{action}"\n'
        for at, action in (
            ("15m", "delete_comments"),
            ("45m", "argue"),
            ("1h15m", "blame_customer"),
        )
    )
    path = tmp_path / "bad-reference.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_reference_that_is_the_mistakes_fails_discriminative_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = mistaken_expert(tmp_path)
    assert [s.action for s in load_scenario(path).expert] == [
        "delete_comments",
        "argue",
        "blame_customer",
    ]
    code, result = calibrated(capsys, str(path), "--runs", str(RUNS), "--workers", "1")
    verdicts = {v["id"]: v["passed"] for v in result["verdicts"]}
    assert code == 1 and not result["passed"]
    assert verdicts["discriminative"] is False and verdicts["winnable"] is False


def test_the_same_seeds_give_the_same_figures_on_one_or_two_workers(tmp_path: Path) -> None:
    path = tmp_path / "fresh.toml"
    path.write_text(scaffold("fresh", "accidental", "en_US", "test"), encoding="utf-8")
    scenario = load_scenario(path)
    alone = calibrate(scenario, RUNS, workers=1)
    pooled = calibrate(scenario, RUNS, workers=2)
    assert alone.to_json() == pooled.to_json()
    assert calibration_text(alone) == calibration_text(pooled)
    spreads = [f.total for f in alone.figures if f.policy == "random"]
    assert spreads[0].sd > 0, "the random policy draws a different play per seed"


def test_the_table_reads_in_80_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "fresh.toml"
    path.write_text(scaffold("fresh", "victim", "en_US", "test"), encoding="utf-8")
    assert main(["calibrate", str(path), "--runs", "2", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    for policy in POLICIES:
        assert any(line.startswith(policy) for line in lines), policy
    assert out.count("✓ pass") == 5 and "calibrated: every verdict passes" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--runs", "0"], "a run count goes from 1 to"),
        (["--workers", "zero"], "a worker count is a whole number"),
        (["--cluster", "http://x:1"], "--cluster is a Dask scheduler address like tcp://HOST:PORT"),
        (["--cluster", "tcp://x:1", "--workers", "2"], "a --cluster has its own"),
    ],
)
def test_calibrate_refuses_bad_arguments_in_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["calibrate", "rude-reply", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err


def test_a_dask_cluster_gives_the_same_table_as_local_workers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if importlib.util.find_spec("distributed") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("dask[distributed] is missing: install the test extra")
        pytest.skip("dask[distributed] is not installed (the cluster extra)")
    from dask.distributed import LocalCluster

    path = tmp_path / "fresh.toml"
    path.write_text(scaffold("fresh", "preventable", "es_ES", "test"), encoding="utf-8")
    local = main(["calibrate", str(path), "--runs", "3", "--workers", "1"])
    table = capsys.readouterr().out
    with LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        host="127.0.0.1",
        protocol="tcp",
        dashboard_address=None,
    ) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        remote = main(
            ["calibrate", str(path), "--runs", "3", "--cluster", cluster.scheduler_address]
        )
    assert remote == local == 0
    assert capsys.readouterr().out == table
