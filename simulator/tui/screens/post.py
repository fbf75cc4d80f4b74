"""A post read whole (its author, its parent, its replies), and the crisis's top voices.

Every text here was composed from banks and scenario files, and names come from Faker: all of
it is shown as plain `Text`, never as markup.
"""

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from simulator.durations import format_duration
from simulator.engine.population import ROLES
from simulator.engine.trajectory import Post, Trajectory
from simulator.engine.voices import Voices
from simulator.labels import KIND_LABEL, SENTIMENT_MARK, SENTIMENTS
from simulator.tui.widgets.feed import short_number

REPLIES_SHOWN = 5
TOP_VOICES = 10


def stance(trajectory: Trajectory, author: int) -> str:
    """What the team can know of an account's stance: its posts so far (anyone reading the
    feed sees them) and, once the scope is analysed, the analysis's verdict."""
    mine = trajectory.posts["sentiment"][trajectory.posts["author"] == author]
    counts = np.bincount(mine, minlength=len(SENTIMENTS))
    seen = " · ".join(f"{SENTIMENT_MARK[s]} {int(counts[n])}" for n, s in enumerate(SENTIMENTS))
    if trajectory.revealed("analyse_scope"):
        verdict = f"{ROLES[int(trajectory.roles[author])]} (the scope analysis says)"
    else:
        verdict = "unknown until the scope is analysed (a)"
    return f"Stance: {verdict}\nPosts so far: {seen}"


def _quoted(voices: Voices, post: Post) -> Text:
    """One post in a thread: its author, time and sentiment, then its text."""
    line = Text(f"  {voices.person(post.author).handle} · T+{format_duration(post.t)} · ")
    line.append(SENTIMENT_MARK[post.sentiment])
    line.append(f"\n  {voices.text(post)}\n", style="italic")
    return line


def post_text(trajectory: Trajectory, voices: Voices, post: Post) -> Text:
    """The post whole: its author, its text, what it answers and its first replies."""
    person = voices.person(post.author)
    out = Text()
    out.append(f"{person.name}  {person.handle}\n", style="bold")
    out.append(f"{post.followers:,} followers · {person.city}\n")
    out.append(f"{stance(trajectory, post.author)}\n\n")
    out.append(voices.text(post) + "\n\n")
    if post.parent >= 0:
        out.append("In reply to\n", style="bold")
        out.append_text(_quoted(voices, trajectory.post(post.parent)))
    else:
        out.append("It starts a thread.\n", style="dim")
    replies, count = trajectory.replies(post.index, REPLIES_SHOWN)
    out.append(f"\nReplies so far: {count}\n", style="bold")
    for reply in replies:
        out.append_text(_quoted(voices, reply))
    if count > len(replies):
        out.append(f"  … and {count - len(replies)} more\n", style="dim")
    return out


class PostModal(ModalScreen[None]):
    """One post read whole; `escape` or `enter` goes back to the feed."""

    BINDINGS = [Binding("escape,enter", "app.pop_screen", "Back to the feed")]

    def __init__(self, trajectory: Trajectory, voices: Voices, post: Post) -> None:
        super().__init__()
        self.trajectory, self.voices, self.post = trajectory, voices, post

    def compose(self) -> ComposeResult:
        post = self.post
        mark = "⚑ INJECT · " if post.inject else ""
        title = (
            f"{mark}{KIND_LABEL[post.kind]} on {post.platform} · T+{format_duration(post.t)} · "
            f"{SENTIMENT_MARK[post.sentiment]}"
        )
        with Vertical(classes="dialog post"):
            yield Label(Text(title), classes="title")
            with VerticalScroll(id="post-body"):
                yield Static(post_text(self.trajectory, self.voices, post))
            yield Label("esc/enter: back to the feed · ↑↓: scroll", classes="hint")


def voices_text(trajectory: Trajectory, voices: Voices) -> Text:
    """The accounts driving the crisis, most reach among negative posts first."""
    top = trajectory.top_voices(TOP_VOICES)
    if not top:
        return Text("No negative post yet.")
    out = Text()
    out.append(f"{'':>2} {'account':<20} {'followers':>9} {'neg':>4} {'reach':>7}  stance\n")
    for n, voice in enumerate(top, 1):
        person = voices.person(voice.author)
        role = ROLES[int(trajectory.roles[voice.author])]
        followers = short_number(int(trajectory.followers[voice.author]))
        out.append(
            f"{n:>2} {person.handle[:20]:<20} {followers:>9}"
            f" {voice.posts:>4} {short_number(voice.reach):>7}  {role}\n"
        )
    return out


class TopVoicesModal(ModalScreen[None]):
    """The accounts driving the crisis (the scope's analysis reveals them)."""

    BINDINGS = [Binding("escape,enter,w", "app.pop_screen", "Back to the drill")]

    def __init__(self, trajectory: Trajectory, voices: Voices) -> None:
        super().__init__()
        self.trajectory, self.voices = trajectory, voices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog voices"):
            yield Label(
                f"Top voices at T+{format_duration(self.trajectory.now)}: "
                "most reach among negative posts",
                classes="title",
            )
            with VerticalScroll(id="voices-body"):
                yield Static(voices_text(self.trajectory, self.voices))
            yield Label("esc/enter/w: back to the drill", classes="hint")
