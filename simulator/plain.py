"""User-supplied text as plain text: shown with its control characters made visible, and names
and teams checked where they are typed.

Ground floor: imports nothing from simulator. Every surface that shows a name, a team, a code,
a scenario or post text (CLI tables and messages, store views, reports, screens) passes it
through `plain` first; each surface then escapes its own syntax (Rich/Textual markup, HTML,
Markdown) on top.
"""

import re

NAME_MAX = 40  # characters in a name or a team
# C0 and C1 controls, DEL, lone surrogates, line/paragraph separators, zero-width and
# direction-changing characters: anything that moves the cursor, restyles or hides text.
CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures: ␛ for ESC, ␊ for a newline
    return "␡" if code == 0x7F else "\ufffd"


def plain(text: object) -> str:
    """`text` as a string that prints as itself: control characters replaced by visible marks."""
    return CONTROL.sub(_visible, str(text))


def check_name(value: str, what: str = "name") -> str:
    """A name or team as typed, stripped; ValueError (in words) unless printable and short."""
    if not isinstance(value, str):
        raise ValueError(f"a {what} is text, not {type(value).__name__}")
    name = value.strip()
    if not name:
        raise ValueError(f"a {what} cannot be empty")
    if len(name) > NAME_MAX:
        raise ValueError(f"a {what} has at most {NAME_MAX} characters, not {len(name)}")
    bad = next((c for c in name if not c.isprintable()), None)
    if bad is not None:
        raise ValueError(f"a {what} has only printable characters, not U+{ord(bad):04X}")
    return name


def clean_name(text: str) -> str:
    """A name or team typed in a field, made acceptable to `check_name` where it can be:
    printable, one line, spaces collapsed, at most NAME_MAX characters ("" if nothing is left)."""
    printable = "".join(c if c.isprintable() else " " for c in text)
    return " ".join(printable.split())[:NAME_MAX].strip()
