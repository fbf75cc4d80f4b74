"""Five visitors at once, each its own process, joined to one session: every drill is saved
once, and the instructor's watch screen shows all five (on SQLite and on PostgreSQL)."""

import os
import subprocess
import sys
from pathlib import Path

from textual.widgets import DataTable

from simulator.cli import library
from simulator.session import sessions
from simulator.store import Store, make_code
from simulator.tui.screens.session import SessionApp, WatchScreen
from tests.tui.helpers import wait_for

ROOT = Path(__file__).resolve().parents[2]
VISITORS = 5


async def test_five_visitors_join_one_session_and_each_drill_is_saved_once(
    store_url: str, store: Store, tmp_path: Path
) -> None:
    scenario = library()["rude-reply"]
    session = sessions.create(store, str(make_code(scenario, 5)))
    names = [f"visitor-{i}" for i in range(VISITORS)]
    env = {k: v for k, v in os.environ.items() if k != "CRISIS_DRILL_DB"}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.teams.visitor",
                store_url,
                session.code,
                name,
                str(tmp_path / name),
                str(i),
            ],
            cwd=ROOT,
            env=env | {"TEXTUAL_ANIMATIONS": "none"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for i, name in enumerate(names)
    ]
    for proc in procs:
        out, _ = proc.communicate(timeout=600)
        assert proc.returncode == 0, out.decode(errors="replace")[-2000:]
    trainees = sessions.trainees(store, session.code)
    assert sorted(t.record.name for t in trainees) == names  # each saved once
    assert all(t.record.status == "done" and t.record.session == session.code for t in trainees)
    assert all(t.live is not None for t in trainees)  # each app said where it was
    assert len(store.leaderboard(code=session.drill_code)) == VISITORS

    app = SessionApp(store, session, scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WatchScreen))
        table = app.screen.query_one("#trainees", DataTable)
        await wait_for(pilot, lambda: table.row_count == VISITORS)
        shown = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        states = {str(table.get_row_at(i)[2]) for i in range(table.row_count)}
    assert shown == set(names) and states == {"finished"}
