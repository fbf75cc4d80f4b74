"""The engine digest of every shipped scenario under the built-in policies, pinned.

These values change only in a commit that says why (a deliberate change of the model or of the
digest); a refactoring that moves one has changed behaviour. Issue 14 lists the rule."""

import pytest

from simulator.engine.runner import named_policy, play
from tests.conftest import SHIPPED, shipped

PINNED = {
    (
        "false-rumour",
        "expert",
        1,
    ): "3843f2b62313eeb43a88023147bc813e12b91c9c893f72f149cddd04f972fa86",
    (
        "false-rumour",
        "expert",
        2,
    ): "fc8011021fa999966215275209810dc40525c1bb09c32bea6f3cc7b7ca276983",
    (
        "false-rumour",
        "expert",
        3,
    ): "6f36aa670eccd1d4f5d1cb19ef314b532a12651722702935b2a8b911debc5770",
    (
        "false-rumour",
        "ignore",
        1,
    ): "7dee256316110a7f09b94c675359050f5d6de142f2b435c14651c039f9644735",
    (
        "false-rumour",
        "ignore",
        2,
    ): "984f4224567f1daf98d45044366bfda5ed85689c3935b72e3b32335dcf8486f6",
    (
        "false-rumour",
        "ignore",
        3,
    ): "13196be4e1af5fbaeea5f0c364ad4b9db79c7c5076c075e625bebc9f0d653377",
    ("rude-reply", "expert", 1): "2422b7cb4cdfb4ab29d45e6aad00f7b2ed9f9dd61cda89f7858909cfa9c816af",
    ("rude-reply", "expert", 2): "211a47e53df41dd3a9f650daa493fb30279072fe6cd94a8f0aa960a0cdf2ae1e",
    ("rude-reply", "expert", 3): "5ea4255aa3b580d923ce71170e930d6763c4f25816a5a0d8232c944129c0885f",
    ("rude-reply", "ignore", 1): "ee3f633e83424e9f0ec1cbd450c3a2847871a37f246a321c0f6707918c315790",
    ("rude-reply", "ignore", 2): "791fafc8f8635ce19af289ee2994b4fc1e0060447d3d7b3e8ed4a04e082937c6",
    ("rude-reply", "ignore", 3): "9f034b6e3a86d8f7a73b514d04b104b6ad6a7490a496878503f2f03554df5865",
    (
        "sale-outage",
        "expert",
        1,
    ): "9127f58c85cf85f7a587d045e6a210d13895c0f56d3fd56040acbc1972f67370",
    (
        "sale-outage",
        "expert",
        2,
    ): "e326f60657285200ae355c127a2a6fdcc1a7a25b1d3e83326e7bf26a6d2dc0a4",
    (
        "sale-outage",
        "expert",
        3,
    ): "7a8885742a8b89d97c7a9f03289455a5cd456635837053c7b1bb04f7a93c3d62",
    (
        "sale-outage",
        "ignore",
        1,
    ): "2a640ef5f8a2caa6563fdfd5e6bb0cdecf4d138742448464b25ce2b9c2e0db82",
    (
        "sale-outage",
        "ignore",
        2,
    ): "de2ee327b0c77e087016fa7b749488092b706d2767a34c1a0f027010600838f5",
    (
        "sale-outage",
        "ignore",
        3,
    ): "94c6417c8085632e15a654d3b8f688aee061ae9999dbfc67e3a2090c25c7198f",
}


def test_every_shipped_scenario_is_pinned() -> None:
    assert {name for name, _, _ in PINNED} == set(SHIPPED)


@pytest.mark.parametrize(("name", "policy", "seed"), sorted(PINNED))
def test_digest_is_pinned(name: str, policy: str, seed: int) -> None:
    scenario = shipped(name)
    engine = play(scenario, seed, named_policy(scenario, policy))
    assert engine.digest() == PINNED[(name, policy, seed)]
