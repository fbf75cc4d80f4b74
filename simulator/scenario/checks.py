"""Checks across fields that a per-field model cannot express; each problem names its path."""

import re
from collections.abc import Callable, Collection, Iterable, Iterator

from simulator.catalogue import ACTION_IDS, CATALOGUE
from simulator.plain import CONTROL
from simulator.scenario.conditions import parse_condition
from simulator.scenario.locate import Path
from simulator.scenario.model import MAX_TICKS, Inject, PolicyStep, Scenario
from simulator.scenario.suggest import did_you_mean
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


def steps_past_end(
    steps: Iterable[tuple[int, PolicyStep]], end: float, path: Path = ()
) -> Iterator[Problem]:
    """The numbered steps of a policy that fall after the drill's end."""
    for n, step in steps:
        if step.at > end:
            yield path + (n, "at"), "time is past the end of the drill"


def check_steps(
    scenario: Scenario, steps: Iterable[tuple[int, PolicyStep]], path: Path = ()
) -> Iterator[Problem]:
    """Problems of the numbered steps of a policy (those that passed the model) against a
    scenario, but for their times (`steps_past_end`)."""
    actions = in_play(scenario)
    injects: dict[str, Inject] = {}
    for inject in scenario.injects:
        injects.setdefault(inject.id, inject)
    asked = [i for i, inject in injects.items() if inject.decision is not None]
    for n, step in steps:
        here = path + (n,)
        if step.action is not None:
            if step.inject is not None or step.choice is not None:
                yield here, "a step is either an action or an inject choice, not both"
            if step.action not in actions:
                if step.action in ACTION_IDS:
                    yield here + ("action",), f'not in play "{step.action}"'
                else:
                    hint = did_you_mean(step.action, actions)
                    yield here + ("action",), f'unknown action "{step.action}"{hint}'
        elif step.inject is None or step.choice is None:
            yield here, 'a step needs "action", or "inject" and "choice"'
        elif step.inject not in asked:
            hint = did_you_mean(step.inject, asked)
            yield here + ("inject",), f'no inject with a decision called "{step.inject}"{hint}'
        else:
            decision = injects[step.inject].decision
            options = [o.id for o in decision.options] if decision else []
            if step.choice not in options:
                hint = did_you_mean(step.choice, options)
                where = here + ("choice",)
                yield where, f'no option "{step.choice}" in inject "{step.inject}"{hint}'


CheckFunction = Callable[[Scenario], Iterator[Problem]]
_CHECKS: list[tuple[frozenset[str], CheckFunction]] = []


def _needs(*sections: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check that runs when these top-level sections all passed the model."""

    def register(function: CheckFunction) -> CheckFunction:
        _CHECKS.append((frozenset(sections), function))
        return function

    return register


def check(scenario: Scenario, ok: Collection[str] | None = None) -> list[Problem]:
    """Every cross-field problem of a scenario, from the checks whose sections are all in `ok`
    (the top-level sections that passed the model; default: all of them)."""
    passed = set(Scenario.model_fields) if ok is None else set(ok)
    found = [p for needs, function in _CHECKS if needs <= passed for p in function(scenario)]
    found += _check_texts(scenario, passed)
    return found


@_needs("audience")
def _check_audience(s: Scenario) -> Iterator[Problem]:
    a = s.audience
    if abs(a.critics + a.neutrals + a.fans - 1.0) > 1e-6:
        yield ("audience", "critics"), "critics + neutrals + fans must add up to 1"


@_needs("actions")
def _check_actions(s: Scenario) -> Iterator[Problem]:
    if s.actions is not None:
        yield from _duplicates(s.actions, ("actions",), "action")
        for n, action in enumerate(s.actions):
            if action not in ACTION_IDS:
                yield (
                    ("actions", n),
                    f'unknown action "{action}"' + did_you_mean(action, ACTION_IDS),
                )


@_needs("overrides")
def _check_overrides(s: Scenario) -> Iterator[Problem]:
    for action in s.overrides:
        if action not in ACTION_IDS:
            hint = did_you_mean(action, ACTION_IDS)
            yield ("overrides", action), f'unknown action "{action}"{hint}'


@_needs("objectives")
def _check_objectives(s: Scenario) -> Iterator[Problem]:
    yield from _duplicates([o.id for o in s.objectives], ("objectives",), "objective id")


@_needs("objectives", "debrief")
def _check_debrief(s: Scenario) -> Iterator[Problem]:
    objectives = [o.id for o in s.objectives]
    for key in s.debrief:
        if key not in objectives:
            yield ("debrief", key), f'no objective "{key}"' + did_you_mean(key, objectives)


@_needs("clock")
def _check_clock(s: Scenario) -> Iterator[Problem]:
    duration, tick = s.clock.duration, s.clock.tick
    if tick > duration:
        yield ("clock", "tick"), "tick must be within the duration"
    elif duration / tick > MAX_TICKS:
        ticks = f"{duration / tick:,.0f} ticks (at most {MAX_TICKS:,})"
        yield ("clock", "tick"), f"{ticks}: lengthen the tick or shorten the duration"


@_needs("crisis", "clock")
def _check_detection(s: Scenario) -> Iterator[Problem]:
    if s.crisis.detected_at >= s.clock.duration:
        yield ("crisis", "detected_at"), "detection is past the end of the drill"


@_needs("cascade", "clock")
def _check_origin(s: Scenario) -> Iterator[Problem]:
    for n, post in enumerate(s.cascade.origin):
        if post.at >= s.clock.duration:
            yield ("cascade", "origin", n, "at"), "origin post is past the end of the drill"
        if post.platform and post.platform not in s.cascade.platforms:
            hint = did_you_mean(post.platform, s.cascade.platforms)
            where = ("cascade", "origin", n, "platform")
            yield where, f'platform "{post.platform}" not listed in cascade.platforms{hint}'


@_needs("cascade")
def _check_cascade(s: Scenario) -> Iterator[Problem]:
    if not any(s.cascade.sentiment_weights.model_dump().values()):
        yield ("cascade", "sentiment_weights"), "the sentiment weights must not all be zero"


@_needs("scoring")
def _check_scoring(s: Scenario) -> Iterator[Problem]:
    if s.scoring.outcome + s.scoring.playbook + s.scoring.timeliness <= 0:
        yield ("scoring",), "the scoring weights must not all be zero"


def _sentences(text: str) -> list[str]:
    """A text's sentences, lowercased with spaces squeezed (for comparing texts)."""
    squeezed = " ".join(text.lower().split())
    return [x.strip() for x in re.split(r"(?<=[.!?:;])\s+", squeezed) if x.strip()]


@_needs("crisis", "actions")
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


@_needs("injects", "clock")
def _check_inject_times(s: Scenario) -> Iterator[Problem]:
    for n, inject in enumerate(s.injects):
        if inject.at is not None and inject.at >= s.clock.duration:
            yield ("injects", n, "at"), "inject is past the end of the drill"


@_needs("injects", "actions")
def _check_injects(s: Scenario) -> Iterator[Problem]:
    yield from _duplicates([i.id for i in s.injects], ("injects",), "inject id")
    actions = [*in_play(s), "none"]
    for n, inject in enumerate(s.injects):
        here: Path = ("injects", n)
        if (inject.at is None) == (inject.when is None):
            yield here, 'an inject needs exactly one of "at" or "when"'
        if inject.when is not None:
            try:
                parse_condition(inject.when)
            except ValueError as err:
                yield here + ("when",), str(err)
        if inject.decision is None:
            continue
        options = [o.id for o in inject.decision.options]
        yield from _duplicates(options, here + ("decision", "options"), "option")
        for k, option in enumerate(inject.decision.options):
            if option.action not in actions:
                where = here + ("decision", "options", k, "action")
                hint = did_you_mean(option.action, actions)
                yield where, f'action "{option.action}" is not in play{hint}'
        default = inject.decision.default
        if default not in options:
            hint = did_you_mean(default, options)
            yield here + ("decision", "default"), f'no option "{default}"{hint}'


@_needs("expert", "actions", "injects")
def _check_expert(s: Scenario) -> Iterator[Problem]:
    yield from check_steps(s, enumerate(s.expert), ("expert",))


@_needs("expert", "clock")
def _check_expert_times(s: Scenario) -> Iterator[Problem]:
    yield from steps_past_end(enumerate(s.expert), s.clock.duration, ("expert",))


def text_fields(s: Scenario, ok: Collection[str]) -> Iterator[tuple[Path, str]]:
    """Every text of a scenario that is filled with placeholders, with its path (from the
    top-level sections in `ok`)."""
    if "cascade" in ok:
        for n, post in enumerate(s.cascade.origin):
            yield ("cascade", "origin", n, "text"), post.text
    if "injects" in ok:
        for n, inject in enumerate(s.injects):
            for k, root in enumerate(inject.roots):
                yield ("injects", n, "roots", k, "text"), root.text
    if "texts" not in ok:
        return
    for name, value in s.texts:
        if name == "reactions":
            for event, tones in value.items():
                for tone, lines in tones:
                    yield from ((("texts", name, event, tone, k), x) for k, x in enumerate(lines))
        elif name in ("brand", "words"):
            for key, lines in value.items():
                yield from ((("texts", name, key, k), x) for k, x in enumerate(lines))
        else:
            yield from ((("texts", name, k), x) for k, x in enumerate(value))


def shown_fields(s: Scenario, ok: Collection[str]) -> Iterator[tuple[Path, str]]:
    """Every text of a scenario shown as written (never filled), with its path (from the
    top-level sections in `ok`)."""
    if "title" in ok:
        yield ("title",), s.title
    if "brand" in ok:
        yield ("brand", "name"), s.brand.name
        yield ("brand", "handle"), s.brand.handle
    if "crisis" in ok:
        yield ("crisis", "summary"), s.crisis.summary
        yield ("crisis", "truth"), s.crisis.truth
    if "objectives" in ok:
        for n, objective in enumerate(s.objectives):
            yield ("objectives", n, "text"), objective.text
    if "injects" in ok:
        for n, inject in enumerate(s.injects):
            yield ("injects", n, "title"), inject.title
            yield ("injects", n, "text"), inject.text
            if inject.decision is not None:
                yield ("injects", n, "decision", "prompt"), inject.decision.prompt
                for k, option in enumerate(inject.decision.options):
                    yield ("injects", n, "decision", "options", k, "label"), option.label
    if "debrief" in ok:
        for key, note in s.debrief.items():
            yield ("debrief", key), note


_UNKNOWN = re.compile(r'unknown placeholder "\{(\w+)\}"')


def _check_texts(s: Scenario, ok: Collection[str]) -> Iterator[Problem]:
    if "texts" in ok:
        for action in s.texts.brand:
            if action not in CATALOGUE or not CATALOGUE[action].public:
                public = ", ".join(a for a in ACTION_IDS if CATALOGUE[a].public)
                yield ("texts", "brand", action), f'"{action}" is not a public action ({public})'
    if {"locale", "texts"} <= set(ok):  # the words a text may use are known
        known = bank_names(s.locale) | set(s.texts.words)
        for path, text in text_fields(s, ok):
            for problem in placeholder_problems(text, known):
                unknown = _UNKNOWN.fullmatch(problem)
                yield path, problem + (did_you_mean(unknown[1], known) if unknown else "")
    for path, text in shown_fields(s, ok):
        for inner in dict.fromkeys(BRACED.findall(text)):
            yield path, f'"{{{inner}}}" is shown as written here: placeholders fill post texts only'
        if CONTROL.search(text.replace("\n", "")):
            yield path, "a control character (an escape, a tab...) in a text shown on screen"
