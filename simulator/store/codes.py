"""Drill codes: a short code, read aloud and typed by hand, that gives everyone the same crisis.

A code is `<scenario id>-<scenario hash>-<seed>-<check>`, e.g. `rude-reply-ky7y-7-g`: the hash
(4 Crockford base-32 letters of the scenario file's content) catches a scenario changed since the
code was made, the check letter (Luhn mod 32) catches a mistyped character or two swapped ones.
"""

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.plain import plain

if TYPE_CHECKING:  # the home screen resolves codes before pydantic is imported
    from simulator.scenario.model import Scenario

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford's: no i, l, o, u
READS_AS = {"i": "1", "l": "1", "o": "0"}  # letters people type for the digits they mean
HASH_LEN = 4
MAX_SEED = 2**63 - 1  # a seed fits a signed 64-bit column
MAX_CODE = 120  # characters: a scenario id, a hash, 13 seed letters and a check, with room
SCENARIO_ID = re.compile(r"[a-z0-9][a-z0-9-]*")  # as the scenario model has it


class CodeError(ValueError):
    """A drill code that cannot be used, with the reason in words."""


def scenario_hash(scenario: "Scenario") -> str:
    """4 letters that change whenever the scenario's content does."""
    text = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    number = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")
    return _base32(number >> (32 - 5 * HASH_LEN), HASH_LEN)


def _base32(number: int, width: int = 1) -> str:
    digits = ""
    while number or len(digits) < width:
        number, d = divmod(number, 32)
        digits = ALPHABET[d] + digits
    return digits


def _check(payload: str) -> str:
    """Luhn mod 32 over the payload's letters: the alphabet's own values, so no two of its
    letters weigh the same (the id's i, l, o, u are folded onto it)."""
    total, factor = 0, 2
    for char in reversed(payload.replace("-", "")):
        value = ALPHABET.index(char) if char in ALPHABET else int(char, 36) % 32
        product = factor * value
        total += product // 32 + product % 32
        factor = 3 - factor
    return ALPHABET[(32 - total % 32) % 32]


@dataclass(frozen=True)
class DrillCode:
    scenario: str
    scenario_hash: str
    seed: int

    def __str__(self) -> str:
        payload = f"{self.scenario}-{self.scenario_hash}-{_base32(self.seed)}"
        return f"{payload}-{_check(payload)}"


def make_code(scenario: "Scenario", seed: int) -> DrillCode:
    if not 0 <= seed <= MAX_SEED:
        raise CodeError(f"a drill code needs a seed from 0 to {MAX_SEED}, not {seed}")
    return DrillCode(scenario.id, scenario_hash(scenario), seed)


def parse_code(text: str) -> DrillCode:
    """A code as typed (any case, spaces around, i/l/o for 1/1/0 in the letters after the id)."""
    shown = plain(text.strip())[:80]
    raw = text.strip().lower()
    parts = raw.rsplit("-", 3)
    if len(raw) > MAX_CODE or len(parts) != 4 or not all(parts):
        raise CodeError(f'"{shown}" is not a drill code (like rude-reply-ky7y-7-g)')
    scenario, rest = parts[0], ["".join(READS_AS.get(c, c) for c in p) for p in parts[1:]]
    hash_, seed, check = rest
    if len(hash_) != HASH_LEN or len(check) != 1:
        raise CodeError(f'"{shown}" is not a drill code (like rude-reply-ky7y-7-g)')
    if not SCENARIO_ID.fullmatch(scenario) or any(c not in ALPHABET for c in "".join(rest)):
        raise CodeError(f'drill code "{shown}" has a mistyped character (outside its alphabet)')
    if _check(f"{scenario}-{hash_}-{seed}") != check:
        raise CodeError(f'drill code "{shown}" has a mistyped character (its check fails)')
    number = _number(seed)
    if number > MAX_SEED:
        raise CodeError(f'drill code "{shown}" has a seed past {MAX_SEED} (mistyped?)')
    return DrillCode(scenario, hash_, number)


def _number(digits: str) -> int:
    value = 0
    for c in digits:
        value = value * 32 + ALPHABET.index(c)
    return value


def check_current(code: DrillCode, scenario: "Scenario") -> None:
    """Refuse a code made for another version of the scenario."""
    now = scenario_hash(scenario)
    if code.scenario_hash != now:
        raise CodeError(
            f"drill code {code} was made for another version of {scenario.id} "
            f"(hash {code.scenario_hash}, now {now}): ask for a new code"
        )


def resolve_code(text: str, library: Mapping[str, "Scenario"]) -> tuple["Scenario", DrillCode]:
    """The scenario (by id, in `library`) and seed a typed code names, if it is still current."""
    code = parse_code(text)
    scenario = library.get(code.scenario)
    if scenario is None:
        raise CodeError(f"drill code {code}: no scenario {code.scenario} in the library")
    check_current(code, scenario)
    return scenario, code
