"""Root posts: what starts a wave whatever the policy. The origin, an inject's posts, the
screenshots and callouts a consequence triggers (each with the texts of its own cause), the
brand's own public posts, and the background chatter. Each root has a fixed identity (seed, its
serial), so coupled drills share it. Each root belongs to a wave (see `effects`): the origin's
with the background chatter, or the one its inject or consequence started."""

from collections.abc import Callable

import numpy as np

from simulator.catalogue import (
    BRAND_KINDS,
    CONSEQUENCE_ROOT_SPACING,
    INJECT_ROOT_SPACING,
)
from simulator.engine import rand
from simulator.engine.budget import POSTS_BUDGET, PostsBudgetExceeded
from simulator.engine.cascade import Columns, Roots
from simulator.engine.population import Population
from simulator.engine.responses import NewRoots
from simulator.labels import NEG, NEU, SENTIMENTS, K
from simulator.scenario.model import Inject, Scenario

ORIGIN_WAVE = 0

# Each cause's text is a rule of the language's bank (`[roots]` in `simulator/texts/`), so the
# post reads in the scenario's language and varies from one root post to the next.
CAUSES = (
    "delete_comments",
    "argue",
    "blame_customer",
    "canned_backfire",
    "inconsistent",
    "lie_exposed",
    "default",
)
ROOT_TEXTS: dict[str, list[str]] = {cause: [f"{{root_{cause}}}"] for cause in CAUSES}
ROOT_FIELDS = {
    "t": np.float64,
    "id": np.uint64,
    "author": np.int32,
    "platform": np.int8,
    "kind": np.int8,
    "sentiment": np.int8,
    "root": np.int32,
    "wave": np.int16,
}


def cast_origin(scenario: Scenario, population: Population) -> list[int]:
    """The author of each origin post: the brand for its own posts (ad, brand post), else the
    top account of its role not yet cast; an origin's `followers` are its author's (they set
    both its reach and its spread, so this runs before the cascade weighs its authors)."""
    authors, cast = [], dict.fromkeys(("critic", "neutral", "fan"), 0)
    for post in scenario.cascade.origin:
        if post.kind in BRAND_KINDS:
            authors.append(population.brand)
            continue
        n = cast.get(post.role, 0)
        cast[post.role] = n + 1
        author = population.top(post.role, n)
        if post.followers is not None:
            population.set_followers(author, post.followers)
        authors.append(author)
    return authors


class RootSchedule:
    """The root posts of one drill: those scheduled so far, and the background's."""

    def __init__(
        self,
        scenario: Scenario,
        population: Population,
        seed: int,
        origin_authors: list[int],
        new_wave: Callable[[float], int],
    ) -> None:
        self.population = population
        self.seed = seed
        self.new_wave = new_wave
        self.texts: list[str] = []  # a root post's text, by its serial
        self.injects: dict[int, str] = {}  # root index -> the inject whose own post it is
        self._cols = Columns(ROOT_FIELDS, 64)
        # critics already drawn in (the origin's, then consequences': the next one speaks)
        self._critics = sum(1 for post in scenario.cascade.origin if post.role == "critic")
        self._schedule_origin(scenario, origin_authors)
        self._schedule_background(scenario)

    def add(
        self,
        t: float,
        author: int,
        text: str,
        kind: int,
        sentiment: int,
        wave: int,
        platform: int = -1,
    ) -> None:
        """Schedule one root post at t in a wave (platform -1: drawn)."""
        self.texts.append(text)
        serial = len(self.texts)
        self._cols.append(
            t=np.array([t]),
            id=np.array([rand.key(self.seed, rand.ROOT_IDS, serial)], dtype=np.uint64),
            author=np.array([author]),
            platform=np.array([platform]),
            kind=np.array([kind]),
            sentiment=np.array([sentiment]),
            root=np.array([serial - 1]),
            wave=np.array([wave]),
        )

    def inject(self, inject: Inject, now: float) -> None:
        """An inject's own posts, by the top accounts of their role, a minute apart: a wave."""
        if not inject.roots:
            return
        wave = self.new_wave(now)
        for n, root in enumerate(inject.roots):
            author = self.population.top(root.role, n)
            sentiment = SENTIMENTS.index(root.sentiment)
            t = now + INJECT_ROOT_SPACING * n
            self.injects[len(self.texts)] = inject.id
            self.add(t, author, root.text, K[root.kind], sentiment, wave)

    def consequence(self, roots: list[NewRoots]) -> list[int]:
        """A consequence's posts: negative quotes by the next critics, in its cause's words;
        each consequence starts a wave (returned, in order)."""
        waves = []
        for new in roots:
            texts = ROOT_TEXTS.get(new.cause, ROOT_TEXTS["default"])
            wave = self.new_wave(new.at)
            waves.append(wave)
            for n in range(new.count):
                author = self.population.top("critic", self._critics + n)
                t = new.at + CONSEQUENCE_ROOT_SPACING * (n + 1)
                self.add(t, author, texts[n % len(texts)], K["quote"], NEG, wave)
            self._critics += new.count
        return waves

    def brand_post(self, t: float, action: str, wave: int) -> None:
        """The brand's public action as its own post: it reaches the brand's followers."""
        self.add(t, self.population.brand, f"{{brand_{action}}}", K["brand_post"], NEU, wave)

    def after(self, t: float) -> tuple[np.ndarray, np.ndarray]:
        """The scheduled roots at or after t (not the background): their times and waves."""
        later = self._cols["t"] >= t
        return self._cols["t"][later], self._cols["wave"][later]

    def due(self, t0: float, t1: float) -> Roots:
        """The roots in [t0, t1), scheduled then background."""
        lo, hi = np.searchsorted(self._bg_t, [t0, t1])
        rc = self._cols
        due = (rc["t"] >= t0) & (rc["t"] < t1)
        n_bg = hi - lo
        return Roots(
            t=np.concatenate((rc["t"][due], self._bg_t[lo:hi])),
            id=np.concatenate((rc["id"][due], self._bg_id[lo:hi])),
            author=np.concatenate((rc["author"][due], np.full(n_bg, -1, np.int32))),
            platform=np.concatenate((rc["platform"][due], np.full(n_bg, -1, np.int8))),
            kind=np.concatenate((rc["kind"][due], np.full(n_bg, -1, np.int8))),
            sentiment=np.concatenate((rc["sentiment"][due], np.full(n_bg, -1, np.int8))),
            root=np.concatenate((rc["root"][due], np.full(n_bg, -1, np.int32))),
            wave=np.concatenate((rc["wave"][due], np.full(n_bg, ORIGIN_WAVE, np.int16))),
        )

    def _schedule_origin(self, scenario: Scenario, authors: list[int]) -> None:
        platforms = scenario.cascade.platforms
        for post, author in zip(scenario.cascade.origin, authors, strict=True):
            platform = platforms.index(post.platform) if post.platform else 0
            sentiment = NEU if post.kind in BRAND_KINDS else NEG
            self.add(post.at, author, post.text, K[post.kind], sentiment, ORIGIN_WAVE, platform)

    def _schedule_background(self, scenario: Scenario) -> None:
        duration = scenario.clock.duration
        rate = scenario.cascade.background_rate / 3600.0
        base = rand.key(self.seed, rand.BACKGROUND)
        count = int(rand.poisson(np.array([rate * duration]), rand.uniforms(base, 1, 1))[0])
        if count > POSTS_BUDGET:
            raise PostsBudgetExceeded(f"{POSTS_BUDGET:,} background posts", duration)
        self._bg_t = np.sort(np.round(rand.uniforms(base, count, 2) * duration, 3))
        self._bg_id = rand.mix64(np.arange(count, dtype=np.uint64) ^ base)
