"""Text banks: a small phrase grammar read from data files, one per language.

A bank (`en_US.toml`, `es_ES.toml`...) holds rules (named lists of alternatives) and the
sections a post's text is drawn from: by kind and sentiment, by stage, by reaction to the
brand's last public move, and the platforms' registers. Every text anywhere (bank lines, root
posts, scenario texts) is filled by one safe substitution, `fill`: a regex over `{name}`,
nothing else (no format specs, no attribute access, no code). Draws are hashes of a post's
identity (`Draw`), so a text is the same on every run and in every process.
"""

import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
BRACED = re.compile(r"\{([^{}]*)\}")  # anything in braces: a placeholder, or a mistake
# Names filled from the post and the scenario (the rest are rules of the bank or scenario words).
CONTEXT = frozenset(
    {
        "brand",  # the brand's name
        "handle",  # the brand's handle
        "tag",  # a hashtag of the brand's name
        "product",  # the scenario's product
        "subject",  # what went wrong, as a noun phrase
        "name",  # the author's name
        "city",  # the author's city
        "platform",  # where the post is
        "waited",  # time since the crisis was detected ("3 hours")
        "since",  # time since the brand's last public move
        "first_name",  # someone else's first name (Faker, the scenario's locale)
        "place",  # a town (Faker)
        "street",  # a street name (Faker)
        "weekday",  # a day of the week (Faker)
        "n",  # a small number, 2 to 9
        "count",  # a number of people, 12 to 480
    }
)
MAX_DEPTH = 6  # rules may refer to rules this deep

_MASK = (1 << 64) - 1


def _mix(z: int) -> int:
    """SplitMix64 on Python integers (the same numbers on every machine and process)."""
    z = (z + 0x9E3779B97F4A7C15) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


class Draw:
    """A stream of draws seeded by integers (a post's identity): no shared state."""

    __slots__ = ("state",)

    def __init__(self, *parts: int) -> None:
        state = 0
        for part in parts:
            state = _mix(state ^ (part & _MASK))
        self.state = state

    def below(self, n: int) -> int:
        self.state = _mix(self.state)
        return self.state % n

    def chance(self, p: float) -> bool:
        self.state = _mix(self.state)
        return (self.state >> 11) * (1.0 / (1 << 53)) < p


@lru_cache(maxsize=4096)
def _parts(template: str) -> tuple[str, ...]:
    """A template split at its placeholders: literal, name, literal, name, ..., literal."""
    return tuple(PLACEHOLDER.split(template))


def fill(template: str, value: Callable[[str], str | None]) -> str:
    """The one substitution: each `{name}` becomes value(name); a name without a value stays
    as written. Nothing else in the template is interpreted."""
    parts = _parts(template)
    if len(parts) == 1:
        return template
    out = []
    for n, part in enumerate(parts):
        if n % 2 == 0:
            out.append(part)
        else:
            got = value(part)
            out.append("{" + part + "}" if got is None else got)
    return "".join(out)


def placeholder_problems(text: str, known: frozenset[str] | set[str]) -> Iterator[str]:
    """What is wrong with the placeholders of one text: unknown names, or braces that are not
    a plain name (a format spec, an attribute, an index)."""
    for inner in dict.fromkeys(BRACED.findall(text)):
        if not PLACEHOLDER.fullmatch("{" + inner + "}"):
            yield f'"{{{inner}}}" is not a placeholder: use a plain name like {{brand}}'
        elif inner not in known:
            yield f'unknown placeholder "{{{inner}}}"'


Lines = tuple[str, ...]


@dataclass(frozen=True)
class Bank:
    """One language's grammar and sections, as read from its data file."""

    locale: str
    rules: dict[str, Lines]
    defaults: dict[str, str]
    units: dict[str, str]
    kinds: dict[str, dict[str, Lines]]  # kind -> tone -> lines
    stages: dict[str, dict[str, Lines]]  # stage -> tone -> lines
    reactions: dict[str, dict[str, Lines]]  # reaction -> tone (and "late", "news") -> lines
    platforms: dict[str, dict[str, Lines]]  # platform -> "prefix"/"suffix" -> lines

    @property
    def names(self) -> frozenset[str]:
        """Every placeholder a text may use with this bank."""
        return CONTEXT | frozenset(self.rules)

    def all_lines(self) -> Iterator[tuple[str, str]]:
        """(where, line) for every line of the bank, to check them."""
        for rule, lines in self.rules.items():
            yield from ((f"rules.{rule}", line) for line in lines)
        for name in ("kinds", "stages", "reactions", "platforms"):
            for key, table in getattr(self, name).items():
                for sub, lines in table.items():
                    yield from ((f"{name}.{key}.{sub}", line) for line in lines)

    def duration(self, seconds: float) -> str:
        """A rough duration in words: "40 minutes", "3 hours"."""
        minutes = max(1, round(seconds / 60))
        if minutes < 90:
            return fill(self.units["minutes" if minutes > 1 else "minute"], {"n": str(minutes)}.get)
        hours = round(minutes / 60)
        return fill(self.units["hours"], {"n": str(hours)}.get)


def _lines(table: dict[str, list[str]]) -> dict[str, Lines]:
    return {key: tuple(lines) for key, lines in table.items()}


@lru_cache(maxsize=8)
def load_bank(locale: str) -> Bank:
    """The bank for a locale: its own file, else one of its language, else en_US."""
    file = HERE / f"{locale}.toml"
    if not file.exists():
        language = locale.split("_")[0]
        same = sorted(HERE.glob(f"{language}_*.toml"))
        file = same[0] if same else HERE / "en_US.toml"
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    return Bank(
        locale=file.stem,
        rules=_lines(data["rules"])
        | {f"root_{k}": tuple(v) for k, v in data["roots"].items()}
        | {f"brand_{k}": tuple(v) for k, v in data["brand_posts"].items()},
        defaults=dict(data["defaults"]),
        units=dict(data["units"]),
        kinds={k: _lines(v) for k, v in data["kinds"].items()},
        stages={k: _lines(v) for k, v in data["stages"].items()},
        reactions={k: _lines(v) for k, v in data["reactions"].items()},
        platforms={k: _lines(v) for k, v in data["platforms"].items()},
    )


def bank_names(locale: str) -> frozenset[str]:
    """Placeholders a scenario in `locale` may use (before its own words)."""
    return load_bank(locale).names
