"""The synthetic audience: follower counts, stances, activity; names and handles on demand."""

from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

import numpy as np

from simulator.catalogue import (
    ACTIVITY,
    ACTIVITY_SPREAD,
    NEGATIVE_CHANCE,
    POSITIVE_SHARE,
    STAR_FOLLOWERS,
)
from simulator.engine import rand
from simulator.scenario.model import Audience

ROLES = ("critic", "neutral", "fan", "influencer", "journalist", "media", "brand")
ROLE_INDEX = {r: n for n, r in enumerate(ROLES)}


class Ranked:
    """The accounts of each role by followers as drawn, most first (ties by index): only as far
    down as asked (a partial sort), once per audience and seed."""

    PREFIX = 64  # the least of a ranking sorted at once

    def __init__(self, role: np.ndarray, followers: np.ndarray) -> None:
        self.role, self.followers = role, followers
        self._ids: dict[str, np.ndarray] = {}
        self._first: dict[str, np.ndarray] = {}

    def ids(self, role: str) -> np.ndarray:
        """The accounts of a role (every account when the audience has none of it)."""
        if role not in self._ids:
            ids = np.flatnonzero(self.role == ROLE_INDEX[role])
            self._ids[role] = ids if ids.size else np.arange(self.followers.size)
        return self._ids[role]

    def first(self, role: str, m: int) -> np.ndarray:
        """At least the first m of the role's ranking (all of it when it is shorter)."""
        ids = self.ids(role)
        done = self._first.get(role)
        if done is not None and (done.size >= m or done.size == ids.size):
            return done
        want = max(m, self.PREFIX)
        values = self.followers[ids]
        if want < ids.size // 4:  # every account at or above the want-th largest count
            threshold = np.partition(values, ids.size - want)[ids.size - want]
            ids = ids[values >= threshold]
        self._first[role] = done = ids[np.argsort(-self.followers[ids], kind="stable")]
        return done


@dataclass
class Population:
    """N accounts as arrays; accounts 0..k-1 are the notable ones (media, journalists, stars),
    and the last is the brand's own (it never posts by chance: its posts are its actions)."""

    followers: np.ndarray  # int64
    role: np.ndarray  # int8, index into ROLES
    activity: np.ndarray  # float64, relative chance of posting
    author_cdf: np.ndarray  # cumulative activity, normalised, for drawing authors
    negative_chance: np.ndarray  # per role
    positive_share: np.ndarray  # per role
    seed: int
    drawn: np.ndarray  # followers as drawn (shared by every engine of this audience and seed)
    ranked: Ranked  # accounts of each role by drawn followers (shared, filled on demand)
    edited: set[int] = field(default_factory=set)  # accounts whose followers were set since

    @property
    def size(self) -> int:
        return int(self.followers.size)

    @property
    def brand(self) -> int:
        """The brand's own account."""
        return self.size - 1

    def draw_authors(self, u: np.ndarray) -> np.ndarray:
        """Authors drawn by activity from uniforms."""
        return np.minimum(np.searchsorted(self.author_cdf, u, side="right"), self.size - 1)

    def top(self, role: str, n: int) -> int:
        """The account of `role` with the n-th most followers (wrapping; ties by index)."""
        ids = self.ranked.ids(role)
        k = n % ids.size
        every = ids.size == self.size  # a role nobody has: every account
        mine = [a for a in self.edited if every or self.role[a] == ROLE_INDEX[role]]
        edited = np.array(sorted(mine), dtype=np.int64)
        order = self.ranked.first(role, k + 1 + edited.size)
        if edited.size == 0:
            return int(order[k])
        # Accounts whose followers were set after the draw: merge them back in by rank.
        rest = order[~np.isin(order, edited)][: k + 1]
        candidates = np.concatenate((rest, edited))
        ranked = candidates[np.lexsort((candidates, -self.followers[candidates]))]
        return int(ranked[k])

    def set_followers(self, account: int, followers: int) -> None:
        """Give an account the followers a scenario sets (its rank follows)."""
        self.followers[account] = followers
        self.edited.add(account)

    @cached_property
    def mean_followers(self) -> float:
        return float(np.average(self.followers, weights=self.activity))


def build_population(audience: Audience, seed: int, brand_followers: int) -> Population:
    """Draw the audience of a scenario for a seed (counter-based: the same on every machine),
    with the brand's account and its followers. Drawn once per (audience, seed); each engine
    gets its own follower counts to edit."""
    drawn = _draw(audience.model_dump_json(), seed)
    population = replace(drawn, followers=drawn.followers.copy(), edited=set())
    population.set_followers(population.brand, brand_followers)
    return population


@lru_cache(maxsize=16)
def _draw(audience_json: str, seed: int) -> Population:
    audience = Audience.model_validate_json(audience_json)
    n = audience.size + 1  # the audience, then the brand
    base = rand.key(seed, rand.POPULATION)
    stars = [
        ("media", audience.media),
        ("journalist", audience.journalists),
        ("influencer", audience.influencers),
    ]
    n_stars = min(audience.size // 2, sum(k for _, k in stars))
    role = np.empty(n, dtype=np.int8)
    followers = np.empty(n, dtype=np.int64)
    u_star = rand.uniforms(base, max(n_stars, 1), 1)
    at = 0
    for name, count in stars:
        count = min(count, n_stars - at)
        lo, hi = STAR_FOLLOWERS[name]
        role[at : at + count] = ROLE_INDEX[name]
        # log-uniform between the bounds
        u = u_star[at : at + count]
        followers[at : at + count] = np.round(np.exp(np.log(lo) + u * np.log(hi / lo)))
        at += count
    rest = n - 1 - n_stars
    u_stance = rand.uniforms(base, rest, 2)
    cuts = np.cumsum([audience.critics, audience.neutrals])
    role[n_stars:-1] = np.where(
        u_stance < cuts[0],
        ROLE_INDEX["critic"],
        np.where(u_stance < cuts[1], ROLE_INDEX["neutral"], ROLE_INDEX["fan"]),
    )
    followers[n_stars:-1] = _followers(audience, rand.uniforms(base, rest, 3))
    role[-1], followers[-1] = ROLE_INDEX["brand"], 0
    z = rand.normal_quantile(rand.uniforms(base, n, 4))
    role_activity = np.array([ACTIVITY[r] for r in ROLES])
    activity = role_activity[role] * np.exp(ACTIVITY_SPREAD * z)
    cdf = np.cumsum(activity)
    return Population(
        followers=followers,
        role=role,
        activity=activity,
        author_cdf=cdf / cdf[-1],
        negative_chance=np.array([NEGATIVE_CHANCE[r] for r in ROLES]),
        positive_share=np.array([POSITIVE_SHARE[r] for r in ROLES]),
        seed=seed,
        drawn=followers,
        ranked=Ranked(role, followers),
    )


def _followers(audience: Audience, u: np.ndarray) -> np.ndarray:
    median, spread = audience.follower_median, audience.follower_spread
    if audience.follower_law == "constant":
        values = np.full(u.size, median)
    elif audience.follower_law == "lognormal":
        values = median * np.exp(spread * rand.normal_quantile(u))
    else:  # Pareto with tail index `spread`, scaled so that its median is `median`
        xm = median / 2 ** (1 / spread)
        values = xm * (1 - u) ** (-1 / spread)
    return np.minimum(np.round(values), 50_000_000).astype(np.int64)
