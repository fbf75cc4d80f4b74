"""Who posts and what they say: names, handles and texts made with Faker, lazily and seeded.

Nothing here feeds back into the cascade: voices only dress the posts a screen shows, so they
are made on demand (a feed of 100,000 posts renders only the lines in view). Each account's
voice is seeded by (seed, account) and each text by the post's identity, so a drill reads the
same on every replay.
"""

from dataclasses import dataclass
from functools import lru_cache

from simulator.engine import rand
from simulator.scenario.model import Scenario

DEFAULT_TEXTS = {
    "complaint": [
        "Still waiting for {brand} to explain this. Not good enough.",
        "{brand} seriously? This is how you treat customers?",
        "Never again, {brand}. Telling everyone I know.",
        "Has anyone else had this with {brand}? Unbelievable.",
    ],
    "share": [
        "Everyone needs to see this 👇 {handle}",
        "Sharing so more people know what {brand} is doing.",
        "This is spreading fast. {handle} you need to answer.",
    ],
    "reply": [
        "Same thing happened to me last month.",
        "Wow. And they still haven't replied?",
        "{handle} answer her!",
    ],
    "quote": [
        "This thread about {brand} is wild.",
        "Read this before you buy anything from {brand}.",
    ],
    "meme": [
        "{brand} customer service be like: 🙈",
        "me refreshing {handle} waiting for an apology",
    ],
    "news": [
        "{brand} faces backlash online after customer complaint goes viral.",
        "Customers of {brand} voice anger on social media; the company is yet to comment.",
    ],
    "defence": [
        "I've always had great service from {brand}, give them a chance.",
        "People make mistakes. Let's see what {brand} says.",
    ],
    "neutral": [
        "Anyone know what's going on with {brand}?",
        "Following this {brand} story from {city}.",
        "Waiting for {handle} to respond before judging.",
    ],
}


@dataclass(frozen=True)
class Person:
    name: str
    handle: str
    city: str


@lru_cache(maxsize=8)
def _faker(locale: str):  # faker is imported only when a voice is needed
    from faker import Faker

    return Faker(locale)


class Voices:
    """Names, handles and texts for the accounts and posts of one drill."""

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self.scenario = scenario
        self.seed = seed
        texts = scenario.texts
        self.banks = {kind: getattr(texts, kind) or lines for kind, lines in DEFAULT_TEXTS.items()}
        self._people: dict[int, Person] = {}

    def person(self, account: int) -> Person:
        """The account's name, handle and city (the same for a seed on every run)."""
        person = self._people.get(account)
        if person is None:
            fake = _faker(self.scenario.locale)
            fake.seed_instance(int(rand.key(self.seed, rand.PERSONA, account)))
            name = fake.name()
            handle = "@" + "".join(c for c in fake.user_name() if c.isalnum() or c == "_")
            person = self._people[account] = Person(name, handle, fake.city())
        return person

    def text(self, post_id: int, author: int, kind: str, sentiment: str, root: str | None) -> str:
        """A post's text: its root's own text, else a phrase from the scenario's banks."""
        if root is None:
            bank = self.banks["neutral" if sentiment == "neutral" else kind]
            if sentiment == "positive":
                bank = self.banks["defence"]
            root = bank[int(rand.key(self.seed, post_id)) % len(bank)]
        person = self.person(author)
        return root.format(
            brand=self.scenario.brand.name,
            handle=self.scenario.brand.handle,
            name=person.name,
            city=person.city,
        )
