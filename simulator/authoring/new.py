"""`crisis-drill new`: a complete, valid, commented scenario file for an instructor to edit.

The file is `template.toml` filled with the words of the locale's language
(`scaffolds/<language>.toml`, English when the language has none yet) and with what the
catalogue and SCCT say of the chosen cluster: the responses in play, the response the cluster
needs (in the decision inject and the expert policy) and the objective that grades it.
"""

import difflib
import json
import tomllib
from collections.abc import Sequence
from pathlib import Path
from string import Template
from typing import Annotated

from pydantic import TypeAdapter, ValidationError

from simulator.catalogue import CATALOGUE, CLUSTERS, ActionSpec
from simulator.durations import format_duration
from simulator.engine.responses import SCCT
from simulator.policies import SCCT_RESPONSE
from simulator.scenario.model import Scenario
from simulator.texts import HERE as BANKS

HERE = Path(__file__).resolve().parent
FALLBACK = "en"  # the scaffold's words when a language has none of its own yet
LEAK = {  # a leak of the truth: fuels a crisis the brand caused, calms a rumour
    True: {"leak_multiplier": "1.2", "leak_role": "critic", "leak_sentiment": "negative"},
    False: {"leak_multiplier": "0.8", "leak_role": "neutral", "leak_sentiment": "positive"},
}
ORIGIN = {  # who started it: a customer's complaint, or an employee's video
    "victim": ("critic", "complaint"),
    "accidental": ("critic", "complaint"),
    "preventable": ("neutral", "video"),
}
EXPERT_STEPS = ("gather_facts", "analyse_scope", "holding_statement", "draft_options")
EXPERT_MINUTES = (15, 17, 20, 25)  # since the crisis started (detected at 15m)
RESPONSE_MINUTES = 45  # the cluster's response(s), five minutes apart, then monitoring
MONITOR_MINUTES = (75, 180)


class ScaffoldError(Exception):
    """A scaffold that cannot be made: one line saying why."""


def locales() -> list[str]:
    """The locales a scenario can use: one per text bank."""
    return sorted(p.stem for p in BANKS.glob("*_*.toml"))


def check_id(scenario_id: str) -> None:
    """The scenario model's own rule for ids."""
    field = Scenario.model_fields["id"]
    try:
        TypeAdapter(Annotated[str, *field.metadata]).validate_python(scenario_id)
    except ValidationError as err:
        reason = err.errors()[0]["msg"].removeprefix("Value error, ")
        raise ScaffoldError(f'bad id "{scenario_id}": {reason}') from None


def scaffold(scenario_id: str, cluster: str, locale: str, author: str) -> str:
    """The text of a new scenario file."""
    check_id(scenario_id)
    _known("cluster", cluster, CLUSTERS)
    _known("locale", locale, locales())
    words = _words(locale)
    crisis = words[cluster]
    check = SCCT[CLUSTERS.index(cluster)].check
    response = SCCT_RESPONSE[check]
    at_fault = cluster != "victim"
    role, kind = ORIGIN[cluster]
    fields = {
        "id": scenario_id,
        "cluster": cluster,
        "locale": locale,
        "author": author,
        "check": check,
        "at_fault": "true" if at_fault else "false",
        "origin_role": role,
        "origin_kind": kind,
        "right_action": response[0],
        "response_action": response[0],
        "actions": "\n".join(_action_line(a) for a in CATALOGUE.values()),
        "expert": _expert(response),
        **LEAK[at_fault],
        **{
            f"{part}_{name}": _toml(words[f"{part}s" if part == "objective" else part][key])
            for part in ("objective", "debrief")
            for name, key in (
                ("calm", "calm"),
                ("scope", "scope"),
                ("monitor", "monitor"),
                ("check", check),
            )
        },
        **{k: _toml(v) for k, v in words.items() if isinstance(v, str)},
        **{k: _toml(v) for k, v in crisis.items()},
    }
    return Template((HERE / "template.toml").read_text(encoding="utf-8")).substitute(fields)


def write_scaffold(path: Path, text: str) -> None:
    """Write a new file; never over an existing one."""
    if path.exists():
        raise ScaffoldError(f"{path} already exists: choose another id or remove it")
    if not path.parent.is_dir():
        raise ScaffoldError(f"cannot write {path}: no folder {path.parent}")
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except OSError as err:
        raise ScaffoldError(f"cannot write {path}: {err.strerror or err}") from None


def _known(what: str, value: str, known: Sequence[str]) -> None:
    if value not in known:
        close = difflib.get_close_matches(value, known, n=1)
        guess = f"did you mean {close[0]}? " if close else ""
        raise ScaffoldError(f'unknown {what} "{value}" ({guess}known: {", ".join(known)})')


def _words(locale: str) -> dict:
    language = locale.split("_")[0]
    file = HERE / "scaffolds" / f"{language}.toml"
    if not file.exists():
        file = HERE / "scaffolds" / f"{FALLBACK}.toml"
    return tomllib.loads(file.read_text(encoding="utf-8"))


def _toml(value: str | list[str]) -> str:
    """A TOML string (multi-line when it has lines) or array of strings."""
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if "\n" in value and '"""' not in value and "\\" not in value:
        return f'"""\n{value}\n"""'
    return json.dumps(value, ensure_ascii=False)


def _action_line(spec: ActionSpec) -> str:
    mark = "; never: a classic mistake" if spec.never else ""
    return f'  "{spec.id}",  # {spec.label} ({spec.posture}{mark})'


def _expert(response: tuple[str, ...]) -> str:
    steps = [
        *zip(EXPERT_MINUTES, EXPERT_STEPS, strict=True),
        *((RESPONSE_MINUTES + 5 * n, action) for n, action in enumerate(response)),
        *((m, "monitor") for m in MONITOR_MINUTES),
    ]
    return "\n".join(
        f'[[expert]]\nat = "{format_duration(60.0 * m)}"\naction = "{action}"'
        for m, action in steps
    )
