"""The corpus of malformed scenarios: each gives its file:line:col message, exit 1, no traceback."""

import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main
from tests.conftest import SHIPPED

MALFORMED = Path(__file__).resolve().parent.parent / "malformed"
EXPECTED = {
    "01-toml-syntax": "2:26: toml: Illegal character",
    "02-unknown-key": "4:1: colour: unknown key",
    "03-wrong-type": "10:1: brand.followers: Input should be a valid integer",
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
    "23-bad-id": "1:1: id: use lowercase letters, digits and dashes",
    "24-override-unknown-action": '46:1: overrides.teleport: unknown action "teleport"',
    "25-negative-infectiousness": "23:1: cascade.base_infectiousness: Input should be greater",
    "26-inject-at-and-when": '33:1: injects[0]: an inject needs exactly one of "at" or "when"',
    "27-no-origin": "22:1: cascade.origin: missing",
    "28-bad-kernel": "25:1: cascade.kernel: Input should be 'exponential' or 'seismic'",
    "29-summary-gives-facts": "15:1: crisis.summary: the summary gives away the facts",
}


def test_the_corpus_is_complete() -> None:
    assert sorted(p.stem for p in MALFORMED.glob("*.toml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_file_gives_its_message(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = MALFORMED / f"{name}.toml"
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err, "no message printed"
    assert err[0] == f"{path}:{EXPECTED[name]}" or err[0].startswith(f"{path}:{EXPECTED[name]}")
    assert all(line.startswith(f"{path}:") for line in err), err
    assert "Traceback" not in "\n".join(err)


def test_all_problems_are_reported_at_once(tmp_path: Path, capsys) -> None:
    text = (MALFORMED / "03-wrong-type.toml").read_text()
    text = text.replace('duration = "6h"', 'duration = "6 hours"').replace(
        'cluster = "preventable"', 'cluster = "oops"'
    )
    bad = tmp_path / "many.toml"
    bad.write_text(text)
    assert main(["validate", str(bad)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert [line.split(": ")[1] for line in lines] == [
        "brand.followers",
        "crisis.cluster",
        "clock.duration",
    ]


def test_shipped_scenarios_are_valid(capsys) -> None:
    assert main(["validate", *map(str, SHIPPED.values())]) == 0
    assert capsys.readouterr().out.count(": ok") == len(SHIPPED)


def test_unreadable_file_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    result = subprocess.run(
        [sys.executable, "-m", "simulator", "validate", str(missing), str(binary)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in result.stderr
    assert lines == [
        f"{missing}: cannot read: no such file",
        f"{binary}:1:1: (file): not UTF-8 text",
    ]
