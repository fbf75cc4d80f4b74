"""The feed is a line-API widget with a cap: 100,000 posts go through it and it keeps answering."""

from textual.app import App, ComposeResult

from simulator.engine.trajectory import Post
from simulator.engine.voices import Voices
from simulator.labels import SENTIMENTS
from simulator.tui.widgets.feed import FEED_CAP, Feed
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
    def compose(self) -> ComposeResult:
        yield Feed(Voices(shipped("rude-reply"), 1), id="feed")


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
        assert top.startswith("27:46")  # the newest post, t = 99,999 s
        assert "▼ neg" in top  # 99,999 % 3 == 0: negative
        feed.focus()
        await pilot.press("end")  # still answers keys: scrolls to the oldest kept post
        await pilot.pause()
        assert feed.scroll_offset.y == feed.max_scroll_y > 0
        feed.set_filters(negative_only=True, influencers_only=False)
        assert all(p.sentiment == "negative" for p in feed.shown)
        assert len(feed.shown) == sum(p.sentiment == "negative" for p in feed.posts)


async def test_a_narrow_feed_gives_each_post_two_lines() -> None:
    app = FeedApp()
    async with app.run_test(size=(60, 20)) as pilot:
        feed = app.query_one(Feed)
        feed.push(posts(0, 10))
        await pilot.pause()
        assert feed.lines_per_post == 2 and feed.virtual_size.height == 20
        first, second = ("".join(s.text for s in feed.render_line(y)) for y in (0, 1))
        assert "@" in first and first.lstrip().startswith("0:00")
        assert second.startswith("  ") and "@" not in second[:3]
