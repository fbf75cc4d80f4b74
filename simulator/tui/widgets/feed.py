"""The live feed: a line-API widget over a capped ring of posts (never a widget per post)."""

from collections import deque
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from simulator.engine.trajectory import Post
from simulator.engine.voices import Voices
from simulator.labels import SENTIMENT_MARK

FEED_CAP = 2_000
WIDE = 90  # from this width a post takes one line (details, then text); below it, two
INFLUENTIAL = 50_000  # followers from which an account counts as an influencer in the filter


def _short(n: int) -> str:
    return f"{n / 1e6:.1f}M" if n >= 1e6 else f"{n / 1e3:.0f}k" if n >= 1e4 else f"{n:,}"


class Feed(ScrollView, can_focus=True):
    """Newest first. Filters: negative posts only, influential accounts only."""

    COMPONENT_CLASSES = {"feed--negative", "feed--neutral", "feed--positive", "feed--meta"}
    DEFAULT_CSS = """
    Feed { background: $surface; }
    Feed > .feed--negative { color: $error; }
    Feed > .feed--neutral { color: $foreground-muted; }
    Feed > .feed--positive { color: $success; }
    Feed > .feed--meta { color: $foreground-muted; }
    """

    def __init__(self, voices: Voices, cap: int = FEED_CAP, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.voices = voices
        self.cap = cap
        self.posts: deque[Post] = deque(maxlen=cap)
        self.shown: deque[Post] = deque(maxlen=cap)
        self.negative_only = False
        self.influencers_only = False
        self._texts = lru_cache(maxsize=512)(self._line_text)

    def _keeps(self, post: Post) -> bool:
        return (not self.negative_only or post.sentiment == "negative") and (
            not self.influencers_only or post.followers >= INFLUENTIAL
        )

    def push(self, posts: list[Post]) -> None:
        """Add posts (oldest first); the ring keeps the newest `cap`."""
        self.posts.extend(posts[-self.cap :])
        self.shown.extend(p for p in posts[-self.cap :] if self._keeps(p))
        self._resize()

    def set_filters(self, *, negative_only: bool, influencers_only: bool) -> None:
        self.negative_only, self.influencers_only = negative_only, influencers_only
        self.shown = deque((p for p in self.posts if self._keeps(p)), maxlen=self.cap)
        self._resize()

    @property
    def lines_per_post(self) -> int:
        return 1 if self.size.width >= WIDE else 2

    def _resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.shown) * self.lines_per_post)
        self.refresh()

    def on_resize(self) -> None:
        self._resize()

    def _line_text(self, post: Post) -> tuple[str, str]:
        person = self.voices.person(post.author)
        text = self.voices.text(
            post.id, post.author, post.kind, post.sentiment, post.root, post.t, post.platform
        )
        minutes = int(post.t // 60)
        meta = (
            f"{minutes // 60:>2}:{minutes % 60:02d} {SENTIMENT_MARK[post.sentiment]} "
            f"{post.kind:<9} {_short(post.followers):>6} {person.handle[:16]:<16} "
        )
        return meta, text.replace("\n", " ")

    def render_line(self, y: int) -> Strip:
        row, part = divmod(self.scroll_offset.y + y, self.lines_per_post)
        index = len(self.shown) - 1 - row
        width = self.size.width
        if index < 0 or index >= len(self.shown):
            return Strip.blank(width, self.rich_style)
        post = self.shown[index]
        meta, text = self._texts(post)
        meta_style: Style = self.get_component_rich_style("feed--meta")
        text_style: Style = self.get_component_rich_style(f"feed--{post.sentiment}")
        if self.lines_per_post == 1:
            segments = [Segment(meta, meta_style), Segment(text, text_style)]
        elif part == 0:
            segments = [Segment(meta.rstrip(), meta_style)]
        else:
            segments = [Segment("  " + text, text_style)]
        return Strip(segments).crop(0, width).extend_cell_length(width, self.rich_style)
