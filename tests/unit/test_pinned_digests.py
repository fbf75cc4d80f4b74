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
    ): "778e4cecd24f825f3cfbe921da10604fdd7b951b02061e8b9fdf8c2a64d5a290",
    (
        "false-rumour",
        "expert",
        2,
    ): "2b146604a589093ee25c2075ec321ed7459c6a0d35c5bbf15d061caf2da3e38d",
    (
        "false-rumour",
        "expert",
        3,
    ): "a525bdabb9dc9c9fd3fec39de1a86ca8be22c31d049ad407d438e44d4e1c5905",
    (
        "false-rumour",
        "ignore",
        1,
    ): "449a27cacf04f92e28b956e07b8db5940acd4c537b6bc50baf5ac1b7881e30ef",
    (
        "false-rumour",
        "ignore",
        2,
    ): "a8566c7205090b4c098cb63d7cc56a1b0dfb533ef9992fc054506e946802c01c",
    (
        "false-rumour",
        "ignore",
        3,
    ): "fddfb18c950e0b82fedc60832dc9176b280ec300ecc99d5cb85e54416619327a",
    ("rude-reply", "expert", 1): "6d61fcfda4639a666c48966307670895a35ec566e456cec24dbd110c4481389b",
    ("rude-reply", "expert", 2): "bcf8aaf753ffd27b62362dd65e8e7183437ecc37c58369a206d22158e5a859c1",
    ("rude-reply", "expert", 3): "104d8075307da7f5ed45c0ad727a9d4bd48da1f337b3e7408c6cd845f561a3b6",
    ("rude-reply", "ignore", 1): "582e7db3087ad1ad169addae39804814a3f688bea7aaa46761e8032202c96849",
    ("rude-reply", "ignore", 2): "0d54aaaf274ea8b2e2bc9269618dc550169fb398ee29fcb14e8f944a668abb1e",
    ("rude-reply", "ignore", 3): "0f3f29311ec810d36acb8834c09ed385ea5c033f5ace54d94351dc9a545c75d5",
    (
        "sale-outage",
        "expert",
        1,
    ): "206f2dcd25e4a7d9e062b1ccc91943cce1384b4ce1d73e16dc1c761ad52c8a1a",
    (
        "sale-outage",
        "expert",
        2,
    ): "6a1ebb204e4120ff4103785c561de39352228d85a0b5e5801c5e4b066f6b93be",
    (
        "sale-outage",
        "expert",
        3,
    ): "c6e3e8769c22dc14b665e9414bc5a74f35bf8d0720792ecc9fe20e18e8919fbc",
    (
        "sale-outage",
        "ignore",
        1,
    ): "fb277fb558eddc6e7f616ebcf288097879098be9540cdc7b29cabdd129cf66d6",
    (
        "sale-outage",
        "ignore",
        2,
    ): "7fa312f5e06740cfe27bfa1e2f96dec03f97d9d9b479d4eeda856746be748178",
    (
        "sale-outage",
        "ignore",
        3,
    ): "cc577886f75ed255bd8b185ea11f861b70511deb2559b71fcc766c0cb85ff422",
}


def test_every_shipped_scenario_is_pinned() -> None:
    assert {name for name, _, _ in PINNED} == set(SHIPPED)


@pytest.mark.parametrize(("name", "policy", "seed"), sorted(PINNED))
def test_digest_is_pinned(name: str, policy: str, seed: int) -> None:
    scenario = shipped(name)
    engine = play(scenario, seed, named_policy(scenario, policy))
    assert engine.digest() == PINNED[(name, policy, seed)]
