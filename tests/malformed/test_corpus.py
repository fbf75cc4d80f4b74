# ruff: noqa: E501  (tables of messages read best one to a line)
"""The corpus of malformed inputs: scenario files, policy files, files that are not files, and
the arguments that name them. Each gets its message (the first line, file:line:col for files),
its exit code, one line per problem, and never a traceback."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scenario.loader import MAX_POLICY_STEPS, MAX_SCENARIO_BYTES

HERE = Path(__file__).resolve().parent
POLICIES = HERE / "policies"
MINI = (HERE / "13-stance-sum.toml").read_text().replace("fans = 0.5", "fans = 0.0")

# Scenario files: `validate FILE` exits 1; its first line is FILE:<this>.
SCENARIOS = {
    "01-toml-syntax": "2:26: toml: Illegal character",
    "02-unknown-key": "4:1: colour: unknown key",
    "03-wrong-type": '10:1: brand.followers: Input should be a valid integer, not the text "many"',
    "04-bad-duration": '31:1: clock.duration: bad duration "90 minutes"',
    "05-unknown-action-expert": '48:1: expert[0].action: unknown action "gather_fact"',
    "06-action-not-in-play": '50:1: expert[0].action: not in play "public_apology"',
    "07-condition-unknown-metric": '35:1: injects[0].when: unknown metric "angry_people"',
    "08-condition-bad-form": '35:1: injects[0].when: bad condition "negative_mentions is big"',
    "09-duplicate-inject": '46:1: injects[1]: duplicate inject id "journalist"',
    "10-duplicate-objective": '7:3: objectives[1]: duplicate objective id "calm"',
    "11-missing-field": "12:1: crisis.truth: missing",
    "12-bad-cluster": "13:1: crisis.cluster: Input should be 'victim', 'accidental' or",
    "13-stance-sum": "21:1: audience.critics: critics + neutrals + fans must add up to 1",
    "14-audience-too-small": "20:1: audience.size: Input should be greater than or equal to 100",
    "15-default-not-an-option": '40:1: injects[0].decision.default: no option "maybe"',
    "16-option-unknown-action": '42:52: injects[0].decision.options[0].action: action "hold_on"',
    "17-expert-past-end": "47:1: expert[0].at: time is past the end of the drill",
    "18-inject-past-end": "35:1: injects[0].at: inject is past the end of the drill",
    "19-expert-unknown-choice": '53:1: expert[1].choice: no option "apology"',
    "20-expert-unknown-inject": '52:1: expert[1].inject: no inject with a decision called "rep',
    "21-debrief-unknown-objective": '57:1: debrief.scope: no objective "scope"',
    "22-unknown-placeholder": '47:14: texts.complaint[0]: unknown placeholder "{crime}"',
    "23-bad-id": "1:1: id: use 1 to 64 lowercase letters, digits and dashes",
    "24-override-unknown-action": '46:1: overrides.teleport: unknown action "teleport"',
    "25-negative-infectiousness": "23:1: cascade.base_infectiousness: Input should be greater",
    "26-inject-at-and-when": '33:1: injects[0]: an inject needs exactly one of "at" or "when"',
    "27-no-origin": "22:1: cascade.origin: missing",
    "28-bad-kernel": "25:1: cascade.kernel: Input should be 'exponential' or 'seismic'",
    "29-summary-gives-facts": "15:1: crisis.summary: the summary gives away the facts",
    "30-string-for-int": '10:1: brand.followers: Input should be a valid integer, not the text "40000": write the number without quotes',
    "31-string-for-bool": '14:1: crisis.at_fault: Input should be a valid boolean, not the text "yes": write true or false',
    "32-float-for-int": "10:1: brand.followers: Input should be a valid integer, not 1000.0",
    "33-nan": "26:1: cascade.base_infectiousness: Input should be a finite number, not nan",
    "34-inf": "21:1: audience.follower_median: Input should be a finite number, not inf",
    "35-huge-int": "10:1: brand.followers: Input should be less than or equal to 1000000000",
    "36-thousand-digit-int": "10:1: brand.followers: Input should be less than or equal to",
    "37-zero-tick": '35:1: clock.tick: a duration from 1s to 1h here, not "0s"',
    "38-zero-pace": "35:1: clock.pace: a duration from 1m to 1d here, not 0",
    "39-too-many-ticks": "35:1: clock.tick: 2,592,000 ticks (at most 50,000)",
    "40-duration-too-long": '34:1: clock.duration: a duration from 1m to 30d here, not "400d"',
    "41-zero-mean-delay": '27:1: cascade.mean_delay: a duration from 1s to 7d here, not "0s"',
    "42-zero-spread": "21:1: audience.follower_spread: Input should be greater than or equal to 0.1",
    "43-empty-objective-id": '5:17: objectives[0].id: an id is 1 to 64 letters, digits, "-" and "_" (empty)',
    "44-empty-inject-id": "37:1: injects[0].id: an id is 1 to 64 letters",
    "45-unknown-locale": '5:1: locale: unknown locale "en_UK" (did you mean "en_US"?)',
    "46-path-as-locale": '5:1: locale: unknown locale "../../../etc/passwd"',
    "47-deep-nesting": "5:25: colour[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nested over 16",
    "48-very-deep-nesting": "1:1: toml: nested too deeply",
    "49-long-dotted-key": "5:1: toml: a key of over 32 dotted parts",
    "50-huge-list": "28:1: cascade.platforms: 10,001 entries (at most 10,000)",
    "51-misspelt-key": '11:1: brand.reputaton: unknown key (did you mean "reputation"?)',
    "52-misspelt-cluster": '13:1: crisis.cluster: Input should be \'victim\', \'accidental\' or \'preventable\', not "preventible" (did you mean "preventable"?)',
    "53-misspelt-required-key": '16:1: crisis.truht: unknown key (did you mean "truth"?)',
    "54-table-for-text": "2:1: title: Input should be a valid string, not a table",
    "55-text-for-table": '5:1: brand: should be a table, not the text "Acme"',
    "56-date-for-duration": "34:1: clock.duration: a duration is a string like",
    "57-format-spec": '31:1: cascade.origin[0].text: "{brand:>200000000}" is not a placeholder',
    "58-escape-in-title": "2:1: title: a control character",
    "59-zero-sentiment-weights": "28:1: cascade.sentiment_weights: the sentiment weights must not",
    "60-not-utf8": "8:11: (file): not UTF-8 text",
    "61-duplicate-key": "11:17: toml: Cannot overwrite a value",
    "62-empty-file": "1:1: audience: missing",
    "63-negative-duration": "38:1: injects[0].at: a duration from 0s to 30d here, not -5",
    "64-misspelt-metric": '38:1: injects[0].when: unknown metric "negative_mention" (did you mean "negative_mentions"?)',
    "65-misspelt-action": '51:1: expert[0].action: unknown action "gather_fact" (did you mean "gather_facts"?)',
    "66-unknown-placeholder-typo": '31:1: cascade.origin[0].text: unknown placeholder "{brnad}" (did you mean "brand"?)',
    "67-list-for-table": "5:1: clock: should be a table, not a list",
    "68-bool-for-number": "26:1: cascade.base_infectiousness: Input should be a valid number, not true",
    "69-infectiousness-too-high": "26:1: cascade.base_infectiousness: Input should be less than or equal to 3",
    "70-ten-digit-audience": "20:1: audience.size: Input should be less than or equal to 1000000",
    "71-long-id": "1:1: id: use 1 to 64 lowercase letters",
    "72-empty-platform": "28:14: cascade.platforms[0]: String should have at least 1 character",
    "73-huge-timeout": '43:1: injects[0].decision.timeout: a duration from 30s to 10m here, not "2h"',
    "74-inject-at-inf": "38:1: injects[0].at: a duration from 0s to 30d here, not inf",
}  # fmt: skip

# Policy files for `run rude-reply --policy FILE`: exit 1; the first line is FILE:<this>.
POLICY_FILES = {
    "p01-toml-syntax.toml": "1:10: toml: Expected ']]'",
    "p02-no-actions.toml": "1:1: actions: a policy is a list of steps under 'actions'",
    "p03-misspelt-action.toml": '7:1: actions[1].action: unknown action "public_apolgy" (did you mean "public_apology"?)',
    "p04-bad-duration.toml": '6:1: actions[1].at: bad duration "40 minutes"',
    "p05-past-end.toml": "6:1: actions[1].at: time is past the end of the drill",
    "p06-empty-action.toml": "7:1: actions[1].action: an id is 1 to 64 letters",
    "p07-inject-without-choice.toml": '9:1: actions[2]: a step needs "action", or "inject" and "choice"',
    "p08-misspelt-choice.toml": '12:1: actions[2].choice: no option "apolgy" in inject "journalist-call" (did you mean "apology"?)',
    "p09-misspelt-inject.toml": '11:1: actions[2].inject: no inject with a decision called "journalist-cal" (did you mean "journalist-call"?)',
    "p10-action-and-inject.toml": "9:1: actions[2]: a step is either an action or an inject choice",
    "p11-bool-time.toml": '6:1: actions[1].at: a duration is a string like "45s", "90m" or "1h30m", not true',
    "p12-misspelt-key.toml": '6:1: actions[1].att: unknown key (did you mean "at"?)',
    "p13-nan-time.toml": "6:1: actions[1].at: a duration from 0s to 30d here, not nan",
    "p14-number-action.toml": "7:1: actions[1].action: Input should be a valid string, not 7",
    "p15-actions-not-a-list.toml": "1:1: actions: a policy is a list of steps",
    "p16-json-syntax.json": "1:37: json: Expecting value",
    "p17-json-not-a-list.json": "1:1: actions: a policy is a list of steps",
    "p18-json-nan.json": "1:2: actions[0].at: a duration from 0s to 30d here, not nan",
    "p19-json-huge-number.json": "1:2: actions[0].at: a duration from 0s to 30d here, not inf",
    "p20-json-string-step.json": '1:2: actions[0]: should be a table, not the text "monitor at 10m"',
    "p21-json-thousand-digit-int.json": "1:2: actions[0].at: a duration from 0s to 30d here, not a number of over 20 digits",
    "p22-json-deep-nesting.json": "1:1: json: nested too deeply",
    "p23-unknown-action.toml": '7:1: actions[1].action: unknown action "teleport"',
    "p24-empty-file.toml": "1:1: actions: a policy is a list of steps",
    "p25-not-utf8.toml": "7:15: (file): not UTF-8 text",
}  # fmt: skip


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe.toml")  # never opened: opening a FIFO would wait for a writer
    return tmp / "pipe.toml"


def _oversize(tmp: Path) -> Path:
    path = tmp / "big.toml"
    path.write_text(MINI + "#" * MAX_SCENARIO_BYTES)
    return path


def _too_many_steps(tmp: Path) -> Path:
    path = tmp / "long.toml"
    path.write_text('[[actions]]\nat = "1h"\naction = "monitor"\n' * (MAX_POLICY_STEPS + 1))
    return path


def _folder(tmp: Path) -> Path:
    (tmp / "folder").mkdir()
    return tmp / "folder"


def _mini(tmp: Path) -> Path:
    path = tmp / "mini.toml"
    path.write_text(MINI)
    return path


# Inputs that are not ordinary files, and the arguments naming them: (arguments with {f} for
# the made input, maker, the first line (with {f}), exit code).
MADE: list[tuple[list[str], Callable[[Path], Path], str, int]] = [
    (["validate", "{f}"], _fifo, "{f}: not a regular file (a pipe, a socket or a device)", 1),
    (["validate", "/dev/zero"], _mini, "/dev/zero: not a regular file", 1),
    (["validate", "{f}"], _oversize, "{f}: too big (5,000,980 bytes; at most 5,000,000): not read", 1),
    (["validate", "{f}/nope.toml"], _folder, "{f}/nope.toml: cannot read: no such file", 1),
    (["validate", "{f}"], _folder, "{f}: no scenario files (*.toml) in this folder", 1),
    (["run", "{f}", "--policy", "expert"], _fifo, "{f}: not a regular file", 1),
    (["run", "{f}", "--policy", "expert"], _oversize, "{f}: too big", 1),
    (["run", "rude-reply", "--policy", "{f}"], _fifo, "{f}: not a regular file", 1),
    (["run", "rude-reply", "--policy", "{f}"], _folder, "{f}: is a folder, not a file", 1),
    (["run", "rude-reply", "--policy", "{f}"], _too_many_steps, "{f}:1:1: actions: 10,001 steps (at most 10,000)", 1),
    (["run", "rude-reply", "--policy", "/dev/zero"], _mini, "/dev/zero: not a regular file", 1),
    (["run", "rude-reply", "--policy", "{f}x"], _mini, 'crisis-drill: --policy "{f}x": no such file (a policy is expert, ignore, or a TOML or JSON file)', 2),
    (["run", "{f}", "--policy", "expert", "--seed", "x"], _mini, "crisis-drill: argument --seed: a seed is a whole number", 2),
    (["validate"], _mini, "crisis-drill: the following arguments are required: paths", 2),
]  # fmt: skip


def _first_line(args: list[str], code: int, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err
    lines = err.strip().splitlines()
    assert lines, "no message printed"
    return lines[0]


def test_the_corpus_is_complete() -> None:
    assert sorted(p.stem for p in HERE.glob("*.toml")) == sorted(SCENARIOS)
    assert sorted(p.name for p in POLICIES.iterdir()) == sorted(POLICY_FILES)
    assert len(SCENARIOS) + len(POLICY_FILES) + len(MADE) >= 60


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_malformed_scenario_gives_its_message(name: str, capsys) -> None:
    path = HERE / f"{name}.toml"
    first = _first_line(["validate", str(path)], 1, capsys)
    assert first.startswith(f"{path}:{SCENARIOS[name]}"), first


@pytest.mark.parametrize("name", sorted(POLICY_FILES))
def test_malformed_policy_gives_its_message(name: str, capsys) -> None:
    path = POLICIES / name
    first = _first_line(["run", "rude-reply", "--policy", str(path)], 1, capsys)
    assert first.startswith(f"{path}:{POLICY_FILES[name]}"), first


@pytest.mark.parametrize(("args", "make", "message", "code"), MADE)
def test_inputs_that_are_not_files_are_refused_unread(
    args: list[str], make: Callable[[Path], Path], message: str, code: int, tmp_path: Path, capsys
) -> None:
    made = str(make(tmp_path))
    first = _first_line([a.replace("{f}", made) for a in args], code, capsys)
    assert first.startswith(message.replace("{f}", made)), first
