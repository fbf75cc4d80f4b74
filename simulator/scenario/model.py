"""The scenario file's model: what an instructor writes, validated by pydantic.

Validation is strict: a number is a number and a flag is true or false (no "40000" for an
integer, no "yes" for a flag), no NaN or infinity, and every number and duration has a range
(in the field's description and in the JSON Schema), so nothing the engine divides by is zero
and nothing it counts is unbounded.
"""

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from simulator.durations import format_duration, parse_duration
from simulator.scenario.suggest import did_you_mean

MINUTE, HOUR, DAY = 60.0, 3600.0, 86400.0
MAX_DURATION = 30 * DAY  # the longest drill, and the longest duration anywhere
MAX_FOLLOWERS = 1_000_000_000  # followers of one account
MAX_TICKS = 50_000  # clock.duration / clock.tick: the engine keeps metrics per tick
MAX_ID = 64  # characters in an id


@dataclass(frozen=True)
class Within:
    """A duration ("45s", "90m", "1h30m", "2d", or a number of seconds) from `low` to `high`
    seconds: parsed, range-checked with a message in the same units, shown in the schema."""

    low: float
    high: float

    def seconds(self, value: object) -> float:
        if isinstance(value, str):
            seconds = parse_duration(value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            seconds = value  # compared before any float(): an integer of any length is fine
        else:
            what = str(value).lower() if isinstance(value, bool) else f"a {type(value).__name__}"
            raise ValueError(f'a duration is a string like "45s", "90m" or "1h30m", not {what}')
        if not self.low <= seconds <= self.high:  # False for NaN too
            span = f"{format_duration(self.low)} to {format_duration(self.high)}"
            raise ValueError(f"a duration from {span} here, not {shown(value)}")
        return float(seconds)

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            self.seconds,
            serialization=core_schema.plain_serializer_function_ser_schema(_written),
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^(\d+(\.\d+)?[dhms])+$"},
                {"type": "number", "minimum": self.low, "maximum": self.high},
            ]
        }


def _written(seconds: float) -> str | float:
    """A duration as a file writes it: "1h30m" when whole seconds, else the number itself (so
    that a scenario read back from its JSON is the same scenario)."""
    return format_duration(seconds) if seconds == round(seconds) else seconds


def shown(value: object) -> str:
    """A value as a message quotes it: short, and safe for an integer of any length."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**20:
        return "a number of over 20 digits"
    text = f'"{value}"' if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


Duration = Annotated[float, Within(0.0, MAX_DURATION)]
HalfLife = Annotated[float, Within(MINUTE, MAX_DURATION)]
Cluster = Literal["victim", "accidental", "preventable"]
Role = Literal["critic", "neutral", "fan", "influencer", "journalist", "media"]
Kind = Literal["complaint", "share", "reply", "quote", "meme", "news", "defence"]
Sentiment = Literal["negative", "neutral", "positive"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


def _identifier(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,63}", value):
        raise ValueError("a word's name is letters, digits and underscores")
    return value


def _id(value: str) -> str:
    if not re.fullmatch(rf"[A-Za-z0-9][A-Za-z0-9_-]{{0,{MAX_ID - 1}}}", value):
        what = "empty" if not value else f"not {shown(value)}"
        raise ValueError(f'an id is 1 to {MAX_ID} letters, digits, "-" and "_" ({what})')
    return value


Id = Annotated[str, AfterValidator(_id)]


def _locale(value: str) -> str:
    from faker.config import AVAILABLE_LOCALES

    if value not in AVAILABLE_LOCALES:
        hint = did_you_mean(value, AVAILABLE_LOCALES) or ' (like "en_US" or "es_ES")'
        raise ValueError(f"unknown locale {shown(value)}{hint}")
    return value


class Objective(Strict):
    id: Id = Field(description="a short name for the objective", examples=["calm"])
    text: str = Field(
        description="what the trainee should learn, one sentence",
        examples=["Stay calm: get the facts before answering in public."],
    )


class Brand(Strict):
    name: str = Field(description="the brand's name, as posts say it", examples=["Brewbank"])
    handle: str = Field(description="the brand's account", examples=["@brewbank"])
    followers: int = Field(
        ge=0,
        le=MAX_FOLLOWERS,
        description="followers of the brand's account: the reach of its own posts",
        examples=[84000],
    )
    reputation: Literal["good", "neutral", "poor"] = Field(
        default="neutral",
        description="prior reputation (poor is an SCCT intensifier)",
        examples=["good"],
    )
    crisis_history: bool = Field(
        default=False,
        description="a similar crisis before (an SCCT intensifier)",
        examples=[False],
    )


class Crisis(Strict):
    cluster: Cluster = Field(
        description="the SCCT crisis cluster: who the public holds responsible",
        examples=["preventable"],
    )
    at_fault: bool = Field(description="whether the brand is really at fault", examples=[True])
    summary: str = Field(
        description="what the team knows at the start: the briefing's situation",
        examples=["A customer's screenshot of a rude support reply is climbing fast."],
    )
    facts: str = Field(
        default="",
        description="what gather_facts reveals when it finishes, never shown up front",
        examples=["The reply was sent by one agent, against the guidelines."],
    )
    truth: str = Field(
        description="what really happened, shown in the debrief",
        examples=["The reply was real; the menu was mislabelled that week."],
    )
    detected_at: Duration = Field(
        default=0.0,
        description="when the team learns of the crisis (the drill's clock opens then)",
        examples=["10m"],
    )
    subject: str = Field(
        default="",
        description='what went wrong, as a noun phrase: "the rude support reply"',
        examples=["the rude support reply"],
    )
    product: str = Field(
        default="",
        description='what the customers bought: "oat-milk latte"',
        examples=["oat-milk latte"],
    )


class Audience(Strict):
    size: int = Field(
        ge=100, le=1_000_000, description="accounts in the synthetic audience", examples=[40000]
    )
    follower_law: Literal["lognormal", "pareto", "constant"] = Field(
        default="lognormal", description="the law of follower counts", examples=["lognormal"]
    )
    follower_median: float = Field(
        default=150.0,
        gt=0,
        le=1_000_000,
        description="median followers of an ordinary account",
        examples=[180],
    )
    follower_spread: float = Field(
        default=1.8,
        ge=0.1,
        le=5,
        description="log-normal sigma or Pareto alpha (unused by constant)",
        examples=[1.7],
    )
    critics: float = Field(
        default=0.2,
        ge=0,
        le=1,
        description="share of critics (the three add up to 1)",
        examples=[0.25],
    )
    neutrals: float = Field(
        default=0.65, ge=0, le=1, description="share of neutral accounts", examples=[0.6]
    )
    fans: float = Field(default=0.15, ge=0, le=1, description="share of fans", examples=[0.15])
    influencers: int = Field(
        default=5, ge=0, le=1000, description="influencer accounts on top", examples=[6]
    )
    journalists: int = Field(
        default=3, ge=0, le=1000, description="journalist accounts on top", examples=[4]
    )
    media: int = Field(default=2, ge=0, le=1000, description="media outlets on top", examples=[2])


OriginKind = Literal["complaint", "video", "ad", "brand_post"]


class OriginPost(Strict):
    """A post that started the crisis: by the top account of `role` not yet cast (with its
    `followers`, which set the post's reach and spread), or by the brand for an ad or the
    brand's own post (which reach the brand's followers)."""

    at: Duration = Field(default=0.0, description="when it was posted", examples=["0m"])
    role: Role = Field(default="critic", description="who posted it", examples=["critic"])
    kind: OriginKind = Field(
        default="complaint",
        description="complaint or video by `role`; ad or brand_post by the brand itself",
        examples=["complaint"],
    )
    platform: str = Field(
        default="", description="one of cascade.platforms (default: the first)", examples=["X"]
    )
    text: str = Field(
        description="the post, with {placeholders}",
        examples=["Asked {handle} a simple question and THIS is the reply I get."],
    )
    followers: int | None = Field(
        default=None,
        ge=0,
        le=MAX_FOLLOWERS,
        description="the author's followers (default: drawn for the role)",
        examples=[2300],
    )

    @model_validator(mode="after")
    def _brand_kinds_are_the_brands(self) -> "OriginPost":
        if self.kind in ("ad", "brand_post"):
            for name, what in (
                ("role", "its author is the brand"),
                ("followers", "brand.followers"),
            ):  # a default value is no choice (a dumped scenario writes it): it round-trips
                field = type(self).model_fields[name]
                if name in self.model_fields_set and getattr(self, name) != field.default:
                    raise ValueError(
                        f'kind "{self.kind}" is the brand\'s own post: drop "{name}" ({what})'
                    )
        return self


class SentimentWeights(Strict):
    negative: float = Field(
        default=1.0, ge=0, le=10, description="spread of negative posts", examples=[1.0]
    )
    neutral: float = Field(
        default=0.6, ge=0, le=10, description="spread of neutral posts", examples=[0.6]
    )
    positive: float = Field(
        default=0.4, ge=0, le=10, description="spread of positive posts", examples=[0.4]
    )


class Cascade(Strict):
    kernel: Literal["exponential", "seismic"] = Field(
        default="exponential",
        description="reaction-time law: exponential, or seismic (flat, then a power law)",
        examples=["exponential"],
    )
    mean_delay: Annotated[float, Within(1.0, 7 * DAY)] = Field(
        default=1800.0,
        description="mean time from a post to its reactions (exponential kernel)",
        examples=["40m"],
    )
    base_infectiousness: float = Field(
        gt=0,
        le=3,
        description="expected reactions to a post before responses (above 1: viral)",
        examples=[1.05],
    )
    follower_exponent: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="how much an author's followers add to its reactions",
        examples=[0.45],
    )
    background_rate: float = Field(
        default=0.0,
        ge=0,
        le=100_000,
        description="spontaneous posts per hour",
        examples=[3.0],
    )
    fatigue_half_life: HalfLife | None = Field(
        default=86400.0,
        description="a wave loses half its pull in this time (none: no fatigue)",
        examples=["10h"],
    )
    audience_cap: bool = Field(
        default=True, description="reached accounts do not post again (saturation)", examples=[True]
    )
    sentiment_weights: SentimentWeights = Field(
        default=SentimentWeights(),
        description="how far posts of each sentiment spread",
        examples=[{"negative": 1.0, "neutral": 0.6, "positive": 0.4}],
    )
    platforms: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(
        default_factory=lambda: ["X"],
        min_length=1,
        max_length=20,
        description="where the crisis plays out",
        examples=[["X", "Instagram", "TikTok"]],
    )
    origin: list[OriginPost] = Field(
        min_length=1,
        max_length=100,
        description="the posts that started the crisis",
        examples=[[{"at": "0m", "role": "critic", "text": "Look at this reply from {handle}."}]],
    )


class Clock(Strict):
    duration: Annotated[float, Within(MINUTE, MAX_DURATION)] = Field(
        description="simulated time the drill covers", examples=["12h"]
    )
    tick: Annotated[float, Within(1.0, HOUR)] = Field(
        default=60.0,
        description=f"the clock's step (at most {MAX_TICKS:,} ticks in the duration)",
        examples=["1m"],
    )
    pace: Annotated[float, Within(MINUTE, DAY)] = Field(
        default=900.0, description="real time of the drill at 1x speed", examples=["15m"]
    )


class ActionOverride(Strict):
    multiplier: float | None = Field(
        default=None, gt=0, le=5, description="the action's multiplier on p(t)", examples=[0.7]
    )
    shift: float | None = Field(
        default=None,
        ge=-1,
        le=1,
        description="the action's shift of the negative share",
        examples=[-0.1],
    )
    half_life: HalfLife | None = Field(
        default=None, description="how long the effect lasts (half-life)", examples=["3h"]
    )
    roots: int | None = Field(
        default=None, ge=0, le=50, description="new cascades the action starts", examples=[2]
    )


class InjectRoot(Strict):
    role: Role = Field(default="influencer", description="who posts it", examples=["influencer"])
    text: str = Field(
        description="the post, with {placeholders}",
        examples=["This is how {brand} treats parents. Unfollow."],
    )
    kind: Kind = Field(default="share", description="the post's kind", examples=["quote"])
    sentiment: Sentiment = Field(
        default="negative", description="the post's sentiment", examples=["negative"]
    )


class DecisionOption(Strict):
    id: Id = Field(description="the option's name (policies choose it)", examples=["statement"])
    label: str = Field(description="what the trainee reads", examples=["Send a holding statement"])
    action: Id = Field(
        description='an action id in play, or "none"', examples=["holding_statement"]
    )


class Decision(Strict):
    prompt: str = Field(
        description="the question", examples=["The journalist wants an answer. What do you do?"]
    )
    timeout: Annotated[float, Within(30.0, 600.0)] = Field(
        default=90.0,
        description="real seconds to read the inject and decide before the default applies",
        examples=["90s"],
    )
    default: Id = Field(description="the option taken when time runs out", examples=["no-comment"])
    options: list[DecisionOption] = Field(
        min_length=2,
        max_length=9,
        description="the choices (2 to 9)",
        examples=[
            [
                {
                    "id": "statement",
                    "label": "Send the holding statement",
                    "action": "holding_statement",
                },
                {"id": "no-comment", "label": "No comment", "action": "none"},
            ]
        ],
    )


class Inject(Strict):
    id: Id = Field(description="the inject's name", examples=["journalist-call"])
    title: str = Field(description="the alert's title", examples=["A journalist asks for comment"])
    text: str = Field(
        description="what happens", examples=["A consumer journalist asks for a statement."]
    )
    at: Duration | None = Field(
        default=None, description='when it fires (or give "when")', examples=["2h"]
    )
    when: str | None = Field(
        default=None,
        max_length=200,
        description='a condition like "negative_mentions > 500" (or give "at")',
        examples=["negative_mentions > 150"],
    )
    roots: list[InjectRoot] = Field(
        default=[],
        max_length=50,
        description="posts it starts",
        examples=[[{"role": "journalist", "kind": "news", "text": "Reporter: asked {brand}."}]],
    )
    multiplier: float = Field(
        default=1.0, gt=0, le=5, description="its multiplier on p(t)", examples=[1.3]
    )
    half_life: HalfLife = Field(
        default=10800.0, description="how long its multiplier lasts (half-life)", examples=["3h"]
    )
    reveal_truth: bool = Field(
        default=False, description="it reveals the truth (a leak)", examples=[True]
    )
    decision: Decision | None = Field(
        default=None,
        description="a question that pauses the clock",
        examples=[{"prompt": "What now?", "default": "wait", "options": ["...", "..."]}],
    )


class PolicyStep(Strict):
    at: Duration = Field(description="when, since the crisis started", examples=["45m"])
    action: Id | None = Field(
        default=None, description="an action id in play", examples=["analyse_scope"]
    )
    inject: Id | None = Field(
        default=None, description="an inject with a decision", examples=["journalist-call"]
    )
    choice: Id | None = Field(
        default=None, description="the option chosen for that inject", examples=["statement"]
    )


class Weights(Strict):
    outcome: float = Field(
        default=0.6, ge=0, le=100, description="weight of the outcome score", examples=[0.6]
    )
    playbook: float = Field(
        default=0.25, ge=0, le=100, description="weight of the playbook checks", examples=[0.25]
    )
    timeliness: float = Field(
        default=0.15, ge=0, le=100, description="weight of timeliness", examples=[0.15]
    )


Reaction = Literal[
    "holding",
    "reply",
    "apology",
    "correction",
    "explanation",
    "denial",
    "exposed",
    "deletion",
    "argue",
    "blame",
    "canned",
    "backfire",
    "inconsistent",
]
Lines = list[str]


def _lines(what: str, example: str) -> Any:
    """A field of text lines (with {placeholders}), empty by default."""
    return Field(default=[], description=what, examples=[[example]])


class Tones(Strict):
    """Lines of one reaction by the post's sentiment, and press headlines."""

    positive: Lines = _lines("positive lines", "{brand} apologised. That's decent.")
    neutral: Lines = _lines("neutral lines", "{brand} has said something at last.")
    negative: Lines = _lines("negative lines", "Sorry for the tone, but what about the menu?")
    late: Lines = _lines("negative lines for a late apology", "Three days to say sorry, {brand}?")
    news: Lines = _lines("press headlines", "{brand} apologises | {outlet}")


class Texts(Strict):
    """The scenario's own lines, mixed with the language's bank (`simulator/texts/`). Lines
    use named placeholders ({brand}, {subject}... and the bank's rules); see the README."""

    complaint: Lines = _lines("complaints", "A child got ill and {brand} answers with sarcasm?")
    share: Lines = _lines("shares", "Look at what {brand} said. {sting}")
    reply: Lines = _lines("replies", "Allergies aren't a joke, {brand}.")
    quote: Lines = _lines("quotes", "This. {brand} needs to answer.")
    meme: Lines = _lines("memes", "{brand} support: it's not rocket science")
    news: Lines = _lines("news posts", "{brand} under fire over support reply")
    headlines: Lines = _lines("press headlines (news posts)", "{brand} reply sparks outrage")
    defence: Lines = _lines("defences of the brand", "One rude agent doesn't make {brand} bad.")
    neutral: Lines = _lines("neutral posts", "Anyone know what happened with {brand}?")
    silence: Lines = _lines("said only while the brand is silent", "Still nothing from {brand}.")
    reactions: dict[Reaction, Tones] = Field(
        default={},
        description="lines reacting to the brand's moves, by reaction and tone",
        examples=[{"apology": {"positive": ["{brand} apologised. {warm}"]}}],
    )
    brand: dict[Id, Lines] = Field(
        default={},
        description="the brand's own posts, by public action id (replace the bank's lines)",
        examples=[{"public_apology": ["We got {subject} wrong, and we are sorry."]}],
    )
    words: dict[Annotated[str, AfterValidator(_identifier)], Lines] = Field(
        default={},
        description="named alternatives, usable as {name} (add to or replace rules)",
        examples=[{"detail": ["the sarcastic support reply", "{subject}"]}],
    )


def _scenario_id(value: str) -> str:
    if not re.fullmatch(rf"[a-z0-9][a-z0-9-]{{0,{MAX_ID - 1}}}", value):
        raise ValueError(
            f'use 1 to {MAX_ID} lowercase letters, digits and dashes, like "rude-reply"'
        )
    return value


class Scenario(Strict):
    id: Annotated[str, AfterValidator(_scenario_id)] = Field(
        description="the scenario's name in drill codes", examples=["rude-reply"]
    )
    title: str = Field(description="the scenario's title", examples=["The screenshotted reply"])
    version: str = Field(description="its version (a string)", examples=["1.1"])
    author: str = Field(description="who wrote it", examples=["crisis-drill team"])
    locale: Annotated[str, AfterValidator(_locale)] = Field(
        default="en_US", description="language and country of names and texts", examples=["en_GB"]
    )
    difficulty: Literal["easy", "medium", "hard"] = Field(
        default="medium", description="how hard it is", examples=["medium"]
    )
    objectives: list[Objective] = Field(
        min_length=1,
        max_length=20,
        description="learning objectives",
        examples=[[{"id": "calm", "text": "Get the facts before answering in public."}]],
    )
    brand: Brand = Field(
        description="the brand in trouble",
        examples=[{"name": "Brewbank", "handle": "@brewbank", "followers": 84000}],
    )
    crisis: Crisis = Field(
        description="the crisis: its SCCT cluster and facts",
        examples=[{"cluster": "preventable", "at_fault": True, "summary": "...", "truth": "..."}],
    )
    audience: Audience = Field(
        description="the synthetic audience", examples=[{"size": 40000, "critics": 0.25}]
    )
    cascade: Cascade = Field(
        description="how the crisis spreads",
        examples=[{"base_infectiousness": 1.05, "origin": [{"text": "Look at {brand}."}]}],
    )
    clock: Clock = Field(
        description="the drill's time", examples=[{"duration": "12h", "tick": "1m", "pace": "15m"}]
    )
    actions: list[Id] | None = Field(
        default=None,
        max_length=100,
        description="actions in play; default all",
        examples=[["gather_facts", "analyse_scope", "public_apology", "monitor"]],
    )
    overrides: dict[Id, ActionOverride] = Field(
        default={},
        description="changes to an action's effects, by action id",
        examples=[{"public_apology": {"multiplier": 0.6}}],
    )
    injects: list[Inject] = Field(
        default=[],
        max_length=100,
        description="events during the drill",
        examples=[
            [{"id": "leak", "at": "5h", "title": "A leak", "text": "...", "reveal_truth": True}]
        ],
    )
    expert: list[PolicyStep] = Field(
        min_length=1,
        max_length=100,
        description="the expert reference policy (1 to 100 steps)",
        examples=[[{"at": "10m", "action": "gather_facts"}]],
    )
    scoring: Weights = Field(
        default=Weights(),
        description="weights of the score's parts",
        examples=[{"outcome": 0.6, "playbook": 0.25, "timeliness": 0.15}],
    )
    texts: Texts = Field(
        default=Texts(),
        description="the scenario's own post texts",
        examples=[{"complaint": ["{brand} got this wrong."]}],
    )
    debrief: dict[Id, str] = Field(
        default={},
        description="debrief notes by objective id",
        examples=[{"calm": "Gathering the facts first meant the apology named the cause."}],
    )
