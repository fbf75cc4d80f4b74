"""Reading the feed, the alerts of injects, skipping quiet stretches, and who plays (pilot)."""

from pathlib import Path

import numpy as np
from textual.widgets import Input, Static

from simulator.plain import NAME_MAX
from simulator.store import Store
from simulator.tui.player import FILE, remembered
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.drill import BURST_FACTOR, BURST_MIN, SKIP_WINDOW, DrillScreen
from simulator.tui.screens.post import PostModal
from simulator.tui.widgets.feed import Feed
from tests.tui.helpers import answer_injects, make_app, wait_for


async def start(pilot, *keys: str) -> DrillScreen:
    """rude-reply seed 1 (the second scenario), paused; then the keys."""
    await pilot.press("down", "enter", "enter", *keys)
    drill = pilot.app.screen
    assert isinstance(drill, DrillScreen)
    return drill


async def test_enter_opens_a_post_whole_at_80x24(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start(pilot, *["full_stop"] * 12)
        feed = drill.query_one(Feed)
        trajectory = drill.engine.trajectory()
        # a reply whose parent has replies: the thread's both ends are shown
        reply = next(p for p in reversed(feed.shown) if p.parent >= 0)
        row = list(reversed(feed.shown)).index(reply)
        while app.focused is not feed:
            await pilot.press("tab")
        await pilot.press(*["down"] * row, "enter")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, PostModal) and modal.post is reply
        body = modal.query_one("#post-body")
        text = str(modal.query_one("#post-body Static", Static).render())
        person = drill.voices.person(reply.author)
        full = drill.voices.text(reply)
        parent = trajectory.post(reply.parent)
        parent_text = drill.voices.text(parent)
        assert person.name in text and person.handle in text and f"{reply.followers:,}" in text
        assert "Stance: unknown until the scope is analysed" in text
        assert " ".join(full.split()) in " ".join(text.split())  # whole, not cut
        assert drill.voices.person(parent.author).handle in text
        assert " ".join(parent_text.split()) in " ".join(text.split())
        _, replies = trajectory.replies(reply.index, 0)
        assert f"Replies so far: {replies}" in text
        assert body.region.right <= 80 and body.region.bottom <= 24  # fits the terminal
        await pilot.press("escape")
        assert app.screen is drill


async def test_every_inject_raises_an_alert(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start(pilot)
        drill.target = 9 * 3600.0
        drill.advance_to(drill.target)
        while drill.engine.now < drill.target:
            await pilot.pause()
            await answer_injects(pilot, "3")  # no comment: the influencer's share comes too
        fired = drill.engine.fired
        injects = {i.id: i for i in drill.scenario.injects}
        assert set(fired) == set(injects) and len(fired) == 3  # one of them asks a decision
        titles = [n.title for n in app._notifications]
        for inject_id in fired:
            assert any(injects[inject_id].title in t for t in titles), inject_id
        mark = str(drill.query_one("#alerts", Static).render())
        assert mark.strip() == "⚠ 3"


async def test_inject_posts_are_marked_in_the_feed(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start(pilot)
        drill.target = 5 * 3600 + 120  # the leaked memo's posts
        drill.advance_to(drill.target)
        await answer_injects(pilot)
        await pilot.pause()
        feed = drill.query_one(Feed)
        marked = [p for p in feed.shown if p.inject]
        assert marked and all(p.parent == -1 for p in marked)
        with_posts = {
            i.id for i in drill.scenario.injects if i.roots and i.id in drill.engine.fired
        }
        assert "leaked-memo" in with_posts and {p.inject for p in marked} == with_posts
        row = list(reversed(feed.shown)).index(marked[-1])
        feed.cursor = row + 1  # not under the cursor: the inject's own glyph shows
        feed.scroll_to(y=row * feed.lines_per_post, animate=False)
        await pilot.pause()
        y = row * feed.lines_per_post - feed.scroll_offset.y
        assert "".join(s.text for s in feed.render_line(y)).startswith("⚑ ")


async def test_skip_lands_on_the_next_inject_or_burst(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        drill = await start(pilot, "full_stop")
        engine = drill.engine
        landings = []
        while not engine.finished and len(landings) < 8:
            start_at, fired = engine.now, dict(engine.fired)
            t = engine.trajectory().posts["t"]
            burst = max(BURST_MIN, BURST_FACTOR * np.count_nonzero(t >= start_at - SKIP_WINDOW))
            await pilot.press("s")
            await pilot.pause()
            new = set(engine.fired) - set(fired)
            windows = np.arange(start_at, engine.now - 1e-9, SKIP_WINDOW)
            t = engine.trajectory().posts["t"]
            counts = [np.count_nonzero((t >= a) & (t < a + SKIP_WINDOW)) for a in windows]
            # every window skipped but the last was quiet, and the last brought the event
            assert all(c < burst for c in counts[:-1]), (start_at, counts)
            if new:
                assert max(engine.fired[i] for i in new) == engine.now
                landings.append(("inject", engine.now))
            elif counts and counts[-1] >= burst:
                landings.append(("burst", engine.now))
            else:
                assert engine.now - start_at == 2 * 3600 or engine.finished
                landings.append(("quiet", engine.now))
            await answer_injects(pilot)
        assert landings[0] == ("inject", 7200.0)  # the journalist calls at 2 h
        assert isinstance(app.screen, DrillScreen) and "burst" in {k for k, _ in landings}


async def test_name_and_team_typed_on_home_reach_the_saved_record(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")
        for field, typed in (("name", "[b]Ada[/b] Lovelace\x07"), ("team", "x" * 60)):
            box = app.screen.query_one(f"#{field}", Input)
            box.focus()
            box.value = ""
            await pilot.press(*typed)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, BriefingScreen))
        await pilot.press("enter")
        await pilot.press("g")
        assert isinstance(app.screen, DrillScreen)
    with Store(str(tmp_path / "drills.sqlite3")) as store:
        record = store.in_progress()
    assert record is not None
    assert (record.name, record.team) == ("[b]Ada[/b] Lovelace", "x" * NAME_MAX)
    assert [a.action for a in record.log] == ["gather_facts"]
    assert remembered(tmp_path) is not None and remembered(tmp_path).name == record.name
    assert (tmp_path / FILE).exists()
    again = make_app(tmp_path, player=remembered(tmp_path))
    async with again.run_test(size=(80, 24)) as pilot:
        assert again.screen.query_one("#name", Input).value == "[b]Ada[/b] Lovelace"
