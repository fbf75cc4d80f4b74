"""`serve`: loopback unless --public; and end to end in a real headless browser (Debian's
chromium driven by playwright): home, a name, a drill, an action, the end, and the drill on the
leaderboard through the command line. The drill screen's screenshot is kept as an artefact."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.serve import is_loopback

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "tests" / "artefacts"  # kept after the run (git-ignored)
NAME = "Browser Bea"


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.7", "::", "drills.example.org"])
def test_serve_refuses_a_host_others_can_reach_without_public(host: str, capsys) -> None:
    assert main(["serve", "--host", host]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--public" in err and f"refusing to serve on {host}" in err


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.3.2.1", True), ("::1", True), ("localhost", True),
     ("0.0.0.0", False), ("10.0.0.1", False), ("example.org", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_public_warns_and_points_at_the_proxy_example() -> None:
    from simulator.serve import check_host

    warning = check_host("0.0.0.0", public=True)
    assert warning is not None and "reverse proxy" in warning and "deploy/Caddyfile" in warning
    assert (ROOT / "deploy" / "Caddyfile").is_file()


def _browser() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing: .ci/run installs Debian's chromium")
        pytest.skip("chromium is not installed (CI installs it)")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """`crisis-drill serve` on a free loopback port with its own store: (page URL, store)."""
    db, port = str(tmp_path / "drills.sqlite3"), _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "simulator",
            "serve",
            "--port",
            str(port),
            "--db",
            db,
            "--data-dir",
            str(tmp_path / "data"),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/", db
    finally:
        server.terminate()
        server.wait(timeout=30)


ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]")


def _text(frame: str | bytes) -> str:
    """A websocket frame of the app's output as plain text (its escape sequences dropped)."""
    raw = frame if isinstance(frame, str) else frame.decode("utf-8", errors="replace")
    return ESCAPES.sub("", raw)


def _on_board(db: str) -> bool:
    out = subprocess.run(
        [sys.executable, "-m", "simulator", "leaderboard", "--json", "--db", db],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return any(d["name"] == NAME for d in json.loads(out.stdout)["drills"])


def test_a_drill_in_the_browser_lands_on_the_leaderboard(served: tuple[str, str]) -> None:
    from playwright.sync_api import sync_playwright  # the test extra installs it

    browser = _browser()
    url, db = served
    ARTEFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=browser, args=["--no-sandbox"])
        page = chromium.new_page(viewport={"width": 1280, "height": 800})
        drawn: list[str] = []  # what the app wrote to the browser's terminal (xterm.js draws
        # on a canvas, so the page has no text to read: the websocket's frames have it)
        page.on("websocket", lambda ws: ws.on("framereceived", lambda f: drawn.append(_text(f))))
        page.goto(url)

        def screen_text() -> str:
            return "".join(drawn)[-20_000:]

        def wait_text(text: str, timeout: float = 60) -> None:
            deadline = time.monotonic() + timeout
            while text not in "".join(drawn):
                assert time.monotonic() < deadline, f"{text!r} never shown:\n{screen_text()}"
                page.wait_for_timeout(250)

        wait_text("Scenario library")  # home
        page.mouse.click(700, 44)  # the name field (top right at 1280x800): keys go there
        page.wait_for_timeout(1000)  # each key is a round trip to the visitor's process
        page.keyboard.press("End")
        for _ in range(20):
            page.keyboard.press("Backspace")
        page.wait_for_timeout(1000)
        page.keyboard.type(NAME, delay=100)
        page.wait_for_timeout(2000)
        page.screenshot(path=str(ARTEFACTS / "browser-home.png"))
        page.keyboard.press("Enter")  # start: the briefing
        wait_text("Start the drill")
        page.keyboard.press("Enter")
        wait_text("Responses")  # the drill screen
        page.keyboard.press("a")  # analyse the scope
        wait_text("Analyse the scope")
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTEFACTS / "browser-drill.png"))
        page.keyboard.press("End")  # finish: injects on the way are answered
        deadline = time.monotonic() + 240
        while not _on_board(db):
            assert time.monotonic() < deadline, f"never on the board:\n{screen_text()}"
            if "What do you" in screen_text() or "wants an answer" in screen_text():
                page.keyboard.press("Enter")
            page.wait_for_timeout(1000)
        chromium.close()
