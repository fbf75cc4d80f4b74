"""Write fitted numbers into a scenario file: only the cascade's fields change, line by line,
so the instructor's comments, order and layout stay as they were."""

import re
import tomllib
from collections.abc import Mapping

HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\s\"-]+?)\s*\]\]?\s*(#.*)?$")
KEY = re.compile(r"^(\s*)([A-Za-z0-9_-]+)(\s*=\s*)(.*?)(\s*#.*)?$")


class RewriteError(ValueError):
    """A file whose cascade cannot be rewritten line by line (the message says what to set)."""


def _sections(lines: list[str]) -> list[tuple[str, int, int]]:
    """(table name, first line after its header, end) for each table header of the file."""
    heads = [
        (n, m[1].replace(" ", "")) for n, line in enumerate(lines) if (m := HEADER.match(line))
    ]
    out = []
    for i, (at, name) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(lines)
        out.append((name, at + 1, end))
    return out


def _set(lines: list[str], start: int, end: int, values: Mapping[str, str]) -> None:
    """Set keys in lines[start:end] (a table's body): a key present keeps its comment; a key
    absent is added after the last key of the table."""
    missing = dict(values)
    last = start - 1
    for n in range(start, end):
        m = KEY.match(lines[n])
        if not m:
            continue
        last = n
        if m[2] in missing:
            lines[n] = f"{m[1]}{m[2]}{m[3]}{missing.pop(m[2])}{m[5] or ''}"
    for offset, (key, value) in enumerate(missing.items()):
        lines.insert(last + 1 + offset, f"{key} = {value}")


def rewrite(text: str, cascade: Mapping[str, str], origin: Mapping[str, str]) -> str:
    """The file's text with `cascade` keys set in [cascade] and `origin` keys in its first
    [[cascade.origin]] (values already written as TOML)."""
    lines = text.splitlines()
    sections = _sections(lines)
    names = [name for name, _, _ in sections]
    wanted = ", ".join(f"{k} = {v}" for k, v in {**cascade, **origin}.items())
    if "cascade" not in names or (origin and "cascade.origin" not in names):
        raise RewriteError(
            "the file has no [cascade] table with [[cascade.origin]] tables to rewrite; "
            f"set these by hand: {wanted}"
        )
    targets = [(sections[names.index("cascade")], cascade)]
    if origin:
        targets.append((sections[names.index("cascade.origin")], origin))
    for (_, start, end), values in sorted(targets, key=lambda t: -t[0][1]):  # bottom up
        _set(lines, start, end, values)
    out = "\n".join(lines) + ("\n" if text.endswith("\n") else "")
    try:
        written = tomllib.loads(out)["cascade"]
    except (tomllib.TOMLDecodeError, KeyError):
        written = {}
    for table, values in ((written, cascade), ((written.get("origin") or [{}])[0], origin)):
        for key, value in values.items():
            if table.get(key) != tomllib.loads(f"v = {value}")["v"]:
                raise RewriteError(f"{key} could not be set line by line; set by hand: {wanted}")
    return out
