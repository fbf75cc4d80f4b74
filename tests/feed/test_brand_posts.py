"""The brand in the thread: each public action is the brand's own post, in its own voice."""

import json
from pathlib import Path

import pytest

from simulator.catalogue import CATALOGUE
from simulator.cli import main
from simulator.engine.runner import play
from simulator.engine.voices import post_records
from simulator.scenario import PolicyStep
from tests.conftest import SHIPPED, shipped

POLICY = [
    {"at": "15m", "action": "gather_facts"},
    {"at": "40m", "action": "holding_statement"},
    {"at": "1h", "action": "argue"},
    {"at": "2h", "action": "public_apology"},
    {"at": "3h", "action": "acknowledge_correct"},
]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_public_action_is_the_brands_own_post_at_its_time(seed: int) -> None:
    scenario = shipped("rude-reply")
    policy = [PolicyStep.model_validate(step) for step in POLICY]
    trajectory = play(scenario, seed, policy).trajectory()
    public = [a for a in trajectory.applied if a.action in CATALOGUE and CATALOGUE[a.action].public]
    mine = [p for p in post_records(trajectory) if p["by_brand"]]
    assert [p["t"] for p in mine] == [a.t for a in public]
    assert {p["author"] for p in mine} == {scenario.brand.handle}
    assert all(p["kind"] == "brand_post" and "{" not in p["text"] for p in mine)
    own = scenario.texts.brand  # the scenario's voice first, the bank's otherwise
    apology = next(p for p, a in zip(mine, public, strict=True) if a.action == "public_apology")
    assert apology["text"] in own["public_apology"]
    argued = next(p for p, a in zip(mine, public, strict=True) if a.action == "argue")
    assert argued["text"] != CATALOGUE["argue"].hint and argued["text"] not in own.get("argue", [])


def test_texts_brand_names_public_actions_only(tmp_path: Path, capsys) -> None:
    text = SHIPPED["rude-reply"].read_text()
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("[texts.brand]", '[texts.brand]\nmonitor = ["x {nosuch}"]'))
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert any('texts.brand.monitor: "monitor" is not a public action' in line for line in err)
    assert any('unknown placeholder "{nosuch}"' in line for line in err)
    assert all(line.startswith(f"{bad}:") for line in err)


def test_run_posts_mark_the_brands_posts(capsys) -> None:
    assert main(["run", "sale-outage", "--policy", "expert", "--json", "--posts"]) == 0
    drill = json.loads(capsys.readouterr().out)
    mine = [p for p in drill["posts"] if p["by_brand"]]
    assert mine and all(p["author"] == shipped("sale-outage").brand.handle for p in mine)
