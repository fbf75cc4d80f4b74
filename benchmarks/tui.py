"""TUI speed and memory. Prints figures; asserts nothing.

1. Cold start (a new process, imports included) to the first painted home screen, against a
   minimal Textual app showing one label, measured alternately: each waits until its screen's
   widgets are mounted, then exits after the next refresh. Target: ratio <= 1.5.
2. The time to process one simulation tick on the drill screen at 16x on the busiest shipped
   scenario (sale-outage), over a whole drill, injects answered. Target: median <= 16 ms,
   worst <= 50 ms.
3. Peak memory (max RSS) of that whole drill at 16x. Target: <= 200 MB.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The library's cache in a folder of its own, not the user's (warmed by the first start), and
# bytecode kept (in a folder of its own) as an installed package has it: pip compiles on install.
ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "CRISIS_DRILL_CACHE": tempfile.mkdtemp(prefix="crisis-drill-cache-"),
    "PYTHONPYCACHEPREFIX": tempfile.mkdtemp(prefix="crisis-drill-pyc-"),
}

MINIMAL = """
from textual.app import App
from textual.widgets import Label

class One(App):
    def compose(self):
        yield Label("crisis-drill")

async def painted(pilot):
    await pilot.pause(0)  # every widget of the screen has handled its messages (mounted)
    pilot.app.call_after_refresh(pilot.app.exit)  # and the screen has been drawn

One().run(headless=True, auto_pilot=painted)
"""

HOME = """
import sys
from simulator import cli
from simulator.tui.app import CrisisDrillApp

async def painted(pilot):
    await pilot.pause(0)  # as the one-label app's
    assert pilot.app.screen.query("#scenarios"), "the home screen is not there"
    pilot.app.call_after_refresh(pilot.app.exit)

run = CrisisDrillApp.run
CrisisDrillApp.run = lambda self: run(self, headless=True, auto_pilot=painted)
sys.exit(cli.main(["--data-dir", sys.argv[1]]))  # `crisis-drill`, as a user starts it
"""

DRILL = """
import asyncio, resource, statistics, sys, time
from pathlib import Path
from simulator.cli import library
from simulator.tui.app import CrisisDrillApp
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.drill import DrillScreen
from simulator.tui.screens.inject import InjectModal

times = []
original = DrillScreen.tick

def timed(self):
    start = time.perf_counter()
    original(self)
    times.append((time.perf_counter() - start) * 1000)

DrillScreen.tick = timed

async def main():
    scenarios = library()
    index = list(scenarios).index("sale-outage")
    app = CrisisDrillApp(scenarios, Path(sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*["down"] * index, "enter", "enter", "plus", "plus", "plus", "plus")
        await pilot.press("g", "a", "h")
        while not isinstance(app.screen, DebriefScreen):
            if isinstance(app.screen, InjectModal):
                await pilot.press("1")
            await pilot.pause(0.05)
        while app.screen.scored is None:  # the debrief scores the drill: part of the drill
            await pilot.pause(0.05)
        await pilot.pause()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    busy = [t for t in times if t > 0.05]  # ticks that stepped the engine (not paused ones)
    print(f"{len(busy)} {statistics.median(busy):.2f} {max(busy):.2f} {peak:.1f}")

asyncio.run(main())
"""


WHAT_IF = """
import asyncio, statistics, sys, time
from pathlib import Path
from simulator.cli import library
from simulator.engine.runner import as_steps, play
from simulator.scoring.scorecard import score_trajectory
from simulator.tui.app import CrisisDrillApp
from simulator.tui.screens.alternative import AlternativeModal
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.inject import InjectModal
from textual.widgets import OptionList, Static

def core(engine, index, choice):
    start = time.perf_counter()
    fork = engine.fork(index)
    log = engine.trajectory().applied
    fork.answer(choice) if log[index].inject is not None else fork.act(choice)
    play(fork.scenario, fork.seed, as_steps(log[index + 1 :]), engine=fork)
    score_trajectory(fork.trajectory())
    return time.perf_counter() - start

shown = []  # when the what-if's result was drawn
original = DebriefScreen.on_debrief_screen_branch_scored

def drawn(self, event):
    original(self, event)

    def done():
        shown.append(time.perf_counter())
        was_shown.set()

    self.call_after_refresh(done)

DebriefScreen.on_debrief_screen_branch_scored = drawn

async def main():
    global was_shown
    was_shown = asyncio.Event()
    scenarios = library()
    index = list(scenarios).index(sys.argv[2])
    app = CrisisDrillApp(scenarios, Path(sys.argv[1]), autostart=False)
    clicks, cores = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*["down"] * index, "enter", "enter")
        await pilot.press("g", "full_stop", "a", "full_stop", "h", "full_stop", "m", "end")
        while not isinstance(app.screen, DebriefScreen):
            if isinstance(app.screen, InjectModal):
                await pilot.press("1")
            await pilot.pause(0.05)
        debrief = app.screen
        while debrief.scored is None:
            await pilot.pause(0.05)
        decisions = debrief.query_one("#decisions", OptionList)
        branch = debrief.query_one("#branch", Static)
        for i in range(decisions.option_count):
            decisions.highlighted = i
            await pilot.press("w")
            await pilot.pause()
            modal = app.screen
            assert isinstance(modal, AlternativeModal)
            choice = next(iter(modal.alternatives.options))
            cores.append(core(debrief.played, int(decisions.get_option_at_index(i).id), choice))
            branch.update("")
            await pilot.pause()
            shown.clear()
            was_shown.clear()
            start = time.perf_counter()
            await pilot.press("enter")  # the first alternative
            await was_shown.wait()  # (no polling: it would load the loop it measures)
            assert str(branch.render()).startswith("What if")
            clicks.append(shown[0] - start)
    ms = lambda xs: f"{statistics.median(xs) * 1000:.0f} / {max(xs) * 1000:.0f}"
    print(len(clicks), ms(clicks), ms(cores))

asyncio.run(main())
"""


def cold(script: str, data: str) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of a new process running `script`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", script, data], cwd=ROOT, check=True, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--starts", type=int, default=10)
    args = parser.parse_args()
    data = tempfile.mkdtemp()
    cold(HOME, data), cold(MINIMAL, data)  # warm the disk cache and .pyc files
    home, minimal = [], []
    for _ in range(args.starts):
        home.append(cold(HOME, data))
        minimal.append(cold(MINIMAL, data))
    print(f"cold start to first paint ({args.starts} each, alternately; wall, and CPU time,")
    print("which other processes on the machine disturb less):")
    for i, what in enumerate(("wall", "cpu")):
        h = statistics.median(t[i] for t in home)
        m = statistics.median(t[i] for t in minimal)
        print(f"  {what:4} crisis-drill home {h * 1000:4.0f} ms, one-label app {m * 1000:4.0f} ms,"
              f" ratio {h / m:.2f}   (target <= 1.5)")  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-c", DRILL, data],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    ticks, median, worst, peak = int(out[0]), float(out[1]), float(out[2]), float(out[3])
    print(f"drill screen, sale-outage at 16x, {ticks} ticks that stepped the engine:")
    print(f"  per tick           median {median:6.2f} ms, worst {worst:6.2f} ms"
          "   (target <= 16 / 50 ms)")  # fmt: skip
    print(f"  peak memory        {peak:6.1f} MB   (target <= 200 MB)")
    for scenario in ("rude-reply", "sale-outage"):
        out = subprocess.run(
            [sys.executable, "-c", WHAT_IF, data, scenario],
            cwd=ROOT, env=ENV, check=True, capture_output=True, text=True,
        ).stdout.split(maxsplit=1)  # fmt: skip
        print(f"debrief what-if, {scenario}, {out[0]} decisions (median / worst, ms):")
        clicks, cores = out[1].rsplit(" ", 3)[0], " ".join(out[1].split()[3:])
        print(f"  click to result    {clicks}   (target <= 200 ms)")
        print(f"  the core alone     {cores}   (fork, play the rest, score: the engine's part)")


if __name__ == "__main__":
    main()
