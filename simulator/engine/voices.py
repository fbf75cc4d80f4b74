"""Who posts and what they say: people and post texts, composed lazily and seeded per post.

Nothing here feeds back into the cascade: voices only dress the posts a screen shows, so they
are made on demand (a feed of 100,000 posts renders only the lines in view). A person is drawn
from Faker pools of the scenario's locale by (seed, account); a text from the language's bank
(`simulator/texts/`) and the scenario's own texts by the post's identity and the brand's public
moves before it (`Public`), so a drill reads the same on every replay and in every process.
"""

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from simulator.catalogue import GOLDEN_HOUR
from simulator.scenario.model import Scenario
from simulator.texts import MAX_DEPTH, Bank, Draw, fill, load_bank

if TYPE_CHECKING:
    from simulator.engine.trajectory import Post, Trajectory

# What the public reacts to: the brand's visible moves (public, or seen like a deletion) ...
REACTION = {
    "holding_statement": "holding",
    "conciliatory_reply": "reply",
    "public_apology": "apology",
    "acknowledge_correct": "correction",
    "explain_justify": "explanation",
    "deny_with_evidence": "denial",
    "delete_comments": "deletion",
    "argue": "argue",
    "blame_customer": "blame",
    "canned_reply": "canned",
}
# ... and what follows from them (the engine's effects of these sources).
CONSEQUENCE = {
    "lie_exposed": "exposed",
    "canned_backfire": "backfire",
    "inconsistent": "inconsistent",
}
MISTAKES = frozenset({"deletion", "argue", "blame", "exposed", "backfire", "inconsistent"})
REACT_CHANCE = 0.7  # share of posts right after a move that react to it ...
REACT_HALF_LIFE = 5400.0  # ... halving every 90 simulated minutes
STAGE_CHANCE = 0.3  # share of the other posts drawn from their stage's lines
FADING_AFTER = 4 * 3600.0  # no new move for this long: the crisis is fading
SCENARIO_CHANCE = 0.4  # a scenario's own lines, when it has some for the post's section
PREFIX_CHANCE, SUFFIX_CHANCE = 0.12, 0.2  # the platform's register
POOL = 400  # Faker draws per pool (first names, last names, towns, streets)
TEXT_TAG, PERSON_TAG = 0x7E47, 0xFACE
KINDS_WITH_TEXT = (  # the (kind, sentiment) marks the cascade gives a post
    ("complaint", "negative"),
    ("share", "negative"),
    ("share", "neutral"),
    ("reply", "negative"),
    ("reply", "neutral"),
    ("quote", "negative"),
    ("quote", "neutral"),
    ("meme", "negative"),
    ("defence", "positive"),
    ("news", "negative"),
    ("news", "neutral"),
    ("news", "positive"),
)


@dataclass(frozen=True)
class Person:
    name: str
    handle: str
    city: str


@dataclass(frozen=True)
class Moment:
    """A visible move of the brand, or what followed from one, as the public saw it."""

    t: float
    event: str  # a reaction in the banks: apology, deletion, exposed...


@dataclass(frozen=True)
class Context:
    """What the public knows at a post's time."""

    stage: str  # early, spreading (both: the brand has said nothing), spoke, mistake, fading
    event: str | None  # the brand's last visible move (or its consequence)
    since: float  # seconds since that move (or since detection)
    late: bool  # that move came after the golden hour


@dataclass(frozen=True)
class Public:
    """The brand's visible moves in time order: all a text needs to know of the drill."""

    detected_at: float
    moments: tuple[Moment, ...] = ()

    def at(self, t: float) -> Context:
        last = None
        for moment in self.moments:
            if moment.t > t:
                break
            last = moment
        if last is None:
            waited = t - self.detected_at
            return Context("early" if waited < GOLDEN_HOUR else "spreading", None, waited, False)
        since = t - last.t
        stage = (
            "fading" if since >= FADING_AFTER else "mistake" if last.event in MISTAKES else "spoke"
        )
        return Context(stage, last.event, since, last.t - self.detected_at > GOLDEN_HOUR)


def public_record(trajectory: "Trajectory") -> Public:
    """The brand's visible moves so far, and what followed from them."""
    applied = trajectory.applied
    moments = [Moment(a.t, REACTION[a.action]) for a in applied if a.action in REACTION]
    moments += [
        Moment(t, CONSEQUENCE[source]) for t, source in trajectory.events if source in CONSEQUENCE
    ]
    moments.sort(key=lambda m: m.t)  # stable: a consequence follows its move at equal times
    return Public(trajectory.scenario.crisis.detected_at, tuple(moments))


@dataclass(frozen=True)
class Pools:
    """Faker's names and places for one locale, drawn once."""

    first: tuple[str, ...]
    last: tuple[str, ...]
    towns: tuple[str, ...]
    streets: tuple[str, ...]
    weekdays: tuple[str, ...]


@lru_cache(maxsize=8)
def pools(locale: str) -> Pools:
    from faker import Faker  # imported only when a voice is needed

    fake = Faker(locale)
    fake.seed_instance(PERSON_TAG)

    def draw(make: object) -> tuple[str, ...]:
        return tuple(dict.fromkeys(make() for _ in range(POOL)))  # type: ignore[operator]

    return Pools(
        first=draw(fake.first_name),
        last=draw(fake.last_name),
        towns=draw(fake.city),
        streets=draw(fake.street_name),
        weekdays=tuple(sorted(set(draw(fake.day_of_week)))),
    )


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


@dataclass(frozen=True)
class Line:
    """A post's text and the section of the bank it came from (for tests and tools)."""

    text: str
    section: str


class Voices:
    """People and texts for the accounts and posts of one drill."""

    def __init__(
        self, scenario: Scenario, seed: int, trajectory: "Trajectory | None" = None
    ) -> None:
        self.scenario = scenario
        self.seed = seed
        self.bank: Bank = load_bank(scenario.locale)
        self.pools = pools(scenario.locale)
        crisis, texts = scenario.crisis, scenario.texts
        self.rules = (
            dict(self.bank.rules)
            | {k: tuple(v) for k, v in texts.words.items()}
            | {f"brand_{action}": tuple(v) for action, v in texts.brand.items() if v}
        )
        self.brand = Person(scenario.brand.name, scenario.brand.handle, "")
        self.brand_account = scenario.audience.size  # the population's last account
        self.fixed = {
            "brand": scenario.brand.name,
            "handle": scenario.brand.handle,
            "tag": "#" + "".join(c for c in scenario.brand.name if c.isalnum()),
            "product": crisis.product or self.bank.defaults["product"],
            "subject": crisis.subject or self.bank.defaults["subject"],
        }
        self.own = _scenario_sections(scenario)
        self._people: dict[int, Person] = {}
        self._public = Public(crisis.detected_at)
        self._seen = (0, 0)
        if trajectory is not None:
            self.follow(trajectory)

    def person(self, account: int) -> Person:
        """The account's name, handle and city (the same for a seed on every run)."""
        if account == self.brand_account:
            return self.brand
        person = self._people.get(account)
        if person is None:
            p = self.pools
            draw = Draw(self.seed, PERSON_TAG, account)
            first, last = p.first[draw.below(len(p.first))], p.last[draw.below(len(p.last))]
            style = draw.below(4)
            handle = (
                _ascii(first) + _ascii(last)[: 1 + draw.below(6)]
                if style == 0
                else _ascii(first) + "_" + _ascii(last)
                if style == 1
                else _ascii(last) + str(draw.below(100))
                if style == 2
                else _ascii(first) + str(1950 + draw.below(60))
            )
            town = p.towns[draw.below(len(p.towns))]
            person = self._people[account] = Person(f"{first} {last}", "@" + handle, town)
        return person

    def follow(self, trajectory: "Trajectory") -> None:
        """Catch up with the drill: the brand's visible moves so far (when it has new ones)."""
        seen = (len(trajectory.applied), len(trajectory.events))
        if seen != self._seen:
            self._public, self._seen = public_record(trajectory), seen

    def public(self) -> Public:
        """The brand's visible moves as last followed."""
        return self._public

    def text(self, post: "Post") -> str:
        """A post's text: its root's own text, else composed from the banks."""
        return self.line(
            post.id, post.author, post.kind, post.sentiment, post.root, post.t, post.platform
        ).text

    def line(
        self,
        post_id: int,
        author: int,
        kind: str,
        sentiment: str,
        root: str | None,
        t: float = 0.0,
        platform: str = "",
    ) -> Line:
        """A post's text with the section it came from."""
        draw = Draw(self.seed, TEXT_TAG, post_id)
        ctx = self.public().at(t)
        if root is not None:
            return Line(self._fill(root, draw, author, ctx, platform), "root")
        section, lines = self._pick(draw, kind, sentiment, ctx)
        text = self._fill(lines[draw.below(len(lines))], draw, author, ctx, platform)
        if kind != "news":
            register = self.bank.platforms.get(platform) or self.bank.platforms["default"]
            if register["prefix"] and draw.chance(PREFIX_CHANCE):
                prefix = self._one(register["prefix"], draw)
                text = self._fill(prefix, draw, author, ctx, platform) + " " + text
            elif register["suffix"] and draw.chance(SUFFIX_CHANCE):
                suffix = self._one(register["suffix"], draw)
                text += " " + self._fill(suffix, draw, author, ctx, platform)
        return Line(" ".join(word for word in text.split(" ") if word), section)  # no gaps

    @staticmethod
    def _one(lines: tuple[str, ...], draw: Draw) -> str:
        return lines[draw.below(len(lines))]

    def _pick(
        self, draw: Draw, kind: str, sentiment: str, ctx: Context
    ) -> tuple[str, tuple[str, ...]]:
        """The section a post's text comes from: a reaction to the brand's last move, its
        stage, or its kind; the scenario's own lines come first when it has some."""
        tone = "news" if kind == "news" else sentiment
        if ctx.event is not None and draw.chance(
            REACT_CHANCE * 0.5 ** (ctx.since / REACT_HALF_LIFE)
        ):
            reactions = self.bank.reactions[ctx.event]
            key = tone
            if ctx.event == "apology" and ctx.late and tone == "negative" and draw.chance(0.5):
                key = "late"
            found = self._section(draw, f"reactions.{ctx.event}.{key}", reactions.get(key))
            if found:
                return found
        if kind != "news" and draw.chance(STAGE_CHANCE):
            found = self._section(
                draw, f"stages.{ctx.stage}.{sentiment}", self.bank.stages[ctx.stage].get(sentiment)
            )
            if found:
                return found
        if kind == "news":
            tone = sentiment if sentiment in self.bank.kinds[kind] else "neutral"
        elif kind == "defence" or sentiment == "positive":
            kind, tone = "defence", "positive"
        else:
            tone = sentiment if sentiment in self.bank.kinds[kind] else "negative"
        table = self.bank.kinds[kind]
        found = self._section(draw, f"kinds.{kind}.{tone}", table.get(tone))
        assert found is not None, f"the bank has no lines for {kind}.{tone}"
        return found

    def _section(
        self, draw: Draw, section: str, bank_lines: tuple[str, ...] | None
    ) -> tuple[str, tuple[str, ...]] | None:
        own = self.own.get(section)
        if own and (not bank_lines or draw.chance(SCENARIO_CHANCE)):
            return "scenario." + section, own
        return (section, bank_lines) if bank_lines else None

    def _fill(self, template: str, draw: Draw, author: int, ctx: Context, platform: str) -> str:
        rules, fixed, pools, bank = self.rules, self.fixed, self.pools, self.bank

        def value(name: str, depth: int = 0) -> str | None:
            got = fixed.get(name)
            if got is not None:
                return got
            if name in rules:
                if depth >= MAX_DEPTH:
                    return ""
                alternatives = rules[name]
                chosen = alternatives[draw.below(len(alternatives))]
                return fill(chosen, lambda inner: value(inner, depth + 1))
            if name == "name":
                return self.person(author).name
            if name == "city":
                return self.person(author).city
            if name == "first_name":
                return pools.first[draw.below(len(pools.first))]
            if name == "place":
                return pools.towns[draw.below(len(pools.towns))]
            if name == "street":
                return pools.streets[draw.below(len(pools.streets))]
            if name == "weekday":
                return pools.weekdays[draw.below(len(pools.weekdays))]
            if name == "n":
                return str(2 + draw.below(8))
            if name == "count":
                return str(12 + draw.below(469))
            if name == "platform":
                return platform or self.scenario.cascade.platforms[0]
            if name in ("waited", "since"):
                return bank.duration(ctx.since)
            return None

        return fill(template, value)


def _scenario_sections(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    """The scenario's own lines by bank section."""
    texts = scenario.texts
    own: dict[str, tuple[str, ...]] = {}
    for kind in ("complaint", "share", "reply", "quote", "meme"):
        own[f"kinds.{kind}.negative"] = tuple(getattr(texts, kind))
    own["kinds.defence.positive"] = tuple(texts.defence)
    for kind in ("share", "reply", "quote"):
        own[f"kinds.{kind}.neutral"] = tuple(texts.neutral)
    own["kinds.news.negative"] = own["kinds.news.neutral"] = tuple(texts.news + texts.headlines)
    own["stages.spreading.negative"] = tuple(texts.silence)
    for event, tones in texts.reactions.items():
        for tone, lines in tones:
            own[f"reactions.{event}.{tone}"] = tuple(lines)
    return {section: lines for section, lines in own.items() if lines}


def post_records(trajectory: "Trajectory", voices: Voices | None = None) -> list[dict[str, object]]:
    """Every post of the drill so far, in time order, as plain records: the synthetic feed an
    instructor can export. `parent` is the index of the parent post in this list."""
    from simulator.engine.population import ROLES

    voices = voices or Voices(trajectory.scenario, trajectory.seed, trajectory)
    posts = trajectory.posts_since(0)
    rank = {post.index: n for n, post in enumerate(posts)}
    return [
        {
            "t": round(post.t, 3),
            "author": voices.person(post.author).handle,
            "role": ROLES[int(trajectory.roles[post.author])],
            "followers": post.followers,
            "platform": post.platform,
            "kind": post.kind,
            "sentiment": post.sentiment,
            "parent": rank[post.parent] if post.parent >= 0 else None,
            "text": voices.text(post),
            "by_brand": post.author == voices.brand_account,
        }
        for post in posts
    ]
