"""One simulated visitor, as its own process: the app driven headless through `run_test`,
joining a session by typing its code in home's code field, one action, then the drill to its end.

python -m tests.teams.visitor STORE_URL SESSION NAME DATA_DIR
"""

import asyncio
import sys
from pathlib import Path

from simulator.store import open_store
from simulator.tui.player import Player
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.drill import DrillScreen
from tests.tui.helpers import finish_and_wait_for_debrief, make_app, wait_for

ACTIONS = ("a", "g", "h", "y", "m")  # visitor i takes ACTIONS[i % 5] first


async def visit(url: str, session: str, name: str, data_dir: Path, index: int) -> None:
    store = open_store(url)
    app = make_app(data_dir, store=store, player=Player(name, "blue"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click("#code")
        await pilot.press(*session, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, BriefingScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        await pilot.press(ACTIONS[index % len(ACTIONS)])
        await pilot.pause(2.5)  # one heartbeat at least
        await finish_and_wait_for_debrief(pilot)
        await wait_for(pilot, lambda: app.current is not None and app.current.status == "done")
    store.close()


if __name__ == "__main__":
    url, session, name, folder, index = sys.argv[1:6]
    asyncio.run(visit(url, session, name, Path(folder), int(index)))
