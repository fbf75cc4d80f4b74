"""The scenario file's model: what an instructor writes, validated by pydantic."""

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    model_validator,
)

from simulator.durations import format_duration, parse_duration


def _seconds(value: object) -> float:
    """A duration string, or a plain number of seconds."""
    if isinstance(value, str):
        return parse_duration(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value)
    raise ValueError('a duration is a string like "45s", "90m" or "1h30m"')


Duration = Annotated[
    float,
    BeforeValidator(_seconds),
    PlainSerializer(format_duration, return_type=str),
    Field(
        json_schema_extra={
            "anyOf": [
                {"type": "string", "pattern": r"^(\d+(\.\d+)?[dhms])+$"},
                {"type": "number", "minimum": 0},
            ]
        }
    ),
]
Cluster = Literal["victim", "accidental", "preventable"]
Role = Literal["critic", "neutral", "fan", "influencer", "journalist", "media"]
Kind = Literal["complaint", "share", "reply", "quote", "meme", "news", "defence"]
Sentiment = Literal["negative", "neutral", "positive"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _identifier(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
        raise ValueError("a word's name is letters, digits and underscores")
    return value


class Objective(Strict):
    id: str
    text: str


class Brand(Strict):
    name: str
    handle: str
    followers: int = Field(ge=0)
    reputation: Literal["good", "neutral", "poor"] = "neutral"
    crisis_history: bool = False


class Crisis(Strict):
    cluster: Cluster
    at_fault: bool
    summary: str = Field(description="what the team knows at the start: the briefing's situation")
    facts: str = Field(
        default="",
        description="what gather_facts reveals when it finishes, never shown up front",
    )
    truth: str
    detected_at: Duration = 0.0
    subject: str = Field(
        default="", description='what went wrong, as a noun phrase: "the rude support reply"'
    )
    product: str = Field(default="", description='what the customers bought: "oat-milk latte"')


class Audience(Strict):
    size: int = Field(ge=100, le=1_000_000)
    follower_law: Literal["lognormal", "pareto", "constant"] = "lognormal"
    follower_median: float = Field(default=150.0, gt=0)
    follower_spread: float = Field(
        default=1.8, gt=0, description="log-normal sigma or Pareto alpha"
    )
    critics: float = Field(default=0.2, ge=0, le=1)
    neutrals: float = Field(default=0.65, ge=0, le=1)
    fans: float = Field(default=0.15, ge=0, le=1)
    influencers: int = Field(default=5, ge=0, le=1000)
    journalists: int = Field(default=3, ge=0, le=1000)
    media: int = Field(default=2, ge=0, le=1000)


OriginKind = Literal["complaint", "video", "ad", "brand_post"]


class OriginPost(Strict):
    """A post that started the crisis: by the top account of `role` not yet cast (with its
    `followers`, which set the post's reach and spread), or by the brand for an ad or the
    brand's own post (which reach the brand's followers)."""

    at: Duration = 0.0
    role: Role = "critic"
    kind: OriginKind = Field(
        default="complaint",
        description="complaint or video by `role`; ad or brand_post by the brand itself",
    )
    platform: str = ""
    text: str
    followers: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _brand_kinds_are_the_brands(self) -> "OriginPost":
        if self.kind in ("ad", "brand_post"):
            for name, what in (
                ("role", "its author is the brand"),
                ("followers", "brand.followers"),
            ):
                if name in self.model_fields_set:
                    raise ValueError(
                        f'kind "{self.kind}" is the brand\'s own post: drop "{name}" ({what})'
                    )
        return self


class SentimentWeights(Strict):
    negative: float = Field(default=1.0, ge=0)
    neutral: float = Field(default=0.6, ge=0)
    positive: float = Field(default=0.4, ge=0)


class Cascade(Strict):
    kernel: Literal["exponential", "seismic"] = "exponential"
    mean_delay: Duration = 1800.0
    base_infectiousness: float = Field(gt=0, le=3)
    follower_exponent: float = Field(default=0.5, ge=0, le=1)
    background_rate: float = Field(default=0.0, ge=0, description="spontaneous posts per hour")
    fatigue_half_life: Duration | None = 86400.0
    audience_cap: bool = True
    sentiment_weights: SentimentWeights = SentimentWeights()
    platforms: list[str] = Field(default_factory=lambda: ["X"], min_length=1)
    origin: list[OriginPost] = Field(min_length=1)


class Clock(Strict):
    duration: Duration
    tick: Duration = 60.0
    pace: Duration = Field(default=900.0, description="real time of the drill at 1x speed")


class ActionOverride(Strict):
    multiplier: float | None = Field(default=None, gt=0, le=5)
    shift: float | None = Field(default=None, ge=-1, le=1)
    half_life: Duration | None = None
    roots: int | None = Field(default=None, ge=0, le=50)


class InjectRoot(Strict):
    role: Role = "influencer"
    text: str
    kind: Kind = "share"
    sentiment: Sentiment = "negative"


class DecisionOption(Strict):
    id: str
    label: str
    action: str = Field(description='an action id in play, or "none"')


class Decision(Strict):
    prompt: str
    timeout: Duration = Field(
        default=90.0,
        ge=30.0,
        le=600.0,
        description="real seconds to read the inject and decide before the default applies",
    )
    default: str
    options: list[DecisionOption] = Field(min_length=2)


class Inject(Strict):
    id: str
    title: str
    text: str
    at: Duration | None = None
    when: str | None = Field(default=None, description='a condition like "negative_mentions > 500"')
    roots: list[InjectRoot] = []
    multiplier: float = Field(default=1.0, gt=0, le=5)
    half_life: Duration = 10800.0
    reveal_truth: bool = False
    decision: Decision | None = None


class PolicyStep(Strict):
    at: Duration
    action: str | None = None
    inject: str | None = None
    choice: str | None = None


class Weights(Strict):
    outcome: float = Field(default=0.6, ge=0)
    playbook: float = Field(default=0.25, ge=0)
    timeliness: float = Field(default=0.15, ge=0)


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


class Tones(Strict):
    """Lines of one reaction by the post's sentiment, and press headlines."""

    positive: list[str] = []
    neutral: list[str] = []
    negative: list[str] = []
    late: list[str] = Field(default=[], description="negative lines for a late apology")
    news: list[str] = []


class Texts(Strict):
    """The scenario's own lines, mixed with the language's bank (`simulator/texts/`). Lines
    use named placeholders ({brand}, {subject}... and the bank's rules); see the README."""

    complaint: list[str] = []
    share: list[str] = []
    reply: list[str] = []
    quote: list[str] = []
    meme: list[str] = []
    news: list[str] = []
    headlines: list[str] = Field(default=[], description="press headlines (news posts)")
    defence: list[str] = []
    neutral: list[str] = []
    silence: list[str] = Field(default=[], description="said only while the brand is silent")
    reactions: dict[Reaction, Tones] = {}
    brand: dict[str, list[str]] = Field(
        default={},
        description="the brand's own posts, by public action id (replace the bank's lines)",
        examples=[{"public_apology": ["We got {subject} wrong, and we are sorry."]}],
    )
    words: dict[Annotated[str, AfterValidator(_identifier)], list[str]] = Field(
        default={}, description="named alternatives, usable as {name} (add to or replace rules)"
    )


def _scenario_id(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        raise ValueError('use lowercase letters, digits and dashes, like "rude-reply"')
    return value


class Scenario(Strict):
    id: Annotated[str, AfterValidator(_scenario_id)]
    title: str
    version: str
    author: str
    locale: str = "en_US"
    difficulty: Literal["easy", "medium", "hard"] = "medium"
    objectives: list[Objective] = Field(min_length=1)
    brand: Brand
    crisis: Crisis
    audience: Audience
    cascade: Cascade
    clock: Clock
    actions: list[str] | None = Field(default=None, description="actions in play; default all")
    overrides: dict[str, ActionOverride] = {}
    injects: list[Inject] = []
    expert: list[PolicyStep] = Field(min_length=1)
    scoring: Weights = Weights()
    texts: Texts = Texts()
    debrief: dict[str, str] = {}
