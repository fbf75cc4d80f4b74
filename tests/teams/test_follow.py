"""A trainee's app follows the instructor: pause holds the clock (the trainee cannot restart it),
a released inject brings the drill to it, the end runs the drill to its debrief; and the watch
rows read where each trainee is, who is stuck and who has left."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from textual.pilot import Pilot

from simulator.durations import format_duration
from simulator.engine import clock
from simulator.session import sessions
from simulator.session.watch import STUCK_AFTER_S, watch_rows
from simulator.store import DrillRecord, Store, make_code
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.drill import DrillScreen
from simulator.tui.screens.inject import InjectModal
from tests.conftest import shipped
from tests.tui.helpers import answer_injects, make_app, wait_for


async def test_the_trainee_follows_pause_release_and_end(tmp_path) -> None:
    store = Store(str(tmp_path / "drills.sqlite3"))
    scenario = shipped("rude-reply")
    session = sessions.create(store, str(make_code(scenario, 2)))
    app = make_app(tmp_path, store=store, session=session, autostart=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")  # the briefing of the session's crisis
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        drill = app.screen
        assert app.current is not None and app.current.session == session.code

        sessions.set_state(store, session.code, "paused")
        app.poll_session()
        assert drill.held and not drill.running
        await pilot.press("space")  # the trainee's pause key does not restart it
        assert not drill.running
        now = drill.engine.now
        await pilot.pause(0.3)
        assert drill.engine.now == now  # held

        sessions.release(store, session.code, "journalist-call")
        app.poll_session()
        await wait_for(pilot, lambda: isinstance(app.screen, InjectModal))
        inject = next(i for i in scenario.injects if i.id == "journalist-call")
        assert drill.engine.fired["journalist-call"] == clock.up(inject.at, scenario.clock.tick)
        await answer_injects(pilot)

        sessions.set_state(store, session.code, "open")
        app.poll_session()
        assert not drill.held and drill.running

        sessions.set_state(store, session.code, "ended")
        app.poll_session()
        while not isinstance(app.screen, DebriefScreen):
            await answer_injects(pilot)
            await pilot.pause(0.05)
        await wait_for(pilot, lambda: app.current is not None and app.current.status == "done")
    (trainee,) = sessions.trainees(store, session.code)
    assert trainee.record.status == "done" and trainee.live is not None
    store.close()


def test_watch_rows_say_where_each_trainee_is(tmp_path) -> None:
    store = Store(str(tmp_path / "drills.sqlite3"))
    scenario = shipped("rude-reply")
    code = make_code(scenario, 2)
    session = sessions.create(store, str(code))
    now = datetime.now(UTC)

    def iso(seconds_ago: float) -> str:
        return (now - timedelta(seconds=seconds_ago)).isoformat()

    beats = {
        "busy": sessions.Live(3600.0 + 600, 500.0, 40.0, iso(1), iso(10)),
        "stuck": sessions.Live(7200.0, 900.0, 80.0, iso(1), iso(STUCK_AFTER_S + 5)),
        "gone": sessions.Live(1200.0, 300.0, 10.0, iso(600), iso(600)),
    }
    for name, live in beats.items():
        drill_id = store.save(DrillRecord.start(code, name, "red", session.code))
        sessions.heartbeat(store, drill_id, live)
    store.save(DrillRecord.start(code, "new", "red", session.code))
    rows = {r.name: r for r in watch_rows(scenario, sessions.trainees(store, session.code), now)}
    assert (rows["busy"].state, rows["busy"].stuck, rows["busy"].forecast) == (
        "playing",
        False,
        "500",
    )
    assert (rows["stuck"].state, rows["stuck"].stuck) == ("playing", True)
    assert rows["gone"].state == "left" and rows["new"].state == "joined"
    detected = scenario.crisis.detected_at
    assert rows["busy"].at == f"T+{format_duration(3600 + 600 - detected)}"  # since detection
    store.close()


@asynccontextmanager
async def joined(tmp_path) -> AsyncIterator[tuple[Store, sessions.Session, Pilot]]:
    """A trainee's app joined to a new session on rude-reply, on the drill screen."""
    store = Store(str(tmp_path / "drills.sqlite3"))
    session = sessions.create(store, str(make_code(shipped("rude-reply"), 2)))
    app = make_app(tmp_path, store=store, session=session, autostart=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        yield store, session, pilot
    store.close()


async def test_a_paused_session_holds_the_inject_countdown_too(tmp_path) -> None:
    """Released while paused, the inject asks, but its countdown waits for the instructor."""
    async with joined(tmp_path) as (store, session, pilot):
        app = pilot.app
        sessions.release(store, session.code, "journalist-call")
        app.poll_session()
        await wait_for(pilot, lambda: isinstance(app.screen, InjectModal))
        modal = app.screen
        sessions.set_state(store, session.code, "paused")
        app.poll_session()
        left = modal.left
        await pilot.pause(0.5)
        assert modal.held and modal.left == left  # the countdown waits
        sessions.set_state(store, session.code, "open")
        app.poll_session()
        await pilot.pause(0.5)
        assert not modal.held and modal.left < left  # and runs again


async def test_a_store_that_fails_during_the_poll_is_a_warning_not_a_crash(
    tmp_path, monkeypatch
) -> None:
    from simulator.store import StoreError

    async with joined(tmp_path) as (_, _, pilot):
        app = pilot.app

        def down(*args: object) -> None:
            raise StoreError("cannot reach the store: connection refused")

        monkeypatch.setattr(sessions, "heartbeat", down)
        app.poll_session()
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)  # still playing
        assert any("Session not reached" in n.message for n in app._notifications)
