"""The scoring model tells good play from bad, on the original scenarios, over 30 seeds (every
shipped scenario has the lighter checks of test_library)."""

import statistics
from functools import cache

import pytest

from simulator.engine.responses import requirement
from simulator.engine.runner import named_policy, play
from simulator.policies import after_detection, mistakes, playbook, rushed
from simulator.scoring import Scorecard, score
from simulator.scoring.outcome import IGNORE_POINTS
from tests.conftest import ORIGINAL, shipped

SEEDS = range(30)
# The classic wrong answer for each cluster: apology for a rumour, denial when at fault...
WRONG = {"false-rumour": ("public_apology",), "rude-reply": ("deny_with_evidence",)}


@cache
def card(name: str, policy: str, seed: int) -> Scorecard:
    scenario = shipped(name)
    steps = {
        "expert": lambda: named_policy(scenario, "expert"),
        "ignore": lambda: [],
        "playbook": lambda: playbook(scenario),
        "rushed": lambda: rushed(scenario),
        "mistakes": lambda: mistakes(scenario),
        "wrong": lambda: playbook(scenario, WRONG[name]),
    }[policy]()
    log = play(scenario, seed, steps).applied
    return score(scenario, seed, log, annotate=policy == "mistakes").card


def cards(name: str, policy: str) -> list[Scorecard]:
    return [card(name, policy, seed) for seed in SEEDS]


def share(pairs: list[bool]) -> float:
    return sum(pairs) / len(pairs)


by_scenario = pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.xdist_group(n)) for n in ORIGINAL]
)
# The mistakes drills are the big ones (the crisis explodes): a group of their own per scenario.
by_scenario_mistakes = pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.xdist_group(f"{n}-mistakes")) for n in ORIGINAL]
)


@by_scenario
def test_expert_scores_at_least_90_and_beats_ignore(name: str) -> None:
    expert, ignore = cards(name, "expert"), cards(name, "ignore")
    assert statistics.mean(c.total for c in expert) >= 90
    beaten = [e.harm["trainee"] < i.harm["trainee"] for e, i in zip(expert, ignore, strict=True)]
    assert share(beaten) >= 0.9


@by_scenario
def test_the_playbook_beats_a_rushed_canned_reply_and_ignoring(name: str) -> None:
    good, canned, ignore = cards(name, "playbook"), cards(name, "rushed"), cards(name, "ignore")
    assert share([g.total > c.total for g, c in zip(good, canned, strict=True)]) >= 0.9
    assert share([g.total > i.total for g, i in zip(good, ignore, strict=True)]) >= 0.9
    assert statistics.mean(g.total for g in good) > statistics.mean(c.total for c in canned)


@by_scenario_mistakes
def test_mistakes_score_below_ignore_and_are_all_fuelled(name: str) -> None:
    bad, ignore = cards(name, "mistakes"), cards(name, "ignore")
    assert all(b.total < i.total for b, i in zip(bad, ignore, strict=True))
    for c in bad:
        assert [d.action for d in c.decisions] == ["delete_comments", "argue", "blame_customer"]
        assert {d.effect for d in c.decisions} == {"fuelled"}, c.decisions
        assert all(d.harm_with > d.harm_without and d.share > 0 for d in c.decisions)
        assert not next(x for x in c.checks if x.id == "conciliatory").passed


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xdist_group(n)) for n in WRONG])
def test_scct_the_cluster_right_response_beats_the_wrong_one(name: str) -> None:
    """Preventable: apology + correction beat denial. Rumour: denial beats apology."""
    right, wrong = cards(name, "playbook"), cards(name, "wrong")
    assert share([r.outcome > w.outcome for r, w in zip(right, wrong, strict=True)]) >= 0.9
    assert statistics.mean(r.total for r in right) > statistics.mean(w.total for w in wrong)


@by_scenario_mistakes
def test_totals_and_parts_lie_in_0_100_and_order_the_policies(name: str) -> None:
    """mistakes < ignore < playbook <= expert in mean total; every total and part in 0..100."""
    means = {}
    for policy in ("mistakes", "ignore", "playbook", "expert"):
        every = cards(name, policy)
        for c in every:
            assert all(0 <= x <= 100 for x in (c.total, c.outcome, c.playbook, c.timeliness)), c
        means[policy] = statistics.mean(c.total for c in every)
    assert means["mistakes"] < means["ignore"] < means["playbook"] <= means["expert"], means
    assert statistics.mean(c.outcome for c in cards(name, "mistakes")) < IGNORE_POINTS / 2


def test_a_fast_scct_right_response_scores_near_the_expert_where_little_is_avoidable() -> None:
    """The crisis started by one big account: its reach is most of the harm and untouchable."""
    base = shipped("rude-reply")
    cascade = base.cascade.model_copy(
        update={"origin": [base.cascade.origin[0].model_copy(update={"followers": 2_000_000})]}
    )
    scenario = base.model_copy(update={"cascade": cascade})
    gaps = []
    for seed in SEEDS:
        fast = score(scenario, seed, play(scenario, seed, playbook(scenario)).applied, False)
        expert = score(
            scenario, seed, play(scenario, seed, named_policy(scenario, "expert")).applied, False
        )
        gaps.append(expert.card.total - fast.card.total)
    assert statistics.mean(gaps) <= 10, gaps


@pytest.mark.xdist_group("rude-reply")
def test_a_defensive_statement_in_a_preventable_crisis_is_annotated_fuelled() -> None:
    scenario = shipped("rude-reply")
    assert requirement(scenario).check == "rebuild"
    defensive = after_detection(scenario, (0, "gather_facts"), (25, "explain_justify"))
    fuelled = 0
    for seed in SEEDS:
        log = play(scenario, seed, defensive).applied
        card = score(scenario, seed, log).card
        explain = next(d for d in card.decisions if d.action == "explain_justify")
        fuelled += explain.effect == "fuelled"
        assert explain.effect != "calmed", explain
        assert card.outcome < IGNORE_POINTS  # worse than doing nothing, not half the harm
    assert fuelled >= 0.9 * len(SEEDS)
