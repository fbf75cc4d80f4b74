"""The seam between the engine and its readers: a drill as data, at one moment.

Scoring, the summary, the report, the store and the screens read a `Trajectory`, never the
engine's insides. Its arrays are read-only views of what the engine has recorded (posts and
metrics rows are append-only), so taking one is cheap enough for every frame of the TUI.
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cached_property

import numpy as np

from simulator.catalogue import CATALOGUE
from simulator.engine import clock
from simulator.labels import KINDS, NEG, SENTIMENTS
from simulator.scenario.model import Scenario


class ReplayError(ValueError):
    """A recorded decision that this drill cannot replay (edited, or from another scenario)."""


@dataclass(frozen=True)
class Applied:
    """One decision as applied: an action, or an answer to an inject."""

    t: float
    action: str  # an action id, or "none"
    by: str  # "trainee", "default" (an inject's timeout), "inject"
    inject: str | None = None
    choice: str | None = None
    strength: float = 1.0
    notes: tuple[str, ...] = ()


def decision_title(scenario: Scenario, entry: Applied) -> str:
    """How a decision is named to people: the action, or the answer to an inject."""
    label = CATALOGUE[entry.action].label if entry.action != "none" else "No action"
    if entry.inject is None:
        return label
    inject = next(i for i in scenario.injects if i.id == entry.inject)
    return f'{label} (answering "{inject.title}")'


@dataclass(frozen=True, slots=True)
class Post:
    """One post as the feed shows it."""

    t: float
    id: int
    author: int
    followers: int
    kind: str
    sentiment: str
    platform: str
    root: str | None  # its root's own text (origin, inject, consequence), else None
    index: int = -1  # its place in creation order (what `parent` and `replies` refer to)
    parent: int = -1  # its parent's index, -1 for a root post
    inject: str | None = None  # the inject whose own post it is (a press article, a leak...)


@dataclass(frozen=True, slots=True)
class Voice:
    """An account driving the crisis: its negative posts so far and their reach."""

    author: int
    posts: int
    reach: int  # its followers times its negative posts


@dataclass(frozen=True)
class Trajectory:
    """The drill on `scenario` and `seed` up to `now`: every metrics row, every decision,
    every post. Finished when `now` is the end of the drill."""

    scenario: Scenario
    seed: int
    now: float
    beat: float  # the engine's beat: forecasts are fresh on it
    timeline: Mapping[str, np.ndarray]  # one row per tick: "t" and the metrics (TIMELINE_FIELDS)
    applied: tuple[Applied, ...]  # the action log
    fired: Mapping[str, float]  # inject id -> when it fired
    posts: Mapping[str, np.ndarray]  # post columns (the cascade's POST_FIELDS), in creation order
    root_texts: tuple[str, ...]  # a root post's text, by its `root` index
    inject_roots: Mapping[int, str]  # root index -> the inject whose own post it is
    followers: np.ndarray  # followers of each account of the audience
    roles: np.ndarray  # role of each account (population.ROLES index)
    mean_followers: float  # of an author (activity-weighted): reach of a mention to come
    done_at: Mapping[str, float]  # the first use of each action
    first_public: float | None  # the first public response that answered (fuel answers nothing)
    inconsistent: bool  # denial and apology were mixed
    events: tuple[tuple[float, str], ...]  # (start, source) of every effect on the cascade

    @property
    def duration(self) -> float:
        return self.scenario.clock.duration

    @property
    def finished(self) -> bool:
        return self.now >= self.duration - clock.EPS

    @property
    def metrics(self) -> dict[str, float]:
        """The latest metrics row."""
        return {name: float(values[-1]) for name, values in self.timeline.items()}

    @property
    def post_count(self) -> int:
        return int(self.posts["t"].size)

    def revealed(self, action: str) -> bool:
        """Whether the team had finished `action` (analyse_scope, gather_facts...) by now."""
        start = self.done_at.get(action)
        return start is not None and start + CATALOGUE[action].busy <= self.now

    def posts_since(self, start: int) -> list[Post]:
        """The posts from index `start` on, in time order, as the feed shows them."""
        if self.post_count <= start:
            return []
        order = self.posts["t"][start:].argsort(kind="stable")
        return [self.post(start + i) for i in order.tolist()]

    def post(self, k: int) -> Post:
        """The post at index k (creation order)."""
        cols = self.posts
        author = int(cols["author"][k])
        root = int(cols["root"][k])
        platforms = self.scenario.cascade.platforms
        return Post(
            t=float(cols["t"][k]),
            id=int(cols["id"][k]),
            author=author,
            followers=int(self.followers[author]),
            kind=KINDS[int(cols["kind"][k])],
            sentiment=SENTIMENTS[int(cols["sentiment"][k])],
            platform=platforms[max(0, int(cols["platform"][k])) % len(platforms)],
            root=self.root_texts[root] if root >= 0 else None,
            index=k,
            parent=int(cols["parent"][k]),
            inject=self.inject_roots.get(root),
        )

    def replies(self, k: int, limit: int) -> tuple[list[Post], int]:
        """The first `limit` replies to the post at index k (in time order), and their count."""
        found = np.flatnonzero(self.posts["parent"] == k)
        found = found[self.posts["t"][found].argsort(kind="stable")]
        return [self.post(int(i)) for i in found[:limit]], int(found.size)

    def top_voices(self, n: int) -> list[Voice]:
        """The `n` accounts with the most reach among negative posts so far."""
        authors = self.posts["author"][self.posts["sentiment"] == NEG]
        accounts, counts = np.unique(authors, return_counts=True)
        reach = counts * self.followers[accounts]
        top = np.lexsort((accounts, -reach))[:n]
        return [Voice(int(accounts[i]), int(counts[i]), int(reach[i])) for i in top]

    @cached_property
    def digest(self) -> str:
        """sha256 of the canonical trajectory: every post (in time order, parents by identity),
        every decision, every tick's counts."""
        h = hashlib.sha256()
        posts = self.posts
        order = np.lexsort((posts["id"], posts["t"]))
        parent = posts["parent"][order]
        parent_id = np.where(parent >= 0, posts["id"][np.maximum(parent, 0)], 0)
        h.update(np.round(posts["t"][order] * 1000).astype("<i8").tobytes())
        h.update(parent_id.astype("<u8").tobytes())
        for name in ("id", "author", "kind", "sentiment", "platform"):
            column = posts[name][order]
            h.update(column.astype(column.dtype.newbyteorder("<")).tobytes())
        h.update(json.dumps([asdict(a) for a in self.applied], sort_keys=True).encode())
        for name in ("negative_mentions", "total_mentions"):
            h.update(np.asarray(self.timeline[name], dtype="<f8").tobytes())
        return h.hexdigest()


def frozen_view(values: np.ndarray) -> np.ndarray:
    """A read-only view of an array (the engine keeps writing beyond it, never into it)."""
    view = values.view()
    view.flags.writeable = False
    return view
