"""`crisis-drill report`: Markdown and a self-contained HTML page that a browser renders."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from simulator.cli import main

POLICY = """
[[actions]]
at = "10m"
action = "canned_reply"
[[actions]]
at = "2h"
action = "delete_comments"
[[actions]]
at = "3h"
action = "public_apology"
"""


@pytest.fixture(scope="module")
def drill_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drill")
    (folder / "policy.toml").write_text(POLICY)
    out = folder / "drill.json"
    result = subprocess.run(
        [sys.executable, "-m", "simulator", "run", "rude-reply", "--seed", "3", "--json"]
        + ["--policy", str(folder / "policy.toml")],
        capture_output=True,
        text=True,
        check=True,
    )
    out.write_text(result.stdout)
    return out


def test_markdown_report_has_every_section(drill_file: Path, capsys) -> None:
    assert main(["report", str(drill_file)]) == 0
    md = capsys.readouterr().out
    drill = json.loads(drill_file.read_text())
    for heading in (
        "# After-action report: The screenshotted reply",
        "## Score",
        "## Negative mentions over time",
        "## Decisions",
        "## Strengths",
        "## Areas for improvement",
        "## Learning objectives",
    ):
        assert heading in md
    assert f"| **{drill['score']['total']:.1f}** |" in md
    assert "▲ fuelled" in md and "Delete comments" in md
    assert "✗ **Calm**: The stock reply 0s after detection was rushed." in md
    assert drill["outcome"]["headline"] in md  # the outcome in its own unit
    internal = [a["action"] for a in drill["actions"]] + [c["id"] for c in drill["checks"]]
    assert not [word for word in internal if "_" in word and word in md]  # labels, not ids
    assert "A preventable crisis needs rebuild" in md  # the scenario's debrief note
    assert "| 12h |" in md


def test_html_report_is_self_contained_with_an_svg_chart(drill_file: Path, tmp_path) -> None:
    page = tmp_path / "report.html"
    assert main(["report", str(drill_file), "--format", "html", "-o", str(page)]) == 0
    html = page.read_text()
    assert html.startswith("<!doctype html>") and "<svg" in html
    for series in ("trainee", "ignore", "expert"):
        assert f'class="series-{series}"' in html
    assert html.count('stroke-dasharray="3 3"') == 3  # one marker per decision
    assert "http" not in html.replace("http://www.w3.org/2000/svg", "")  # nothing to fetch


def test_report_errors_are_one_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["report", str(bad)]) == 1  # bad input
    assert main(["report", str(tmp_path / "missing.json")]) == 2  # usage: no such file
    bad.write_text('{"scenario": "rude-reply"}')
    assert main(["report", str(bad)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("crisis-drill: ") for line in lines)


def test_the_html_report_renders_in_a_real_browser(drill_file: Path, tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing: .ci/run installs Debian's chromium")
        pytest.skip("chromium is not installed (CI installs it)")
    page, shot = tmp_path / "report.html", tmp_path / "report.png"
    assert main(["report", str(drill_file), "--format", "html", "-o", str(page)]) == 0
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
        + [f"--screenshot={shot}", "--window-size=1000,1400", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    with Image.open(shot) as image:
        assert image.size == (1000, 1400)
        colours = {rgb: n for n, rgb in image.convert("RGB").getcolors(maxcolors=2**24)}
    # The page is drawn: far from blank, with the chart's blue and vermillion lines in it.
    assert colours.get((255, 255, 255), 0) < 0.97 * 1000 * 1400
    assert colours.get((0, 0x72, 0xB2), 0) > 200 and colours.get((0xD5, 0x5E, 0x00), 0) > 200
