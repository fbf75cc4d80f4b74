"""Each new root post speaks for its own cause: a canned reply's backfire and an inconsistency
show their own texts in the feed, not the action's (nor the default's)."""

from simulator.engine.roots import ROOT_TEXTS
from simulator.engine.runner import play
from tests.conftest import shipped, steps


def _root_texts(policy: list[tuple[str, str]]) -> list[str]:
    scenario = shipped("rude-reply")
    trajectory = play(scenario, 3, steps(*policy)).trajectory()
    return [post.root for post in trajectory.posts_since(0) if post.root is not None]


def test_a_canned_replys_backfire_posts_its_own_text() -> None:
    roots = _root_texts([("5m", "canned_reply")])
    assert ROOT_TEXTS["canned_backfire"][0] in roots
    assert ROOT_TEXTS["default"][0] not in roots


def test_mixing_denial_with_apology_posts_the_inconsistency_text() -> None:
    roots = _root_texts([("30m", "deny_with_evidence"), ("1h", "public_apology")])
    assert ROOT_TEXTS["inconsistent"][0] in roots
    assert ROOT_TEXTS["default"][0] not in roots
