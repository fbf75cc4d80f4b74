"""A drill killed with SIGKILL mid-play resumes with every decision kept."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from simulator.cli import main
from simulator.store import Store
from simulator.tui.screens.drill import DrillScreen
from tests.conftest import ROOT
from tests.tui.helpers import make_app, wait_for

PLAYER = """
import asyncio, sys, time
from pathlib import Path
from tests.tui.helpers import make_app

async def play() -> None:
    app = make_app(Path(sys.argv[1]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "enter", "enter")  # rude-reply, seed 1
        await pilot.press("g", "full_stop", "a", "full_stop", "h")
        await pilot.pause()
        print("decided", flush=True)
        time.sleep(600)  # blocks the loop: nothing more gets saved before the kill

asyncio.run(play())
"""


async def test_sigkill_mid_drill_then_resume_keeps_every_decision(tmp_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", PLAYER, str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "decided", child.stderr.read() if child.stderr else ""
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    with Store(str(tmp_path / "drills.sqlite3")) as store:
        left = store.in_progress()
    assert left is not None
    assert [a["action"] for a in left.actions] == [
        "gather_facts",
        "analyse_scope",
        "holding_statement",
    ]
    app = make_app(tmp_path, resume=left)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        drill = app.screen
        assert [a.action for a in drill.engine.applied] == [a["action"] for a in left.actions]
        assert drill.engine.now == left.actions[-1]["t"] and not drill.running
        await pilot.press("m")  # a new decision goes into the same record
        await pilot.pause()
    with Store(str(tmp_path / "drills.sqlite3")) as store:
        again = store.in_progress()
    assert again is not None and again.id == left.id and len(again.actions) == 4


def test_play_resume_with_nothing_to_resume_says_so(tmp_path: Path, capsys) -> None:
    assert main(["play", "--resume", "--db", str(tmp_path / "empty.sqlite3")]) == 2
    assert "no unfinished drill to resume" in capsys.readouterr().err
