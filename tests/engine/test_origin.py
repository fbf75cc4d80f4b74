"""The origin is what started the crisis: its role, kind and followers; the brand's audience."""

import numpy as np
import pytest
from pydantic import ValidationError

from simulator.engine.engine import Engine
from simulator.engine.population import ROLE_INDEX
from simulator.engine.runner import play
from simulator.labels import KINDS, NEG, NEU
from simulator.scenario import Scenario
from simulator.scoring import score
from tests.conftest import shipped, steps
from tests.engine.helpers import children, origin_index, with_origin

SEEDS = range(1, 13)


def first_hours(scenario: Scenario, seed: int, actions=()) -> Engine:
    return play(scenario, seed, steps(*actions), until=3 * 3600)


def mean_origin_children(scenario: Scenario) -> float:
    counts = []
    for seed in SEEDS:
        engine = first_hours(scenario, seed)
        counts.append(children(engine, origin_index(engine)))
    return float(np.mean(counts))


@pytest.mark.parametrize("role", ["neutral", "fan", "influencer", "journalist"])
def test_the_origin_is_written_by_an_account_of_its_role(role: str) -> None:
    scenario = with_origin(shipped("rude-reply"), role=role, followers=None)
    engine = first_hours(scenario, 1)
    author = engine.trajectory().posts["author"][origin_index(engine)]
    assert engine.population.role[author] == ROLE_INDEX[role]


def test_the_origins_followers_set_its_spread_as_well_as_its_reach() -> None:
    """rude-reply's complaint by an account of 2,300 followers, or of 2,000,000."""
    base = shipped("rude-reply")
    small = mean_origin_children(with_origin(base, followers=2_300))
    big = mean_origin_children(with_origin(base, followers=2_000_000))
    assert big > 5 * small, (small, big)
    engine = first_hours(with_origin(base, followers=2_000_000), 1)
    tl, posts = engine.trajectory().timeline, engine.trajectory().posts
    assert engine.population.followers[posts["author"][origin_index(engine)]] == 2_000_000
    assert tl["negative_impressions"][-1] >= 2_000_000  # its reach counts


def test_a_video_spreads_further_than_a_complaint() -> None:
    base = shipped("rude-reply")
    video = with_origin(base, kind="video")
    engine = first_hours(video, 1)
    first = origin_index(engine)
    assert KINDS[engine.trajectory().posts["kind"][first]] == "video"
    assert engine.trajectory().posts["sentiment"][first] == NEG
    assert mean_origin_children(video) > 1.5 * mean_origin_children(base)


@pytest.mark.parametrize("kind", ["ad", "brand_post"])
def test_the_brands_own_post_is_by_the_brand_and_reaches_its_followers(kind: str) -> None:
    """A tone-deaf ad or post: written by the brand's account, with brand.followers (its reach
    and its spread), neutral itself (what it stirs is in the reactions)."""
    base = with_origin(shipped("rude-reply"), kind=kind, role=None, followers=None)
    engine = first_hours(base, 1)
    posts = engine.trajectory().posts
    first = origin_index(engine)
    assert posts["author"][first] == engine.population.brand
    assert engine.population.followers[posts["author"][first]] == base.brand.followers
    assert posts["sentiment"][first] == NEU and KINDS[posts["kind"][first]] == kind
    famous = base.model_copy(
        update={"brand": base.brand.model_copy(update={"followers": 5_000_000})}
    )
    obscure = base.model_copy(update={"brand": base.brand.model_copy(update={"followers": 500})})
    assert mean_origin_children(famous) > 5 * mean_origin_children(obscure)


def test_a_public_action_is_the_brands_own_post_and_reaches_its_followers() -> None:
    base = shipped("rude-reply")

    def reactions(followers: int) -> float:
        scenario = base.model_copy(
            update={"brand": base.brand.model_copy(update={"followers": followers})}
        )
        counts = []
        for seed in SEEDS:
            engine = first_hours(scenario, seed, [("30m", "holding_statement")])
            posts = engine.trajectory().posts
            mine = np.flatnonzero(posts["author"] == engine.population.brand)
            assert mine.size == 1 and posts["t"][mine[0]] == 1800.0
            assert KINDS[posts["kind"][mine[0]]] == "brand_post"
            counts.append(children(engine, int(mine[0])))
        return float(np.mean(counts))

    assert reactions(5_000_000) > 5 * reactions(500)


def test_a_brand_post_origin_names_no_role_and_no_followers() -> None:
    """A role or a follower count of its own is refused; the defaults (as a dump writes them)
    round-trip."""
    base = shipped("rude-reply")
    for field in ({"role": "influencer"}, {"followers": 10}):
        origin = {"text": "Our new ad", "kind": "ad"} | field
        data = base.model_dump()
        data["cascade"]["origin"] = [origin]
        with pytest.raises(ValidationError, match="brand's own post"):
            Scenario.model_validate(data)
    data = base.model_dump()
    data["cascade"]["origin"] = [{"text": "Our new ad", "kind": "ad"}]
    scenario = Scenario.model_validate(data)
    assert Scenario.model_validate_json(scenario.model_dump_json()) == scenario


def test_a_drill_on_a_brand_post_origin_is_scored() -> None:
    """Scoring rebuilds the scenario for its baselines; the brand's own post must survive it."""
    base = with_origin(shipped("rude-reply"), kind="brand_post", role=None, followers=None)
    log = play(base, 1, steps(("15m", "public_apology"))).trajectory().applied
    card = score(base, 1, log, annotate=False).card
    assert card.harm["ignore"] > card.harm["trainee"] > 0
