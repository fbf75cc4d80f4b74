"""Root posts: what starts a wave whatever the policy. The origin, an inject's posts, the
screenshots and callouts a consequence triggers (each with the texts of its own cause), and
the background chatter. Each root has a fixed identity (seed, its serial), so coupled drills
share it."""

import numpy as np

from simulator.catalogue import CONSEQUENCE_ROOT_SPACING, INJECT_ROOT_SPACING
from simulator.engine import rand
from simulator.engine.cascade import Columns, Roots
from simulator.engine.population import Population
from simulator.engine.responses import NewRoots
from simulator.labels import NEG, SENTIMENTS, K
from simulator.scenario.model import Inject, Scenario

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
}


class RootSchedule:
    """The root posts of one drill: those scheduled so far, and the background's."""

    def __init__(self, scenario: Scenario, population: Population, seed: int) -> None:
        self.population = population
        self.seed = seed
        self.texts: list[str] = []  # a root post's text, by its serial
        self._cols = Columns(ROOT_FIELDS, 64)
        self._critics = 0  # critics already drawn into consequences (the next one speaks)
        self._schedule_origin(scenario)
        self._schedule_background(scenario)

    def add(
        self, t: float, author: int, text: str, kind: int, sentiment: int, platform: int = -1
    ) -> None:
        """Schedule one root post at t (platform -1: drawn)."""
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
        )

    def inject(self, inject: Inject, now: float) -> None:
        """An inject's own posts, by the top accounts of their role, a minute apart."""
        for n, root in enumerate(inject.roots):
            author = self.population.top(root.role, n)
            sentiment = SENTIMENTS.index(root.sentiment)
            self.add(now + INJECT_ROOT_SPACING * n, author, root.text, K[root.kind], sentiment)

    def consequence(self, roots: list[NewRoots]) -> None:
        """A consequence's posts: negative quotes by the next critics, in its cause's words."""
        for new in roots:
            texts = ROOT_TEXTS.get(new.cause, ROOT_TEXTS["default"])
            for n in range(new.count):
                author = self.population.top("critic", self._critics + n)
                t = new.at + CONSEQUENCE_ROOT_SPACING * (n + 1)
                self.add(t, author, texts[n % len(texts)], K["quote"], NEG)
            self._critics += new.count

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
        )

    def _schedule_origin(self, scenario: Scenario) -> None:
        platforms = scenario.cascade.platforms
        for n, post in enumerate(scenario.cascade.origin):
            author = self.population.top("critic", n)
            if post.followers is not None:
                self.population.followers[author] = post.followers
            platform = platforms.index(post.platform) if post.platform else 0
            self.add(post.at, author, post.text, K["complaint"], NEG, platform)

    def _schedule_background(self, scenario: Scenario) -> None:
        duration = scenario.clock.duration
        rate = scenario.cascade.background_rate / 3600.0
        base = rand.key(self.seed, rand.BACKGROUND)
        count = int(rand.poisson(np.array([rate * duration]), rand.uniforms(base, 1, 1))[0])
        self._bg_t = np.sort(np.round(rand.uniforms(base, count, 2) * duration, 3))
        self._bg_id = rand.mix64(np.arange(count, dtype=np.uint64) ^ base)
