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
    ): "cd710fae78c4f0a5ea4b5ee63e9071de87e04e5acccbfe5f887fd83bbb50bebc",
    (
        "false-rumour",
        "expert",
        2,
    ): "8e46bdfb10b1e840e417ab7d5a5231aa302ce585eb9f2ba059a7ac8306c6dcdc",
    (
        "false-rumour",
        "expert",
        3,
    ): "23fa75980ee54ccea0a8d4e592b08a21ec41dba992c5b48155271b8059ec713f",
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
    ("rude-reply", "expert", 1): "31f5610263e50eb9d58445821a5b4749a4e7453914db9b6cea5a188c5613ce44",
    ("rude-reply", "expert", 2): "c2372032ceed8e08108b60c84892724ffb8bdfcace3c59cb375deea5f1005c8c",
    ("rude-reply", "expert", 3): "bab4317ed03786f90055134a2948f5f1fe57c73e606239c329344c7b4eef322f",
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
