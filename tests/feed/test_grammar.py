"""The phrase grammar: one safe substitution, banks that agree, scenario texts validated."""

import re
from pathlib import Path
from typing import get_args

import pytest

from simulator.cli import main
from simulator.engine.voices import MISTAKES, REACTION, Voices
from simulator.scenario.model import Reaction
from simulator.texts import CONTEXT, fill, load_bank, placeholder_problems
from tests.conftest import SHIPPED, shipped

LOCALES = ("en_US", "es_ES", "de_DE", "fr_FR")


def test_fill_replaces_only_plain_names() -> None:
    values = {"brand": "Acme", "x": "{brand}"}.get
    assert fill("{brand} says hi", values) == "Acme says hi"
    for literal in ("{brand.__class__}", "{brand:>30}", "{0}", "{brand[0]}", "{}", "{ brand }"):
        assert fill(literal, values) == literal  # nothing but {name} is ever interpreted
    assert fill("{unknown} {brand}", values) == "{unknown} Acme"
    assert fill("{x}", values) == "{brand}"  # a value is inserted as is, never filled again


def test_placeholder_problems_name_the_mistake() -> None:
    known = frozenset({"brand"})
    assert list(placeholder_problems("{brand} ok", known)) == []
    assert list(placeholder_problems("{crime}", known)) == ['unknown placeholder "{crime}"']
    (problem,) = placeholder_problems("{brand.name}", known)
    assert "is not a placeholder" in problem


@pytest.mark.parametrize("locale", LOCALES)
def test_every_bank_line_uses_known_placeholders(locale: str) -> None:
    bank = load_bank(locale)
    assert bank.locale == locale
    problems = [
        (where, p)
        for where, line in bank.all_lines()
        for p in placeholder_problems(line, bank.names)
    ]
    assert problems == []


@pytest.mark.parametrize("locale", LOCALES[1:])
def test_the_banks_have_the_same_shape(locale: str) -> None:
    en, other = load_bank("en_US"), load_bank(locale)
    assert set(en.rules) == set(other.rules)
    for section in ("kinds", "stages", "reactions", "platforms"):
        a, b = getattr(en, section), getattr(other, section)
        assert {k: set(v) for k, v in a.items()} == {k: set(v) for k, v in b.items()}, section
        for key, table in b.items():  # no empty section where English has lines
            assert all(table[sub] or not a[key][sub] for sub in table), (section, key)


def test_every_reaction_has_lines_for_every_mood() -> None:
    bank = load_bank("en_US")
    events = set(REACTION.values()) | MISTAKES
    assert events <= set(get_args(Reaction)) == set(bank.reactions)
    for event, tones in bank.reactions.items():
        assert tones.get("negative"), event  # the reaction the model's shifts favour most
    assert bank.reactions["apology"].get("late")


def test_a_locale_falls_back_to_its_language() -> None:
    assert load_bank("en_GB").locale == "en_US"
    assert load_bank("es_MX").locale == "es_ES"
    assert load_bank("xx_XX").locale == "en_US"


def test_no_bank_line_assumes_a_gender() -> None:
    gendered = re.compile(r"\b(she|her|hers|he|him|his)\b", re.IGNORECASE)
    bank = load_bank("en_US")
    assert [line for _, line in bank.all_lines() if gendered.search(line)] == []


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_scenarios_carry_their_own_texts(name: str) -> None:
    scenario = shipped(name)
    texts = scenario.texts
    assert texts.complaint and texts.headlines and texts.reactions
    assert scenario.crisis.subject and scenario.crisis.product


def test_a_spanish_scenario_reads_in_spanish() -> None:
    scenario = shipped("sale-outage").model_copy(update={"locale": "es_ES"})
    voices = Voices(scenario, 1)
    texts = [voices.line(n, n, "reply", "neutral", None, 0.0, "X").text for n in range(200)]
    assert sum("¿" in t for t in texts) > 20
    assert voices.line(1, 1, "quote", "negative", "{root_delete_comments}").text != ""
    assert "borr" in voices.line(1, 1, "quote", "negative", "{root_delete_comments}").text


BAD_TEXTS = """
[texts.words]
gadget = ["the {widget}"]

[texts.reactions.apology]
positive = ["Thanks {brand.name}"]
"""


def test_validate_checks_every_text_field(tmp_path: Path, capsys) -> None:
    source = SHIPPED["rude-reply"].read_text(encoding="utf-8")
    source = source.replace("'Not rocket science'. Wow.", "{rocket}", 1)
    source = source.replace("treats parents. Unfollow.", "treats {parents:>9}.", 1)
    base = source.split("\n[texts]")[0]  # the scenario's own texts replaced by BAD_TEXTS
    path = tmp_path / "bad.toml"
    path.write_text(base + BAD_TEXTS, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    lines = base.count("\n")
    assert re.search(r':\d+:\d+: cascade\.origin\[0\]\.text: unknown placeholder "\{rocket\}"', err)
    assert re.search(r":\d+:\d+: injects\[0\]\.roots\[0\]\.text: .*is not a placeholder", err)
    assert f":{lines + 3}:11: texts.words.gadget[0]: unknown placeholder" in err
    assert f":{lines + 6}:13: texts.reactions.apology.positive[0]: " in err
    assert len(err.strip().splitlines()) == 4, err


def test_scenario_words_become_placeholders() -> None:
    scenario = shipped("rude-reply")
    assert "detail" in scenario.texts.words
    voices = Voices(scenario, 3)
    assert not CONTEXT & set(scenario.texts.words)
    texts = {voices.line(n, n, "complaint", "negative", "{detail}").text for n in range(50)}
    assert texts <= {
        v.replace("{brand}", "Brewbank Coffee").replace("{subject}", "the rude support reply")
        for v in scenario.texts.words["detail"]
    }
    assert len(texts) > 1
