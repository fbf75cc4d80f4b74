"""The live feed: a line-API widget over a capped ring of posts (never a widget per post).

Each post takes a fixed number of lines (its details, then its text wrapped on two lines with
an ellipsis when cut), so a row of the view maps to its post by one division, whatever the
number of posts. A cursor marks one post for `enter` (open it whole); while the cursor sits on
the newest post the feed follows the news, else it stays on the post being read.
"""

from collections import deque
from functools import lru_cache

from rich.cells import cell_len, chop_cells, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from simulator.engine.trajectory import Post
from simulator.engine.voices import Voices
from simulator.labels import KIND_LABEL, SENTIMENT_MARK

FEED_CAP = 2_000
WIDE = 90  # from this width a post's text sits beside its details; below it, under them
TEXT_LINES = 2  # lines of a post's text in the feed (the whole text: `enter`)
INFLUENTIAL = 50_000  # followers from which an account counts as an influencer in the filter
CURSOR, INJECT = "▸", "⚑"  # the gutter's marks: the post under the cursor, an inject's post


def short_number(n: int) -> str:
    """1,234 · 12k · 1.2M: a follower count in at most five cells."""
    return f"{n / 1e6:.1f}M" if n >= 1e6 else f"{n / 1e3:.0f}k" if n >= 1e4 else f"{n:,}"


def wrap(text: str, width: int, lines: int) -> list[str]:
    """`text` word-wrapped on at most `lines` lines of `width` cells, the last one ending in an
    ellipsis when the text goes on."""
    out: list[str] = []
    line = ""
    for word in text.split():
        joined = f"{line} {word}" if line else word
        if cell_len(joined) <= width:
            line = joined
            continue
        if line:
            out.append(line)
        *full, line = chop_cells(word, width)  # a word longer than a line is cut
        out.extend(full)
        if len(out) > lines:
            break
    if line and len(out) <= lines:
        out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = set_cell_size(out[-1], width - 1).rstrip() + "…"
    return out


class Feed(ScrollView, can_focus=True):
    """Newest first. Filters: negative posts only, influential accounts only."""

    BINDINGS = [
        Binding("up", "cursor(-1)", "Newer post", show=False),
        Binding("down", "cursor(1)", "Older post", show=False),
        Binding("pageup", "page(-1)", "Newer page", show=False),
        Binding("pagedown", "page(1)", "Older page", show=False),
        Binding("home", "newest", "Newest post", show=False),
        Binding("end", "oldest", "Oldest post", show=False),
        Binding("enter", "open", "Open post"),
    ]
    COMPONENT_CLASSES = {
        "feed--negative",
        "feed--neutral",
        "feed--positive",
        "feed--meta",
        "feed--inject",
        "feed--cursor",
    }
    DEFAULT_CSS = """
    Feed { background: $surface; }
    Feed > .feed--negative { color: $error; }
    Feed > .feed--neutral { color: $foreground-muted; }
    Feed > .feed--positive { color: $success; }
    Feed > .feed--meta { color: $foreground-muted; }
    Feed > .feed--inject { color: $warning; text-style: bold; }
    Feed > .feed--cursor { background: $boost; }
    Feed:focus > .feed--cursor { background: $primary 30%; }
    """

    cursor: reactive[int] = reactive(0, init=False)  # the marked post, counted from the newest

    class Opened(Message):
        """`enter` on a post: show it whole."""

        def __init__(self, post: Post) -> None:
            super().__init__()
            self.post = post

    def __init__(self, voices: Voices, cap: int = FEED_CAP, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.voices = voices
        self.cap = cap
        self.posts: deque[Post] = deque(maxlen=cap)
        self.shown: deque[Post] = deque(maxlen=cap)
        self.negative_only = False
        self.influencers_only = False
        self._layout = lru_cache(maxsize=512)(self._post_lines)

    def _keeps(self, post: Post) -> bool:
        return (not self.negative_only or post.sentiment == "negative") and (
            not self.influencers_only or post.followers >= INFLUENTIAL
        )

    def push(self, posts: list[Post]) -> None:
        """Add posts (oldest first); the ring keeps the newest `cap`. A reader away from the
        newest post keeps the post they are reading in place."""
        self.posts.extend(posts[-self.cap :])
        self.shown.extend(p for p in posts[-self.cap :] if self._keeps(p))
        added = sum(1 for p in posts[-self.cap :] if self._keeps(p))
        reading = self.cursor > 0 or self.scroll_offset.y > 0
        self._resize()
        if reading and added:
            self.set_reactive(Feed.cursor, min(self.cursor + added, len(self.shown) - 1))
            self.scroll_to(y=self.scroll_offset.y + added * self.lines_per_post, animate=False)

    def set_filters(self, *, negative_only: bool, influencers_only: bool) -> None:
        self.negative_only, self.influencers_only = negative_only, influencers_only
        self.shown = deque((p for p in self.posts if self._keeps(p)), maxlen=self.cap)
        self._resize()
        self.action_newest()

    @property
    def wide(self) -> bool:
        return self.view.width >= WIDE

    @property
    def lines_per_post(self) -> int:
        return TEXT_LINES if self.wide else 1 + TEXT_LINES

    @property
    def current(self) -> Post | None:
        """The post under the cursor."""
        if not self.shown:
            return None
        return self.shown[len(self.shown) - 1 - min(self.cursor, len(self.shown) - 1)]

    @property
    def view(self) -> Size:
        """The size of the view, without its scrollbar."""
        return self.scrollable_content_region.size

    def _resize(self) -> None:
        self.virtual_size = Size(self.view.width, len(self.shown) * self.lines_per_post)
        self.refresh()

    def on_resize(self) -> None:
        self._resize()

    # ----- the cursor --------------------------------------------------------------------------

    def watch_cursor(self) -> None:
        """Keep the marked post in view."""
        lines = self.lines_per_post
        top, bottom = self.cursor * lines, (self.cursor + 1) * lines
        y = self.scroll_offset.y
        if top < y:
            self.scroll_to(y=top, animate=False)
        elif bottom > y + self.view.height:
            self.scroll_to(y=bottom - self.view.height, animate=False)
        self.refresh()

    def _move_to(self, row: int) -> None:
        self.cursor = max(0, min(row, len(self.shown) - 1))

    def action_cursor(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self._move_to(self.cursor + step * max(1, self.view.height // self.lines_per_post))

    def action_newest(self) -> None:
        self._move_to(0)
        self.scroll_to(y=0, animate=False)

    def action_oldest(self) -> None:
        self._move_to(len(self.shown) - 1)

    def action_open(self) -> None:
        post = self.current
        if post is not None:
            self.post_message(self.Opened(post))

    # ----- lines -------------------------------------------------------------------------------

    def _post_lines(self, post: Post, width: int) -> tuple[str, list[str]]:
        """A post's details and its text's lines at this width."""
        person = self.voices.person(post.author)
        text = self.voices.text(post)
        minutes = int(post.t // 60)
        meta = (
            f"{minutes // 60:>2}:{minutes % 60:02d} {SENTIMENT_MARK[post.sentiment]} "
            f"{KIND_LABEL[post.kind]:<9} {short_number(post.followers):>5} "
            f"{person.handle[:16]:<16} "
        )
        column = width - 2 - (cell_len(meta) if self.wide else 0)
        return meta, wrap(text, max(8, column), TEXT_LINES)

    def render_line(self, y: int) -> Strip:
        row, part = divmod(self.scroll_offset.y + y, self.lines_per_post)
        index = len(self.shown) - 1 - row
        width = self.view.width
        if index < 0 or index >= len(self.shown):
            return Strip.blank(width, self.rich_style)
        post = self.shown[index]
        meta, lines = self._layout(post, width)
        meta_style: Style = self.get_component_rich_style("feed--meta")
        kind = "inject" if post.inject else post.sentiment
        text_style: Style = self.get_component_rich_style(f"feed--{kind}")
        gutter = " " if part else CURSOR if row == self.cursor else INJECT if post.inject else " "
        segments = [Segment(gutter + " ", text_style)]
        if self.wide:
            if part == 0:
                segments.append(Segment(meta, meta_style))
            else:
                segments.append(Segment(" " * cell_len(meta)))
            segments.append(Segment(lines[part] if part < len(lines) else "", text_style))
        elif part == 0:
            segments.append(Segment(meta.rstrip(), meta_style))
        else:
            segments.append(Segment(lines[part - 1] if part - 1 < len(lines) else "", text_style))
        strip = Strip(segments).crop(0, width).extend_cell_length(width, self.rich_style)
        if row == self.cursor:
            strip = strip.apply_style(self.get_component_rich_style("feed--cursor"))
        return strip
