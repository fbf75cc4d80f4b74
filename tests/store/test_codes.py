"""Drill codes: round trip, a mistyped character, a stale scenario."""

import pytest

from simulator.cli import main
from simulator.scenario.loader import scenario_from_dict
from simulator.store.codes import (
    ALPHABET,
    CodeError,
    check_current,
    make_code,
    parse_code,
    scenario_hash,
)
from tests.conftest import SHIPPED, shipped


@pytest.mark.parametrize("name", sorted(SHIPPED))
@pytest.mark.parametrize("seed", [0, 1, 7, 31, 32, 1023, 123_456_789])
def test_a_code_gives_back_its_scenario_hash_and_seed(name: str, seed: int) -> None:
    scenario = shipped(name)
    code = make_code(scenario, seed)
    typed = f"  {str(code).upper()} "  # as read aloud and typed in capitals
    assert parse_code(typed) == code
    assert (code.scenario, code.seed, code.scenario_hash) == (name, seed, scenario_hash(scenario))
    check_current(parse_code(typed), scenario)


def test_every_single_mistyped_character_after_the_id_is_caught() -> None:
    text = str(make_code(shipped("rude-reply"), 4242))
    start = len("rude-reply-")
    caught = 0
    for i in range(start, len(text)):
        if text[i] == "-":
            continue
        for other in ALPHABET:
            if other == text[i]:
                continue
            typo = text[:i] + other + text[i + 1 :]
            with pytest.raises(CodeError, match="mistyped"):
                parse_code(typo)
            caught += 1
    assert caught == 31 * len(text[start:].replace("-", ""))


def test_swapped_neighbours_and_letters_for_digits() -> None:
    text = str(make_code(shipped("false-rumour"), 90))
    start = len("false-rumour-")
    swaps = [
        text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        for i in range(start, len(text) - 1)
        if "-" not in text[i : i + 2] and text[i] != text[i + 1]
    ]
    assert len(swaps) >= 3
    for swapped in swaps:
        with pytest.raises(CodeError, match="mistyped"):
            parse_code(swapped)
    with_letters = str(make_code(shipped("false-rumour"), 1 * 32 + 0)).replace("-10-", "-lo-")
    assert parse_code(with_letters).seed == 32


def test_a_code_made_before_the_scenario_changed_is_refused() -> None:
    old = shipped("sale-outage")
    data = old.model_dump(mode="json")
    data["cascade"]["base_infectiousness"] *= 1.1
    new = scenario_from_dict(data)
    code = make_code(old, 5)
    assert scenario_hash(new) != code.scenario_hash
    with pytest.raises(CodeError, match="another version of sale-outage"):
        check_current(code, new)


@pytest.mark.parametrize(
    "typed, message",
    [
        ("rude-reply-zzzz-1", "is not a drill code"),
        ("hello", "is not a drill code"),
        ("<the real code with its check letter changed>", "mistyped"),
    ],
)
def test_run_with_a_bad_code_says_why_in_one_line(typed: str, message: str, capsys) -> None:
    if typed.startswith("<"):
        real = str(make_code(shipped("rude-reply"), 7))
        typed = real[:-1] + ("n" if real[-1] != "n" else "m")  # one wrong letter: a typo
    assert main(["run", "--code", typed, "--policy", "ignore"]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_run_with_a_code_plays_the_same_crisis_as_scenario_and_seed(capsys) -> None:
    code = str(make_code(shipped("rude-reply"), 3))
    assert main(["run", "--code", code, "--policy", "expert", "--json"]) == 0
    by_code = capsys.readouterr().out
    assert main(["run", "rude-reply", "--seed", "3", "--policy", "expert", "--json"]) == 0
    assert capsys.readouterr().out == by_code
