"""How an action turns into effects, given the crisis and what the team did before."""

from collections import Counter
from dataclasses import dataclass, field, replace

from simulator import catalogue as c
from simulator.catalogue import CATALOGUE, CLUSTERS, DENY, FUEL, REBUILD, ActionSpec
from simulator.durations import format_duration
from simulator.engine.effects import Effect
from simulator.scenario.model import Scenario

MIXED_NOTE = "mixing denial with apology reads as inconsistent"
# SCCT's postures, by the public statements that carry them. Rebuild goes beyond adjusting
# (sympathy and corrective action are in it), so it also counts as adjusting.
POSTURES: dict[str, frozenset[str]] = {
    "instructing": frozenset({"holding_statement"}),
    "adjusting": frozenset({"conciliatory_reply", "acknowledge_correct", "public_apology"}),
    "rebuild": frozenset(REBUILD),
}
POSTURE_WORDS = {
    "instructing": "instructing information",
    "adjusting": "adjusting information",
    "rebuild": "an apology or a correction",
}


@dataclass(frozen=True)
class Requirement:
    """What SCCT asks of one crisis cluster, and the check that grades it."""

    check: str  # the check's id: a scenario objective that names it uses this id
    label: str  # the check's label
    words: str  # what the crisis needs, as a trainee reads it
    needs: tuple[str, ...]  # postures, each to be met by a public statement
    diminish_fuels: bool  # an explanation (diminish) is heard as an excuse: it fuels


# SCCT (Coombs 2007), stated once; indexed by `effective_cluster`. Denial suits only a false
# rumour; denying the truth fuels any crisis.
SCCT: tuple[Requirement, ...] = (
    Requirement(
        "instructing",
        "Instructing information",
        "instructing information (what happened, what to do); denial only of a false rumour",
        ("instructing",),
        diminish_fuels=False,
    ),
    Requirement(
        "adjusting",
        "Instructing and adjusting",
        "instructing and adjusting information (what happened, what is being done for those "
        "affected); an explanation is acceptable",
        ("instructing", "adjusting"),
        diminish_fuels=False,
    ),
    Requirement(
        "rebuild",
        "Rebuild",
        "rebuild: an apology, or a correction with compensation",
        ("rebuild",),
        diminish_fuels=True,
    ),
)


@dataclass
class History:
    """What the team has done so far: the state responses depend on."""

    uses: Counter[str] = field(default_factory=Counter)
    done_at: dict[str, float] = field(default_factory=dict)  # first use of each action
    first_public: float | None = None
    lied_at: float | None = None  # a denial of something true
    exposed: bool = False
    inconsistent: bool = False

    def finished(self, action: str, t: float) -> bool:
        """Whether the team finished `action` (its busy time included) by time t."""
        start = self.done_at.get(action)
        return start is not None and start + CATALOGUE[action].busy <= t


@dataclass(frozen=True)
class NewRoots:
    """Root posts a consequence starts (screenshots, "they are censoring"), with their cause:
    an action id, or a penalty (canned_backfire, inconsistent, lie_exposed) whose texts they use."""

    at: float
    count: int
    cause: str


@dataclass(frozen=True)
class Consequence:
    effects: list[Effect]
    roots: list[NewRoots]
    strength: float  # calming strength kept after timing, repetition, preparation
    notes: list[str]


def effective_cluster(scenario: Scenario) -> int:
    """SCCT cluster index, one step up with crisis history or a poor prior reputation."""
    index = CLUSTERS.index(scenario.crisis.cluster)
    if scenario.brand.crisis_history or scenario.brand.reputation == "poor":
        index = min(index + 1, len(CLUSTERS) - 1)
    return index


def requirement(scenario: Scenario) -> Requirement:
    """What SCCT asks of this crisis: victim -> instructing; accidental -> instructing and
    adjusting; accidental with an intensifier, or preventable -> rebuild."""
    return SCCT[effective_cluster(scenario)]


def false_rumour(scenario: Scenario) -> bool:
    return scenario.crisis.cluster == "victim" and not scenario.crisis.at_fault


def statements(scenario: Scenario, posture: str) -> frozenset[str]:
    """The public statements that carry a posture here: a denial with evidence instructs
    when the crisis is a false rumour."""
    extra = {"deny_with_evidence"} if posture == "instructing" and false_rumour(scenario) else set()
    return POSTURES[posture] | extra


def fuels(scenario: Scenario, action: str) -> str | None:
    """Why a statement fuels this crisis rather than answers it (None when it answers):
    arguing, blaming, a canned reply, a denial of the truth, or an explanation where the
    crisis needs rebuild. Such a statement does not end the silence."""
    if action in FUEL:
        return "it attacks the critics"
    if action == "canned_reply":
        return "a stock reply answers nobody's question"
    if action == "deny_with_evidence" and scenario.crisis.at_fault:
        return "it denies something true"
    if action == "explain_justify" and requirement(scenario).diminish_fuels:
        return "where rebuild is needed, an explanation is heard as an excuse"
    return None


def misplaced(scenario: Scenario, action: str) -> str | None:
    """Why a statement is the wrong one though it calms a little: rebuild for a false rumour."""
    if action in REBUILD and false_rumour(scenario):
        return "it takes the blame for a rumour that is false, lending it credence"
    return None


def spec_for(scenario: Scenario, action: str) -> ActionSpec:
    """The catalogue row of an action with the scenario's overrides applied."""
    spec = CATALOGUE[action]
    o = scenario.overrides.get(action)
    if o is None:
        return spec
    k = effective_cluster(scenario)
    changes: dict[str, object] = {}
    if o.multiplier is not None:
        changes["multiplier"] = tuple(
            o.multiplier if n == k else m for n, m in enumerate(spec.multiplier)
        )
    if o.shift is not None:
        changes["shift"] = tuple(o.shift if n == k else s for n, s in enumerate(spec.shift))
    if o.half_life is not None:
        changes["half_life"] = o.half_life
    if o.roots is not None:
        changes["roots"] = o.roots
    return replace(spec, **changes)  # type: ignore[arg-type]


def respond(scenario: Scenario, history: History, action: str, t: float) -> Consequence:
    """Effects of `action` at time t; updates `history`."""
    spec = spec_for(scenario, action)
    k = effective_cluster(scenario)
    m, s = spec.multiplier[k], spec.shift[k]
    notes: list[str] = []
    strength = 1.0
    if m < 1.0:
        strength = _calming_strength(scenario, history, spec, t, notes)
        m = 1.0 - (1.0 - m) * strength
        s = s * strength if s < 0 else s
    effects = [Effect(t, m, s, spec.half_life, action)] if (m != 1.0 or s != 0.0) else []
    roots = [NewRoots(t, spec.roots, action)] if spec.roots else []
    if action == "canned_reply" and not (
        history.finished("analyse_scope", t) or history.finished("gather_facts", t)
    ):
        bm, bs, bh, br = c.CANNED_BACKFIRE
        at = t + c.CANNED_BACKFIRE_AFTER
        effects.append(Effect(at, bm, bs, bh, "canned_backfire"))
        roots.append(NewRoots(at, br, "canned_backfire"))
        notes.append("sent before any analysis: its facts are wrong and it will backfire")
    if (
        (action in REBUILD and history.uses.keys() & DENY)
        or (action in DENY and history.uses.keys() & REBUILD)
    ) and not history.inconsistent:
        im, ish, ih, ir = c.INCONSISTENT
        effects.append(Effect(t, im, ish, ih, "inconsistent"))
        roots.append(NewRoots(t, ir, "inconsistent"))
        history.inconsistent = True
        notes.append(MIXED_NOTE)
    if action == "deny_with_evidence" and scenario.crisis.at_fault and history.lied_at is None:
        history.lied_at = t
        notes.append("this denies something true: it will be exposed")
    history.uses[action] += 1
    history.done_at.setdefault(action, t)
    fuelling = fuels(scenario, action) if spec.public else None
    if fuelling is not None:
        notes.append(f"defensive: {fuelling}, so it does not end the silence")
    elif spec.public and history.first_public is None:
        history.first_public = t
    return Consequence(effects, roots, strength, notes)


def _calming_strength(
    scenario: Scenario, history: History, spec: ActionSpec, t: float, notes: list[str]
) -> float:
    strength = c.REPEAT_FACTOR ** history.uses[spec.id]
    if history.uses[spec.id]:
        notes.append("repeated: worth less than the first time")
    if spec.public:
        since = t - scenario.crisis.detected_at
        late_hours = (since - c.GOLDEN_HOUR) / 3600
        if late_hours > 0:
            strength *= max(c.LATE_FLOOR, 1 - c.LATE_DECAY_PER_HOUR * late_hours)
            notes.append(
                f"{format_duration(since)} after detection, past the golden hour "
                f"({format_duration(c.GOLDEN_HOUR)})"
            )
    if spec.needs_facts and not history.finished("gather_facts", t):
        strength *= c.UNINFORMED_FACTOR
        notes.append("made before the facts were gathered")
    if spec.crafted and not history.finished("draft_options", t):
        strength *= c.UNDRAFTED_FACTOR
        notes.append("written on the spot, without drafted options")
    if spec.id == "conciliatory_reply" and history.uses.keys() & FUEL:
        strength *= c.TONE_CLASH_FACTOR
        notes.append("clashes with the earlier combative tone")
    return strength


def exposure(history: History, t: float) -> Consequence | None:
    """The backlash when a denial of the truth is exposed (once)."""
    if history.lied_at is None or history.exposed:
        return None
    history.exposed = True
    m, s, h, roots = c.LIE_EXPOSED
    return Consequence(
        [Effect(t, m, s, h, "lie_exposed")],
        [NewRoots(t, roots, "lie_exposed")],
        1.0,
        ["the denial was exposed as untrue"],
    )
