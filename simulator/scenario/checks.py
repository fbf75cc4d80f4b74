"""Checks across fields that a per-field model cannot express; each problem names its path."""

import re
from collections.abc import Iterator

from simulator.catalogue import ACTION_IDS, CATALOGUE
from simulator.plain import CONTROL
from simulator.scenario.conditions import parse_condition
from simulator.scenario.locate import Path
from simulator.scenario.model import Inject, PolicyStep, Scenario
from simulator.texts import BRACED, bank_names, placeholder_problems

Problem = tuple[Path, str]


def in_play(scenario: Scenario) -> tuple[str, ...]:
    """The action ids a trainee may use in this scenario."""
    return tuple(scenario.actions) if scenario.actions is not None else ACTION_IDS


def _duplicates(items: list[str], path: Path, what: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for n, item in enumerate(items):
        if item in seen:
            yield path + (n,), f'duplicate {what} "{item}"'
        seen.add(item)


def check_policy(scenario: Scenario, steps: list[PolicyStep], path: Path = ()) -> Iterator[Problem]:
    """Problems of a policy (the expert one or a trainee's file) against a scenario."""
    actions = in_play(scenario)
    injects: dict[str, Inject] = {}
    for inject in scenario.injects:
        injects.setdefault(inject.id, inject)
    for n, step in enumerate(steps):
        here = path + (n,)
        if step.at > scenario.clock.duration:
            yield here + ("at",), "time is past the end of the drill"
        if step.action is not None:
            if step.inject is not None or step.choice is not None:
                yield here, "a step is either an action or an inject choice, not both"
            if step.action not in actions:
                known = "not in play" if step.action in ACTION_IDS else "unknown action"
                yield here + ("action",), f'{known} "{step.action}"'
        elif step.inject is None or step.choice is None:
            yield here, 'a step needs "action", or "inject" and "choice"'
        elif step.inject not in injects or injects[step.inject].decision is None:
            yield here + ("inject",), f'no inject with a decision called "{step.inject}"'
        else:
            decision = injects[step.inject].decision
            if decision and step.choice not in {o.id for o in decision.options}:
                yield here + ("choice",), f'no option "{step.choice}" in inject "{step.inject}"'


def check(scenario: Scenario) -> list[Problem]:
    """Every cross-field problem of a scenario that passed the model."""
    return list(_check(scenario))


def _check(s: Scenario) -> Iterator[Problem]:
    a = s.audience
    if abs(a.critics + a.neutrals + a.fans - 1.0) > 1e-6:
        yield ("audience", "critics"), "critics + neutrals + fans must add up to 1"
    if s.actions is not None:
        yield from _duplicates(s.actions, ("actions",), "action")
        for n, action in enumerate(s.actions):
            if action not in ACTION_IDS:
                yield ("actions", n), f'unknown action "{action}"'
    for action in s.overrides:
        if action not in ACTION_IDS:
            yield ("overrides", action), f'unknown action "{action}"'
    yield from _duplicates([o.id for o in s.objectives], ("objectives",), "objective id")
    objectives = {o.id for o in s.objectives}
    for key in s.debrief:
        if key not in objectives:
            yield ("debrief", key), f'no objective "{key}"'
    duration = s.clock.duration
    if s.clock.tick <= 0 or s.clock.tick > duration:
        yield ("clock", "tick"), "tick must be positive and within the duration"
    if s.crisis.detected_at >= duration:
        yield ("crisis", "detected_at"), "detection is past the end of the drill"
    for n, post in enumerate(s.cascade.origin):
        if post.at >= duration:
            yield ("cascade", "origin", n, "at"), "origin post is past the end of the drill"
        if post.platform and post.platform not in s.cascade.platforms:
            yield ("cascade", "origin", n, "platform"), f'platform "{post.platform}" not listed'
    yield from _check_facts(s)
    yield from _check_injects(s)
    yield from check_policy(s, s.expert, ("expert",))
    yield from _check_texts(s)
    if s.scoring.outcome + s.scoring.playbook + s.scoring.timeliness <= 0:
        yield ("scoring",), "the scoring weights must not all be zero"


def _sentences(text: str) -> list[str]:
    """A text's sentences, lowercased with spaces squeezed (for comparing texts)."""
    squeezed = " ".join(text.lower().split())
    return [x.strip() for x in re.split(r"(?<=[.!?:;])\s+", squeezed) if x.strip()]


def _check_facts(s: Scenario) -> Iterator[Problem]:
    """The facts are what gather_facts reveals: the briefing must not say them first, and
    someone must be able to gather them."""
    facts = s.crisis.facts.strip()
    if not facts:
        return
    if "gather_facts" not in in_play(s):
        yield ("crisis", "facts"), "gather_facts is not in play: nobody can discover the facts"
    summary = " ".join(s.crisis.summary.lower().split())
    for sentence in _sentences(facts):
        if sentence in summary:
            yield ("crisis", "summary"), f'the summary gives away the facts: "{sentence}"'


def _check_injects(s: Scenario) -> Iterator[Problem]:
    yield from _duplicates([i.id for i in s.injects], ("injects",), "inject id")
    actions = set(in_play(s)) | {"none"}
    for n, inject in enumerate(s.injects):
        here: Path = ("injects", n)
        if (inject.at is None) == (inject.when is None):
            yield here, 'an inject needs exactly one of "at" or "when"'
        if inject.at is not None and inject.at >= s.clock.duration:
            yield here + ("at",), "inject is past the end of the drill"
        if inject.when is not None:
            try:
                parse_condition(inject.when)
            except ValueError as err:
                yield here + ("when",), str(err)
        if inject.decision is None:
            continue
        options = inject.decision.options
        yield from _duplicates([o.id for o in options], here + ("decision", "options"), "option")
        for k, option in enumerate(options):
            if option.action not in actions:
                where = here + ("decision", "options", k, "action")
                yield where, f'action "{option.action}" is not in play'
        if inject.decision.default not in {o.id for o in options}:
            yield here + ("decision", "default"), f'no option "{inject.decision.default}"'


def text_fields(s: Scenario) -> Iterator[tuple[Path, str]]:
    """Every text of a scenario that is filled with placeholders, with its path."""
    for n, post in enumerate(s.cascade.origin):
        yield ("cascade", "origin", n, "text"), post.text
    for n, inject in enumerate(s.injects):
        for k, root in enumerate(inject.roots):
            yield ("injects", n, "roots", k, "text"), root.text
    for name, value in s.texts:
        if name == "reactions":
            for event, tones in value.items():
                for tone, lines in tones:
                    yield from ((("texts", name, event, tone, k), x) for k, x in enumerate(lines))
        elif name == "brand":
            for action, lines in value.items():
                yield from ((("texts", name, action, k), x) for k, x in enumerate(lines))
        elif name == "words":
            for word, lines in value.items():
                yield from ((("texts", name, word, k), x) for k, x in enumerate(lines))
        else:
            yield from ((("texts", name, k), x) for k, x in enumerate(value))


def shown_fields(s: Scenario) -> Iterator[tuple[Path, str]]:
    """Every text of a scenario shown as written (never filled), with its path."""
    yield ("title",), s.title
    yield ("brand", "name"), s.brand.name
    yield ("brand", "handle"), s.brand.handle
    yield ("crisis", "summary"), s.crisis.summary
    yield ("crisis", "truth"), s.crisis.truth
    for n, objective in enumerate(s.objectives):
        yield ("objectives", n, "text"), objective.text
    for n, inject in enumerate(s.injects):
        yield ("injects", n, "title"), inject.title
        yield ("injects", n, "text"), inject.text
        if inject.decision is not None:
            yield ("injects", n, "decision", "prompt"), inject.decision.prompt
            for k, option in enumerate(inject.decision.options):
                yield ("injects", n, "decision", "options", k, "label"), option.label
    for key, note in s.debrief.items():
        yield ("debrief", key), note


def _check_texts(s: Scenario) -> Iterator[Problem]:
    known = bank_names(s.locale) | set(s.texts.words)
    for action in s.texts.brand:
        if action not in CATALOGUE or not CATALOGUE[action].public:
            public = ", ".join(a for a in ACTION_IDS if CATALOGUE[a].public)
            yield ("texts", "brand", action), f'"{action}" is not a public action ({public})'
    for path, text in text_fields(s):
        for problem in placeholder_problems(text, known):
            yield path, problem
    for path, text in shown_fields(s):
        for inner in dict.fromkeys(BRACED.findall(text)):
            yield path, f'"{{{inner}}}" is shown as written here: placeholders fill post texts only'
        if CONTROL.search(text.replace("\n", "")):
            yield path, "a control character (an escape, a tab...) in a text shown on screen"
