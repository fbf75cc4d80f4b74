"""`crisis-drill run`, `validate` and `schema` as a user meets them."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main
from tests.conftest import ROOT


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def test_run_json_has_the_promised_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "sale-outage", "--policy", "expert", "--seed", "4", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["scenario"] == "sale-outage" and out["seed"] == 4 and out["policy"] == "expert"
    assert {"scenario_version", "engine_version", "trajectory_digest"} <= out.keys()
    assert {
        "final_negative_mentions",
        "negative_impressions",
        "followers_involved",
        "peak_r",
        "final_r",
    } <= out["metrics"].keys()
    times = [row["t"] for row in out["timeline"]]
    assert times[:3] == [0.0, 300.0, 600.0] and times[-1] == 10 * 3600
    assert {"t", "negative_mentions", "r", "forecast"} == out["timeline"][5].keys()
    actions = [a["action"] for a in out["actions"]]
    assert actions[:3] == ["gather_facts", "analyse_scope", "holding_statement"]
    assert out["actions"][0]["t"] == 15 * 60


def test_run_summary_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "rude-reply", "--policy", "ignore"]) == 0
    out = capsys.readouterr().out
    assert "negative mentions" in out and "No action taken" in out
    assert 'No action (answering "A journalist asks for comment")' in out
    assert "[default]" in out and "journalist-call" not in out


def test_a_policy_file_in_toml_and_json_gives_one_result(tmp_path: Path, capsys) -> None:
    toml = tmp_path / "p.toml"
    toml.write_text(
        '[[actions]]\nat = "20m"\naction = "gather_facts"\n'
        '[[actions]]\nat = "1h"\naction = "deny_with_evidence"\n'
        '[[actions]]\nat = "3h"\ninject = "regulator"\nchoice = "lab-results"\n'
    )
    js = tmp_path / "p.json"
    js.write_text(
        json.dumps(
            [
                {"at": "20m", "action": "gather_facts"},
                {"at": "1h", "action": "deny_with_evidence"},
                {"at": "3h", "inject": "regulator", "choice": "lab-results"},
            ]
        )
    )
    digests = []
    for policy in (toml, js):
        assert main(["run", "false-rumour", "--policy", str(policy), "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        digests.append(out["trajectory_digest"])
        answered = [a for a in out["actions"] if a["inject"] == "regulator"]
        assert answered[0]["choice"] == "lab-results" and answered[0]["by"] == "trainee"
    assert digests[0] == digests[1]


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        ('[[actions]]\nat = "1h"\naction = "teleport"\n', "3:1: actions[0].action: unknown action"),
        ('[[actions]]\nat = "30h"\naction = "monitor"\n', "2:1: actions[0].at: time is past"),
        ('[[actions]]\nat = "ninety"\naction = "monitor"\n', "2:1: actions[0].at: bad duration"),
        ('[[actions]\nat = "1h"\n', "1:10: toml: Expected"),
    ],
)
def test_a_bad_policy_is_one_clear_line(tmp_path: Path, policy: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(policy)
    result = cli("run", "rude-reply", "--policy", str(path))
    assert result.returncode == 1
    assert result.stderr.strip() == result.stderr.strip().splitlines()[0]
    assert result.stderr.startswith(f"{path}:{message}"), result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_scenario_is_a_usage_error() -> None:
    result = cli("run", "no-such-scenario", "--policy", "expert")
    assert result.returncode == 2
    assert "no scenario file or shipped scenario" in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_is_json_schema_of_the_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Scenario"
    assert {"brand", "crisis", "cascade", "injects", "expert"} <= schema["properties"].keys()
