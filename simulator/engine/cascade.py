"""The marked branching cascade: potential posts, thinning, marks and offspring.

Every potential post has a fixed identity (a hash of its parent's identity and its rank) and
fixed draws (hashes of its identity). Time-varying infectiousness only decides which potential
posts become real (thinning: keep iff u < p(t) / p_max), so two runs on one seed are coupled.
The cascade advances one tick at a time, generation by generation inside the tick, vectorised.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from simulator.catalogue import (
    FORECAST_WINDOW,
    JOURNALIST_NEWS,
    KIND_SHARES,
    KIND_SPREAD,
    MAX_MULTIPLIER,
    NEGATIVE_CLIP,
    PLATFORM_JUMP,
)
from simulator.engine import rand
from simulator.engine.budget import PENDING_BUDGET, POSTS_BUDGET, PostsBudgetExceeded
from simulator.engine.kernels import Kernel
from simulator.engine.population import ROLE_INDEX, ROLES, Population
from simulator.engine.rand import clip
from simulator.labels import KINDS, NEG, NEU, POS, K

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

PENDING_WINDOW = 3600.0  # seconds of pending posts kept apart as "near" (speed only)
KIND_TABLE = np.array(
    [[K[kind] for kind, n in shares.items() for _ in range(n)] for shares in KIND_SHARES.values()],
    dtype=np.int8,
)  # rows: negative, neutral, positive, negative root; a uniform picks a column
SPREAD = np.array([KIND_SPREAD.get(kind, 1.0) for kind in KINDS])  # by a post's kind index
POST_FIELDS = {
    "t": np.float64,
    "id": np.uint64,
    "author": np.int32,
    "kind": np.int8,
    "sentiment": np.int8,
    "parent": np.int32,
    "platform": np.int8,
    "root": np.int32,
    "wave": np.int16,
}
PENDING_FIELDS = {
    "t": np.float64,
    "id": np.uint64,
    "parent": np.int32,
    "platform": np.int8,
    "u": np.float64,
    "wave": np.int16,
}


class Columns:
    """Growable column arrays (amortised doubling)."""

    def __init__(self, fields: Mapping[str, type], capacity: int = 1024) -> None:
        self.fields = fields
        self.n = 0
        self.data: dict[str, np.ndarray] = {
            name: np.empty(capacity, dtype=dt) for name, dt in fields.items()
        }

    def append(self, **cols: np.ndarray) -> None:
        k = len(next(iter(cols.values())))
        if self.n + k > len(self.data["t"]):
            size = max(2 * len(self.data["t"]), self.n + k)
            for name, arr in self.data.items():
                grown = np.empty(size, dtype=arr.dtype)
                grown[: self.n] = arr[: self.n]
                self.data[name] = grown
        for name, values in cols.items():
            self.data[name][self.n : self.n + k] = values
        self.n += k

    def __getitem__(self, name: str) -> np.ndarray:
        return self.data[name][: self.n]

    def __len__(self) -> int:
        return self.n

    def __deepcopy__(self, memo: dict[int, object]) -> "Columns":
        """A copy of what is filled, with as much room again (a snapshot copies no spare)."""
        other = memo[id(self)] = Columns(self.fields, max(2 * self.n, 16))
        for name in self.fields:
            other.data[name][: self.n] = self.data[name][: self.n]
        other.n = self.n
        return other


class Pending:
    """Potential posts not yet decided, kept in parts: those before `horizon` (near) and the
    rest (far), so that taking the next moment's posts touches only the near ones."""

    def __init__(self, window: float) -> None:
        self.window = window
        self.horizon = 0.0
        self.near: list[dict[str, np.ndarray]] = []
        self.far: list[dict[str, np.ndarray]] = []
        self.size = 0

    def push(self, cols: dict[str, np.ndarray]) -> None:
        self.size += cols["t"].size
        near = cols["t"] < self.horizon
        self.near.append({k: v[near] for k, v in cols.items()})
        self.far.append({k: v[~near] for k, v in cols.items()})

    def pop_before(self, t: float) -> dict[str, np.ndarray]:
        if t > self.horizon:
            self.horizon = t + self.window
            far = _concat(self.far)
            move = far["t"] < self.horizon
            self.near.append({k: v[move] for k, v in far.items()})
            self.far = [{k: v[~move] for k, v in far.items()}]
        near = _concat(self.near)
        due = near["t"] < t
        self.near = [{k: v[~due] for k, v in near.items()}]
        taken = {k: v[due] for k, v in near.items()}
        self.size -= taken["t"].size
        return taken

    def all(self) -> dict[str, np.ndarray]:
        return _concat(self.near + self.far)


def _concat(parts: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    if not parts:
        return {k: np.empty(0, dtype=dt) for k, dt in PENDING_FIELDS.items()}
    if len(parts) == 1:
        return parts[0]
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


@dataclass(frozen=True)
class Roots:
    """Posts that happen whatever the policy (origin, background, action and inject posts)."""

    t: np.ndarray
    id: np.ndarray
    author: np.ndarray  # -1: drawn by activity
    platform: np.ndarray  # -1: drawn
    kind: np.ndarray  # -1: drawn
    sentiment: np.ndarray  # -1: drawn
    root: np.ndarray  # index of the root's text in the engine's list, -1 for none
    wave: np.ndarray  # the wave it starts (or joins): its descendants age on that wave's clock


Rate = Callable[[np.ndarray, np.ndarray], np.ndarray]  # p(t) / base at times, for waves
Shift = Callable[[np.ndarray], np.ndarray]


class Cascade:
    """The cascade over one population: offspring law, thinning and the post log."""

    def __init__(
        self,
        population: Population,
        kernel: Kernel,
        *,
        base: float,
        follower_exponent: float,
        sentiment_weights: tuple[float, float, float],
        platforms: int,
        audience_cap: bool,
        end: float,
        forecast_window: float,
        seed: int,
    ) -> None:
        self.pop = population
        self.kernel = kernel
        self.base = base
        self.platforms = platforms
        self.audience_cap = audience_cap
        self.cutoff = end + forecast_window
        self.seed = seed
        self.sw = np.asarray(sentiment_weights, dtype=np.float64)
        median = float(np.median(population.followers)) or 1.0
        self.w = (np.maximum(population.followers, 1) / median) ** follower_exponent
        share = population.activity / population.activity.sum()
        self.role_weight = np.bincount(
            population.role, weights=share * self.w, minlength=len(ROLES)
        )
        self.s0 = float(self.mean_offspring_weight(0.0))
        self.posts = Columns(POST_FIELDS)
        self.pending = Pending(window=PENDING_WINDOW)
        self.posted = np.zeros(population.size, dtype=bool)
        self._scratch = np.zeros(population.size, dtype=np.int64)
        self.reached = 0

    @classmethod
    def for_scenario(
        cls, scenario: "Scenario", population: Population, kernel: Kernel, seed: int
    ) -> "Cascade":
        """The cascade a scenario describes, over its drawn audience."""
        c = scenario.cascade
        return cls(
            population,
            kernel,
            base=c.base_infectiousness,
            follower_exponent=c.follower_exponent,
            sentiment_weights=(
                c.sentiment_weights.negative,
                c.sentiment_weights.neutral,
                c.sentiment_weights.positive,
            ),
            platforms=len(c.platforms),
            audience_cap=c.audience_cap,
            end=scenario.clock.duration,
            forecast_window=FORECAST_WINDOW,
            seed=seed,
        )

    def mean_offspring_weight(self, shift: np.ndarray | float) -> np.ndarray:
        """E[w(author) * weight(sentiment)] over activity-drawn authors, at sentiment shifts."""
        neg = clip(self.pop.negative_chance + np.asarray(shift)[..., None], *NEGATIVE_CLIP)
        pos = self.pop.positive_share
        per_role = self.sw[NEG] * neg + (1 - neg) * (pos * self.sw[POS] + (1 - pos) * self.sw[NEU])
        return per_role @ self.role_weight

    def cap(self) -> float:
        """HawkesN saturation: the share of the audience not yet drawn into the crisis."""
        return max(0.0, 1.0 - self.reached / self.pop.size) if self.audience_cap else 1.0

    def branching_ratio(self, multiplier: np.ndarray, shift: np.ndarray, cap: float) -> np.ndarray:
        """R(t): expected real children of a post made at t, from its potential ones."""
        return self.base * multiplier * cap * self.mean_offspring_weight(shift) / self.s0

    def run(self, t1: float, roots: Roots, rate: Rate, shift: Shift, cap: float) -> int:
        """Decide every potential post due before t1 (the roots are those of the run's span)
        at audience cap `cap`; returns how many posts became real. Splitting a span in two
        runs gives the same posts."""
        keep_scale = cap / MAX_MULTIPLIER
        start = len(self.posts)
        forced = self._forced(roots)
        due = self._decide(forced, shift, t1) if forced is not None else None
        pend = self.pending.pop_before(t1)
        if due is not None:
            pend = _concat([pend, due])
        while pend["t"].size:
            keep = pend["u"] < rate(pend["t"], pend["wave"]) * keep_scale
            pend = self._decide({k: v[keep] for k, v in pend.items()}, shift, t1)
        return len(self.posts) - start

    def _forced(self, roots: Roots) -> dict[str, np.ndarray] | None:
        if roots.t.size == 0:
            return None
        return {
            "t": roots.t,
            "id": roots.id,
            "parent": np.full(roots.t.size, -1, np.int32),
            "platform": roots.platform,
            "author": roots.author,
            "kind": roots.kind,
            "sentiment": roots.sentiment,
            "root": roots.root,
            "wave": roots.wave,
        }

    def _marks(
        self, new: dict[str, np.ndarray], shift: Shift
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The coupled draws of posts that became real: the uniform for their children, and
        their author, kind, sentiment and platform (a root's own marks where it has them)."""
        ids, t, parent = new["id"], new["t"], new["parent"]
        u_author, u_sent = rand.stream(ids, rand.AUTHOR_SENTIMENT)
        u_children, u_kind, u_jump, u_plat = rand.stream4(ids, rand.MARKS)
        author = self.pop.draw_authors(u_author).astype(np.int32)
        if "author" in new:
            author = np.where(new["author"] >= 0, new["author"], author)
        role = self.pop.role[author]
        neg_p = clip(self.pop.negative_chance[role] + shift(t), *NEGATIVE_CLIP)
        pos_p = self.pop.positive_share[role]
        sentiment = np.where(
            u_sent < neg_p, NEG, np.where((u_sent - neg_p) / (1 - neg_p) < pos_p, POS, NEU)
        ).astype(np.int8)
        if "sentiment" in new:
            sentiment = np.where(new["sentiment"] >= 0, new["sentiment"], sentiment)
        kind = self._kinds(u_kind, role, sentiment, parent)
        if "kind" in new:
            kind = np.where(new["kind"] >= 0, new["kind"], kind)
        platform = new["platform"]
        drawn = (u_plat * self.platforms).astype(np.int8)
        platform = np.where((platform < 0) | (u_jump < PLATFORM_JUMP), drawn, platform)
        return u_children, author, kind, sentiment, platform

    def _decide(self, new: dict[str, np.ndarray], shift: Shift, t1: float) -> dict[str, np.ndarray]:
        """Give marks to posts that became real, log them, and draw their potential children;
        returns the children due before t1 (the rest wait in the pending pool)."""
        n = new["t"].size
        if n == 0:
            return _concat([])
        if len(self.posts) + n > POSTS_BUDGET:
            raise PostsBudgetExceeded(f"{POSTS_BUDGET:,} posts", float(new["t"].max()))
        ids, t, parent = new["id"], new["t"], new["parent"]
        u_children, author, kind, sentiment, platform = self._marks(new, shift)
        index = np.arange(len(self.posts), len(self.posts) + n, dtype=np.int32)
        self.posts.append(
            t=t,
            id=ids,
            author=author,
            kind=kind,
            sentiment=sentiment,
            parent=parent,
            platform=platform,
            root=new.get("root", np.full(n, -1, np.int32)),
            wave=new["wave"],
        )
        self.reached += self._mark_posted(author)
        lam = (self.base * MAX_MULTIPLIER / self.s0) * self.w[author] * self.sw[sentiment]
        lam = np.minimum(lam * SPREAD[kind], PENDING_BUDGET)  # past it, the budget stops the run
        counts = rand.poisson(lam, u_children)
        total = int(counts.sum())
        if total == 0:
            return _concat([])
        if total + self.pending.size > PENDING_BUDGET:
            raise PostsBudgetExceeded(f"{PENDING_BUDGET:,} potential posts", float(t.max()))
        owner = np.repeat(np.arange(n), counts)
        rank = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        cids = rand.child_ids(ids[owner], rank)
        u_delay, u_keep = rand.stream(cids, rand.DELAY_KEEP)
        ct = np.round(t[owner] + self.kernel.delay(u_delay), 3)  # ms: robust to last-ulp noise
        children = {
            "t": ct,
            "id": cids,
            "parent": index[owner],
            "platform": platform[owner],
            "u": u_keep,
            "wave": new["wave"][owner],
        }
        now = ct < t1
        later = ~now & (ct < self.cutoff)
        self.pending.push({k: v[later] for k, v in children.items()})
        return {k: v[now] for k, v in children.items()}

    def _mark_posted(self, author: np.ndarray) -> int:
        """Mark authors as drawn into the crisis; returns how many are new (distinct)."""
        new = author[~self.posted[author]]
        self.posted[new] = True
        self._scratch[new] = np.arange(new.size)
        return int(np.count_nonzero(self._scratch[new] == np.arange(new.size)))

    @staticmethod
    def _kinds(u: np.ndarray, role: np.ndarray, sentiment: np.ndarray, parent: np.ndarray):
        row = np.where((sentiment == NEG) & (parent < 0), 3, sentiment)
        kind = KIND_TABLE[row, (u * KIND_TABLE.shape[1]).astype(np.int64)]
        news = (role == ROLE_INDEX["media"]) | (
            (role == ROLE_INDEX["journalist"]) & (u < JOURNALIST_NEWS)
        )
        return np.where(news, K["news"], kind).astype(np.int8)
