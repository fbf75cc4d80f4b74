"""The feed is a line-API widget with a cap: 100,000 posts go through it and it keeps answering."""

from textual.app import App, ComposeResult

from simulator.engine.trajectory import Post
from simulator.engine.voices import Voices
from simulator.labels import SENTIMENTS
from simulator.tui.widgets.feed import CURSOR, FEED_CAP, Feed, wrap
from tests.conftest import shipped


def posts(start: int, n: int) -> list[Post]:
    return [
        Post(
            t=float(i),
            id=i,
            author=i % 5_000,
            followers=(i * 7919) % 200_000,
            kind="share",
            sentiment=SENTIMENTS[i % 3],
            platform="X",
            root=None,
        )
        for i in range(start, start + n)
    ]


class FeedApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[Post] = []

    def compose(self) -> ComposeResult:
        yield Feed(Voices(shipped("rude-reply"), 1), id="feed")

    def on_feed_opened(self, event: Feed.Opened) -> None:
        self.opened.append(event.post)


async def test_100k_posts_keep_the_cap_and_the_newest_on_top() -> None:
    app = FeedApp()
    async with app.run_test(size=(120, 30)) as pilot:
        feed = app.query_one(Feed)
        for start in range(0, 100_000, 2_500):
            feed.push(posts(start, 2_500))
            await pilot.pause()
        assert len(feed.posts) == FEED_CAP and len(feed.shown) == FEED_CAP
        assert feed.posts[-1].id == 99_999 and feed.posts[0].id == 100_000 - FEED_CAP
        assert feed.virtual_size.height == FEED_CAP * feed.lines_per_post
        top = "".join(seg.text for seg in feed.render_line(0))
        assert top.startswith(f"{CURSOR} 27:46")  # the newest post, t = 99,999 s, marked
        assert "▼ neg" in top  # 99,999 % 3 == 0: negative
        feed.focus()
        await pilot.press("end")  # still answers keys: the cursor goes to the oldest kept post
        await pilot.pause()
        assert feed.scroll_offset.y == feed.max_scroll_y > 0
        assert feed.current is feed.shown[0]
        feed.set_filters(negative_only=True, influencers_only=False)
        assert all(p.sentiment == "negative" for p in feed.shown)
        assert len(feed.shown) == sum(p.sentiment == "negative" for p in feed.posts)


def line(feed: Feed, y: int) -> str:
    return "".join(s.text for s in feed.render_line(y))


async def test_a_narrow_feed_gives_each_post_its_details_then_two_lines_of_text() -> None:
    app = FeedApp()
    async with app.run_test(size=(60, 20)) as pilot:
        feed = app.query_one(Feed)
        feed.push(posts(0, 10))
        await pilot.pause()
        assert feed.lines_per_post == 3 and feed.virtual_size.height == 30
        first, second, third = (line(feed, y) for y in (0, 1, 2))
        assert "@" in first and first.startswith(f"{CURSOR}  0:00")
        text = feed.voices.line(9, 9, "share", "negative", None, 9.0, "X").text
        shown = (second[2:].rstrip() + " " + third[2:].rstrip()).removesuffix("…")
        assert second.startswith("  ") and text.startswith(shown.strip())


def test_wrap_cuts_with_an_ellipsis_and_keeps_short_texts_whole() -> None:
    assert wrap("one two three four", 9, 2) == ["one two", "three…"]
    assert wrap("one two", 9, 2) == ["one two"]
    assert wrap("abcdefghijklmnopqrstuvwxyz", 10, 2) == ["abcdefghij", "klmnopqrs…"]
    assert all(len(x) <= 9 for x in wrap("a " * 50, 9, 3))


async def test_the_cursor_moves_opens_and_stays_on_the_post_being_read() -> None:
    app = FeedApp()
    async with app.run_test(size=(60, 20)) as pilot:
        feed = app.query_one(Feed)
        feed.push(posts(0, 40))
        feed.focus()
        await pilot.press("down", "down")
        assert feed.current is not None and feed.current.id == 37
        feed.push(posts(40, 5))  # news comes in: the post being read stays under the cursor
        await pilot.pause()
        assert feed.current.id == 37 and feed.cursor == 7
        await pilot.press("pagedown")
        assert feed.cursor == 7 + feed.size.height // 3
        assert feed.scroll_offset.y <= feed.cursor * 3 < feed.scroll_offset.y + feed.size.height
        await pilot.press("home")
        assert feed.cursor == 0 and feed.scroll_offset.y == 0
        feed.push(posts(45, 3))  # at the newest: the feed follows the news
        await pilot.pause()
        assert feed.current.id == 47
        await pilot.press("enter")
        await pilot.pause()
        assert [p.id for p in app.opened] == [47]
