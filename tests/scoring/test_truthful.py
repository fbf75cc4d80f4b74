"""Issue 11's scoring items: scores, checks and words that agree with the play and with SCCT."""

import re

import pytest

from simulator.catalogue import CATALOGUE
from simulator.engine.responses import SCCT, requirement
from simulator.engine.runner import named_policy, play
from simulator.policies import POLICIES, after_detection, playbook
from simulator.scenario import PolicyStep
from simulator.scoring import score, scorecard_text
from simulator.scoring.annotations import TOO_SMALL
from simulator.scoring.outcome import IGNORE_POINTS, headline, outcome_score
from simulator.scoring.playbook import Check
from tests.conftest import ORIGINAL, SHIPPED, shipped

SCCT_CHECKS = {r.check for r in SCCT}


def checks_of(name: str, seed: int, *pairs: tuple[float, str]) -> dict[str, Check]:
    scenario = shipped(name)
    log = play(scenario, seed, after_detection(scenario, *pairs)).applied
    return {c.id: c for c in score(scenario, seed, log, annotate=False).card.checks}


def test_better_than_the_reference_shows_100_beyond_it_with_the_raw_ratio_kept() -> None:
    beyond = outcome_score(trainee=40.0, ignore=1000.0, expert=100.0)
    assert beyond.score == 100 and beyond.beyond and beyond.ratio == pytest.approx(960 / 900)
    assert "beyond the reference" in headline(40.0, 1000.0, 100.0)
    at = outcome_score(100.0, 1000.0, 100.0)
    assert at.score == 100 and not at.beyond
    assert outcome_score(1000.0, 1000.0, 100.0).score == IGNORE_POINTS
    worse = [outcome_score(h, 1000.0, 100.0).score for h in (2000.0, 10_000.0, 1e6)]
    assert IGNORE_POINTS > worse[0] > worse[1] > worse[2] > 0


def test_the_headline_is_in_the_unit_of_the_score() -> None:
    scenario = shipped("rude-reply")
    card = score(scenario, 4, play(scenario, 4, playbook(scenario)).applied, False).card
    share = round(100 * card.outcome_ratio)
    assert card.headline.startswith(f"Negative impressions avoided: {share}% of what the reference")
    assert card.headline in scorecard_text(card)
    assert card.to_json()["outcome"]["headline"] == card.headline
    assert card.to_json()["harm"]["unit"] == "avoidable negative impressions"


def test_decision_annotations_are_shares_of_the_avoidable_harm_with_their_noise() -> None:
    scenario = shipped("rude-reply")
    card = score(scenario, 2, play(scenario, 2, named_policy(scenario, "expert")).applied).card
    ignore = card.harm["ignore"]
    for d in card.decisions:
        assert d.share == pytest.approx((d.harm_with - d.harm_without) / ignore, abs=1e-3)
        assert abs(d.share) < 1 and d.noise >= 0  # comparable: none is thousands of the others
        if d.effect == TOO_SMALL:
            assert "too small to tell" in d.explanation
        else:
            assert "% of the avoidable harm" in d.explanation
            assert abs(d.share) > 2 * d.noise - 1e-4  # outside the noise band
    monitor = next(d for d in card.decisions if d.action == "monitor")
    assert monitor.effect == TOO_SMALL  # watching changes nothing by itself
    apology = next(d for d in card.decisions if d.action == "public_apology")
    assert apology.effect == "calmed"


@pytest.mark.parametrize("name", list(SHIPPED))
def test_each_objective_a_scenario_names_is_graded_by_its_check(name: str) -> None:
    scenario = shipped(name)
    card = score(scenario, 1, play(scenario, 1, named_policy(scenario, "expert")).applied, False)
    ids = [c.id for c in card.card.checks]
    for objective in scenario.objectives:
        assert any(i.startswith(objective.id) for i in ids), (objective.id, ids)
        if objective.id in SCCT_CHECKS:
            assert objective.id == requirement(scenario).check
    assert requirement(scenario).check in [o.id for o in scenario.objectives]


def test_scct_per_cluster_accidental_needs_instructing_and_adjusting_not_an_apology() -> None:
    checks = checks_of(
        "sale-outage",
        1,
        (0, "gather_facts"),
        (3, "holding_statement"),
        (20, "draft_options"),
        (40, "conciliatory_reply"),
    )
    assert "apology" not in checks["adjusting"].reason and checks["adjusting"].passed
    assert "rebuild" not in checks
    holding_only = checks_of("sale-outage", 1, (0, "gather_facts"), (3, "holding_statement"))
    assert not holding_only["adjusting"].passed
    assert "adjusting information" in holding_only["adjusting"].reason


def test_scct_an_intensifier_moves_an_accident_to_rebuild() -> None:
    base = shipped("sale-outage")
    history = base.model_copy(
        update={"brand": base.brand.model_copy(update={"crisis_history": True})}
    )
    assert requirement(base).check == "adjusting" and requirement(history).check == "rebuild"
    victim = shipped("false-rumour")
    assert requirement(victim).check == "instructing"
    apology = checks_of("false-rumour", 1, (0, "gather_facts"), (30, "public_apology"))
    assert not apology["instructing"].passed and "false" in apology["instructing"].reason


def test_a_defensive_statement_does_not_end_the_silence() -> None:
    scenario = shipped("rude-reply")
    steps = after_detection(scenario, (0, "gather_facts"), (25, "explain_justify"))
    drill = play(scenario, 3, steps)
    assert drill.history.first_public is None  # the silence goes on
    note = next(a for a in drill.applied if a.action == "explain_justify").notes
    assert any("does not end the silence" in n for n in note)
    card = score(scenario, 3, drill.applied, False).card
    assert card.outcome < IGNORE_POINTS  # worse than doing nothing, not half its harm
    assert not next(c for c in card.checks if c.id == "rebuild").passed


@pytest.mark.parametrize("mistake", ["argue", "blame_customer", "delete_comments"])
def test_calm_fails_on_a_visible_action_before_the_facts(mistake: str) -> None:
    checks = checks_of("rude-reply", 2, (5, mistake), (15, "argue"), (20, "gather_facts"))
    assert not checks["calm"].passed
    assert CATALOGUE[mistake].label.lower() in checks["calm"].reason
    assert "no public response at all" not in checks["golden_hour"].reason
    assert "fuelled it" in checks["golden_hour"].reason


def test_every_time_is_stated_since_detection() -> None:
    scenario = shipped("rude-reply")
    steps = after_detection(scenario, (0, "gather_facts"), (62, "public_apology"))
    scored = score(scenario, 1, play(scenario, 1, steps).applied)
    card = scored.card
    assert card.detected_at == scenario.crisis.detected_at
    golden = next(c for c in card.checks if c.id == "golden_hour")
    assert "1h2m after detection" in golden.reason and "2m past the golden hour" in golden.reason
    apology = next(a for a in scored.trajectory.applied if a.action == "public_apology")
    assert any("1h2m after detection" in n for n in apology.notes)
    texts = [c.reason for c in card.checks] + [d.explanation for d in card.decisions]
    for text in texts:
        for moment in re.findall(r"\b\d+[hm]\w* (\w+ \w+)", text):
            assert moment in ("after detection", "before detection", "past the"), text


def test_monitoring_running_when_an_inject_is_answered_watches_that_statement() -> None:
    scenario = shipped("rude-reply")
    inject = next(i for i in scenario.injects if i.id == "journalist-call")
    assert inject.at is not None
    base = [
        (0, "gather_facts"),
        (2, "analyse_scope"),
        (5, "holding_statement"),
        (6, "draft_options"),
        (30, "public_apology"),
        (45, "monitor"),
    ]
    for watch in (-10, 5):  # a monitor still running when it is answered, or one just after
        minutes = (inject.at - scenario.crisis.detected_at) / 60 + watch
        steps = after_detection(scenario, *base, (minutes, "monitor"))
        steps.append(PolicyStep(at=inject.at, inject=inject.id, choice="apology"))
        drill = play(scenario, 1, steps)
        assert any(a.inject == inject.id and a.action == "public_apology" for a in drill.applied)
        checks = {c.id: c for c in score(scenario, 1, drill.applied, False).card.checks}
        assert checks["monitoring"].passed, (watch, checks["monitoring"].reason)


def test_no_internal_ids_in_what_the_trainee_reads() -> None:
    scenario = shipped("rude-reply")
    steps = after_detection(scenario, (0, "canned_reply"), (20, "delete_comments"))
    card = score(scenario, 1, play(scenario, 1, steps).applied).card
    text = scorecard_text(card)
    internal = [
        *(a for a in CATALOGUE if "_" in a),
        *(c.id for c in card.checks if "_" in c.id),
        "→",
        "->",
    ]
    assert not [word for word in internal if word in text], text


@pytest.mark.parametrize("name", ORIGINAL)  # a property of the scale: the original three suffice
def test_decision_shares_compare_on_one_scale_within_100_percent(name: str) -> None:
    """A holding statement once read "calmed about -1145% of the avoidable harm": every share
    of a drill is of one scale, so none passes 100% and their sizes compare."""
    scenario = shipped(name)
    policies = [playbook(scenario), *(make(scenario) for make in POLICIES.values())]
    policies.append(named_policy(scenario, "expert"))
    for seed in (1, 3):
        for steps in policies:
            card = score(scenario, seed, play(scenario, seed, steps).trajectory().applied).card
            for d in card.decisions:
                assert -1.0 <= d.share <= 1.0, (name, seed, d.title, d.share)
