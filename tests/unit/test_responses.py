"""Response effects have the right sign on the original scenarios, over a set of seeds (every
shipped scenario's mistakes are checked in tests/scoring/test_library.py)."""

import numpy as np
import pytest

from simulator.engine.runner import play
from tests.conftest import ORIGINAL, shipped, steps

SEEDS = range(1, 7)


def _outcome(name: str, policy) -> tuple[float, float]:
    """Mean final negative mentions, and mean R an hour after 1h (the action's time)."""
    s = shipped(name)
    finals, rs = [], []
    for seed in SEEDS:
        engine = play(s, seed, policy)
        tl = engine.trajectory().timeline
        finals.append(tl["negative_mentions"][-1])
        rs.append(np.interp(7200, tl["t"], tl["r"]))
    return float(np.mean(finals)), float(np.mean(rs))


@pytest.mark.parametrize("name", ORIGINAL)
@pytest.mark.parametrize("mistake", ["delete_comments", "argue", "blame_customer"])
def test_mistakes_raise_r_and_negative_mentions(name: str, mistake: str) -> None:
    ignore_final, ignore_r = _outcome(name, [])
    final, r = _outcome(name, steps(("1h", mistake)))
    assert final > ignore_final
    assert r > ignore_r


def test_acknowledge_and_correct_calms_the_preventable_crisis() -> None:
    ignore_final, ignore_r = _outcome("rude-reply", [])
    final, r = _outcome("rude-reply", steps(("10m", "gather_facts"), ("1h", "acknowledge_correct")))
    assert final < 0.5 * ignore_final
    assert r < ignore_r


def test_evidence_kills_the_rumour() -> None:
    ignore_final, ignore_r = _outcome("false-rumour", [])
    final, r = _outcome(
        "false-rumour", steps(("20m", "gather_facts"), ("1h", "deny_with_evidence"))
    )
    assert final < 0.5 * ignore_final
    assert r < ignore_r


def test_denying_the_truth_backfires_once_it_is_exposed() -> None:
    s = shipped("rude-reply")
    leak = next(i for i in s.injects if i.reveal_truth)
    assert leak.at is not None
    deny = steps(("10m", "gather_facts"), ("1h", "deny_with_evidence"))
    before, after_ignore, after_deny = [], [], []
    for seed in SEEDS:
        a, b = play(s, seed, []), play(s, seed, deny)
        ta, tb = a.trajectory().timeline, b.trajectory().timeline
        i = int(np.searchsorted(ta["t"], leak.at))
        before.append(tb["r"][i - 1] - ta["r"][i - 1])
        after_ignore.append(ta["negative_mentions"][-1] - ta["negative_mentions"][i])
        after_deny.append(tb["negative_mentions"][-1] - tb["negative_mentions"][i])
        assert any(x.action == "deny_with_evidence" for x in b.applied)
    assert np.mean(before) < 0  # the denial looked like it worked...
    assert np.mean(after_deny) > np.mean(after_ignore)  # ...until the leak exposed it


def test_apology_is_worth_less_the_second_time() -> None:
    s = shipped("rude-reply")
    engine = play(s, 1, steps(("30m", "public_apology"), ("1h", "public_apology")))
    first, second = (a for a in engine.applied if a.action == "public_apology")
    assert second.strength < first.strength
    assert any("repeated" in note for note in second.notes)


def test_mixing_denial_and_apology_is_punished() -> None:
    s = shipped("rude-reply")
    engine = play(s, 1, steps(("30m", "deny_with_evidence"), ("1h", "public_apology")))
    assert any("inconsistent" in note for a in engine.applied for note in a.notes)
    assert any(e.source == "inconsistent" for e in engine.profile.effects)


def test_a_canned_reply_before_analysis_backfires_later() -> None:
    s = shipped("sale-outage")
    rushed = play(s, 2, steps(("20m", "canned_reply")))
    careful = play(s, 2, steps(("10m", "analyse_scope"), ("30m", "canned_reply")))
    assert any(e.source == "canned_backfire" for e in rushed.profile.effects)
    assert not any(e.source == "canned_backfire" for e in careful.profile.effects)


def test_silence_angers_after_the_golden_hour() -> None:
    s = shipped("rude-reply")
    engine = play(s, 1, [])
    t = np.array([s.crisis.detected_at + 1800, s.crisis.detected_at + 4 * 3600])
    early, late = engine.profile.silence(t)
    assert early == 1.0 and late > 1.2
