"""Same scenario, seed and actions: the same trajectory, however the drill is stepped."""

import json
import subprocess
import sys

import numpy as np
import pytest

from simulator.engine.engine import Engine
from simulator.engine.runner import advance, named_policy, on_grid, play
from tests.conftest import ORIGINAL, ROOT, SHIPPED, shipped, steps


def _digest_in_subprocess(name: str, seed: int) -> str:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "simulator",
            "run",
            name,
            "--policy",
            "expert",
            "--seed",
            str(seed),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout)["trajectory_digest"]


def test_same_digest_in_two_processes() -> None:
    first = _digest_in_subprocess("rude-reply", 11)
    assert first == _digest_in_subprocess("rude-reply", 11)
    s = shipped("rude-reply")
    assert first == play(s, 11, named_policy(s, "expert")).digest()
    assert first != play(s, 12, named_policy(s, "expert")).digest()


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_stepping_tick_by_tick_gives_the_same_trajectory(name: str) -> None:
    """As the TUI does: one tick per step, acting when an action falls due."""
    s = shipped(name)
    policy = named_policy(s, "expert")
    whole = play(s, 3, policy)
    engine = Engine(s, 3)
    due = sorted((on_grid(s, p.at), p.action) for p in policy if p.action)
    answers = {p.inject: p.choice for p in policy if p.inject}
    while not engine.finished:
        while due and due[0][0] <= engine.now:
            engine.act(due.pop(0)[1])
        advance(engine, engine.now + s.clock.tick, answers)
    assert engine.digest() == whole.digest()


@pytest.mark.parametrize("name", ORIGINAL)  # an engine property: the original three suffice
@pytest.mark.parametrize("action", ["delete_comments", "holding_statement"])
def test_policies_share_every_post_before_their_first_action(name: str, action: str) -> None:
    s = shipped(name)
    ignore = play(s, 5, [])
    other = play(s, 5, steps(("2h", action)))
    a, b = ignore.trajectory().posts, other.trajectory().posts
    first_a = np.lexsort((a["id"], a["t"]))[: np.count_nonzero(a["t"] < 7200)]
    first_b = np.lexsort((b["id"], b["t"]))[: np.count_nonzero(b["t"] < 7200)]
    assert first_a.size > 10
    for column in ("t", "id", "author", "kind", "sentiment", "platform"):
        assert np.array_equal(a[column][first_a], b[column][first_b]), column
    assert not np.array_equal(a["id"], b["id"])  # and the action did change the future
