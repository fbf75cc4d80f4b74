"""The response catalogue and every number of the crisis model, in one documented table.

Multipliers act on the cascade's infectiousness p(t) (below 1 calms, above 1 fuels); shifts move
the chance that a new post is negative. Each row is indexed by the SCCT crisis cluster
(victim, accidental, preventable) after intensifiers. Sources:

- SCCT (Coombs 2007, "Protecting organization reputations during a crisis"): victim crises need
  instructing information; accidental ones adjusting plus some accommodation (excuse/justify);
  preventable ones rebuild (apology, compensation). Denial suits only rumours, where the brand
  is not at fault. Crisis history and poor prior reputation move a crisis one cluster up.
- Coombs & Holladay 2008 ("Comparing apology to equivalent crisis response strategies"):
  apology, compensation and sympathy work alike, so `public_apology` and `acknowledge_correct`
  carry close numbers; compensation lasts (it fixes the cause), apology fades.
- Streisand effect and censorship studies (e.g. Jansen & Martin 2015): visible deletion raises
  negative word of mouth and spawns "they are censoring" posts: `delete_comments` adds roots.
- Golden hour: most users expect a reply within an hour (Convince & Convert / Edison 2012,
  42% expect 60 minutes or less; Sprout Social Index): calming decays after it.
- Repetition: a second apology is worth less (diminishing returns); mixing deny and rebuild is
  read as inconsistency and punished (Coombs: consistency of crisis messages).
- Timing numbers (ramp, half-lives) are modelling choices tuned so a 12 h drill shows effects
  within tens of minutes, as seen in the time series of real Twitter firestorms (Pfeffer et al.).

The catalogue is the ground floor: it imports nothing from simulator, so scenario validation,
the engine and scoring all read the same rows. Adding an action is adding one row: the action
groups below are derived from the rows.
"""

from dataclasses import dataclass

CLUSTERS = ("victim", "accidental", "preventable")


@dataclass(frozen=True)
class ActionSpec:
    """One response: its playbook meaning and its effect numbers per cluster."""

    id: str
    label: str
    hint: str
    posture: str  # SCCT posture or playbook step
    public: bool  # a visible public response (ends the silence)
    accommodation: int  # SCCT accommodation: 0 none, 1 deny, 2 diminish, 3 adjust, 4 rebuild
    multiplier: tuple[float, float, float] = (1.0, 1.0, 1.0)
    shift: tuple[float, float, float] = (0.0, 0.0, 0.0)
    half_life: float | None = None  # seconds; None: the effect lasts
    roots: int = 0  # new root posts it triggers (screenshots, "they are censoring")
    busy: float = 0.0  # seconds of the team's time it takes
    needs_facts: bool = False  # weaker before gather_facts has finished
    crafted: bool = False  # better after draft_options
    never: bool = False  # a classic mistake: always punished by the playbook
    hostile: bool = False  # censors or fuels: answers nobody, ends no silence
    why: str = ""  # one sentence a trainee reads in the debrief


H, M = 3600.0, 60.0
# Per-cluster numbers are (victim, accidental, preventable).
# fmt: off
CATALOGUE: dict[str, ActionSpec] = {a.id: a for a in (
    ActionSpec("gather_facts", "Gather the facts", "Check with operations what happened",
               posture="do not rush", public=False, accommodation=0, busy=20 * M,
               why="Statements made after checking the facts are accurate."),
    ActionSpec("analyse_scope", "Analyse the scope", "Origin, age, negative mentions, reach",
               posture="analyse", public=False, accommodation=0, busy=10 * M,
               why="Knowing where and how big the crisis is lets you pick the response."),
    ActionSpec("draft_options", "Draft response options", "Prepare several replies first",
               posture="plan", public=False, accommodation=0, busy=15 * M,
               why="Drafted options make public replies sharper."),
    ActionSpec("holding_statement", "Holding statement", "“We are looking into it”",
               posture="instructing", public=True, accommodation=3,
               multiplier=(0.92, 0.9, 0.93), shift=(-0.02, -0.02, -0.01), half_life=2 * H,
               why="A quick acknowledgement buys time and ends the silence."),
    ActionSpec("conciliatory_reply", "Conciliatory reply", "Answer the complainers kindly",
               posture="adjusting", public=True, accommodation=3, crafted=True,
               multiplier=(0.85, 0.8, 0.85), shift=(-0.05, -0.05, -0.04), half_life=4 * H,
               why="A kind answer lowers the temperature."),
    ActionSpec("private_message", "Private message", "Take the origin thread to DMs",
               posture="adjusting", public=False, accommodation=3,
               multiplier=(0.95, 0.95, 0.95), shift=(-0.02, -0.02, -0.02), half_life=2 * H,
               why="Calms the original complainer, but the public does not see it."),
    ActionSpec("public_apology", "Public apology", "Apologise publicly, take responsibility",
               posture="rebuild", public=True, accommodation=4, crafted=True,
               multiplier=(0.97, 0.75, 0.62), shift=(0.04, -0.08, -0.1), half_life=8 * H,
               why="An apology calms when the brand is at fault and lends credence when not."),
    ActionSpec("acknowledge_correct", "Acknowledge and correct", "Fix it, compensate, say so",
               posture="rebuild", public=True, accommodation=4, crafted=True, needs_facts=True,
               multiplier=(0.95, 0.65, 0.52), shift=(0.02, -0.1, -0.12), half_life=None,
               why="Correcting the cause is the strongest lasting calm when at fault."),
    ActionSpec("explain_justify", "Explain and justify", "Give the reasons it happened",
               posture="diminish", public=True, accommodation=2, needs_facts=True,
               multiplier=(0.85, 0.8, 1.25), shift=(-0.04, -0.05, 0.06), half_life=6 * H,
               why="Explaining suits accidents and fuels preventable crises."),
    ActionSpec("deny_with_evidence", "Deny with evidence", "Show the claim is false",
               posture="deny", public=True, accommodation=1, needs_facts=True,
               multiplier=(0.5, 1.2, 0.9), shift=(-0.15, 0.05, -0.02), half_life=8 * H,
               why="Evidence kills a false rumour; denying the truth is exposed later."),
    ActionSpec("monitor", "Monitor", "Watch the trend and the forecast",
               posture="monitor", public=False, accommodation=0, busy=5 * M,
               why="Monitoring shows whether the response works and what to do next."),
    ActionSpec("delete_comments", "Delete comments", "Remove the angry posts",
               posture="censor", public=False, accommodation=0, never=True, hostile=True, roots=3,
               multiplier=(1.3, 1.3, 1.3), shift=(0.1, 0.1, 0.1), half_life=4 * H,
               why="Deleting comments is seen: a second wave about censorship follows."),
    ActionSpec("argue", "Argue back", "Correct them, firmly",
               posture="fuel", public=True, accommodation=0, never=True, hostile=True, roots=2,
               multiplier=(1.25, 1.25, 1.25), shift=(0.08, 0.08, 0.08), half_life=4 * H,
               why="Arguing is screenshotted and shared: it fuels the controversy."),
    ActionSpec("blame_customer", "Blame the customer", "It was their fault",
               posture="deny", public=True, accommodation=1, never=True, hostile=True, roots=2,
               multiplier=(1.35, 1.35, 1.35), shift=(0.12, 0.12, 0.12), half_life=4 * H,
               why="Blaming the customer angers everyone who identifies with them."),
    ActionSpec("canned_reply", "Canned reply", "Paste the stock answer now",
               posture="rushed", public=True, accommodation=2, never=True,
               multiplier=(0.95, 0.95, 0.95), half_life=0.5 * H,
               why="A stock reply before analysis gets the facts wrong and backfires."),
)}
# fmt: on
ACTION_IDS = tuple(CATALOGUE)

# Action groups, derived from the rows (SCCT postures and the hostile flag).
REBUILD = frozenset(a.id for a in CATALOGUE.values() if a.posture == "rebuild")
DENY = frozenset(a.id for a in CATALOGUE.values() if a.posture == "deny")
CENSOR_OR_FUEL = frozenset(a.id for a in CATALOGUE.values() if a.hostile)
FUEL = frozenset(a.id for a in CATALOGUE.values() if a.hostile and a.public)

# Modifiers of a response's calming strength (fuelling effects are never softened).
GOLDEN_HOUR = 1 * H  # most users expect a reply within an hour of the complaint being seen
LATE_DECAY_PER_HOUR = 0.15  # calming lost per hour past the golden hour
LATE_FLOOR = 0.4  # a late response still keeps this much of its calming
REPEAT_FACTOR = 0.5  # the k-th use of one response keeps REPEAT_FACTOR ** (k - 1)
UNINFORMED_FACTOR = 0.6  # a factual statement made before the facts are gathered
UNDRAFTED_FACTOR = 0.8  # a crafted reply written on the spot
TONE_CLASH_FACTOR = 0.5  # a conciliatory reply after arguing or blaming

# Penalties, as effects of their own: (multiplier, shift, half-life, new roots).
INCONSISTENT = (1.25, 0.05, 6 * H, 1)  # deny and rebuild mixed
LIE_EXPOSED = (1.6, 0.15, 8 * H, 3)  # a denial of the truth, exposed
LIE_EXPOSED_AFTER = 3 * H  # exposure without a truth inject
CANNED_BACKFIRE = (1.3, 0.06, 4 * H, 1)  # a stock reply's wrong facts, seen
CANNED_BACKFIRE_AFTER = 1 * H

# The silence penalty: no public response after the golden hour makes people angrier.
SILENCE_PENALTY = 0.3  # extra infectiousness at most
SILENCE_RAMP = 2 * H  # time to reach it after the golden hour
SILENCE_RECOVERY = 1 * H  # half-life of the penalty after the first public response

# Cascade bounds and marks.
EFFECT_RAMP = 10 * 60  # a response reaches its full effect in 10 simulated minutes
MAX_MULTIPLIER = 3.0  # p(t) never exceeds 3x its base (the thinning bound p_max)
SEISMIC_FLAT = 5 * 60  # Zhao et al. (KDD 2015): constant reaction rate for 5 minutes
SEISMIC_THETA = 0.23  # then a power law with exponent 1 + theta
FORECAST_WINDOW = 24 * H  # potential posts kept this long past the end, for the forecast
MONITOR_WINDOW = 2 * H  # a monitor action shows the trend and forecast this long
TREND_SPAN = 15 * M  # R's direction compares it with its value this long ago (a quarter hour
# spans a few ticks of a response's 10-minute ramp, so a response shows within its window)
STEADY_R = 0.03  # R within this of 1 is "holding steady"; a change of R below it is no change
NEGATIVE_CHANCE = {
    "critic": 0.85,
    "neutral": 0.55,
    "fan": 0.12,
    "influencer": 0.6,
    "journalist": 0.5,
    "media": 0.5,
    "brand": 0.0,
}  # chance a post about the crisis is negative (the brand's own posts are neutral)
POSITIVE_SHARE = {
    "critic": 0.1,
    "neutral": 0.25,
    "fan": 0.75,
    "influencer": 0.3,
    "journalist": 0.2,
    "media": 0.2,
    "brand": 0.0,
}  # of the non-negative posts, the positive share
ACTIVITY = {
    "critic": 2.0,
    "neutral": 0.6,
    "fan": 1.0,
    "influencer": 1.5,
    "journalist": 1.5,
    "media": 1.0,
    "brand": 0.0,
}  # how often each kind of account posts about a crisis (the brand: only by its actions)
STAR_FOLLOWERS = {
    "influencer": (50_000, 2_000_000),
    "journalist": (5_000, 200_000),
    "media": (200_000, 5_000_000),
}  # follower ranges of the notable accounts
PLATFORM_JUMP = 0.1  # chance a reaction lands on another platform than its parent

# The engine's own model numbers (beyond the responses above).
SENTIMENT_MEMORY = 1 * H  # half-life of the sentiment index's memory: the last hour counts most
ACTIVITY_SPREAD = 0.8  # log-normal spread of activity among accounts of one kind
NEGATIVE_CLIP = (0.02, 0.98)  # a post's chance to be negative never reaches 0 or 1, whatever shifts
JOURNALIST_NEWS = 0.5  # share of a journalist's posts that are news articles (media: all)
KIND_SHARES = {
    "negative": {"share": 6, "reply": 5, "quote": 4, "meme": 3, "complaint": 2},
    "neutral": {"share": 8, "reply": 8, "quote": 4},
    "positive": {"defence": 20},
    "negative root": {"complaint": 20},
}  # kinds of a reaction by its sentiment, in twentieths (a negative root post is a complaint)
# What started the crisis (an origin's `kind`), and the brand's own posts. A brand post (the
# origin, or a public action) is written by the brand's account, so it reaches the brand's
# followers; its own sentiment is neutral (what it stirs is in the reactions).
BRAND_KINDS = ("ad", "brand_post")  # origin kinds whose author is the brand
KIND_SPREAD = {
    "video": 2.0,  # a video is reshared about twice as often as a text post: modelling choice,
    # in line with platform reports that native video earns several times the shares of text
    "ad": 1.5,  # a paid post is shown beyond the brand's followers (promoted reach)
}  # potential reactions of a post of this kind, relative to a text post (1 for the rest)
INJECT_ROOT_SPACING = 1 * M  # an inject's root posts follow one another a minute apart
CONSEQUENCE_ROOT_SPACING = 2 * M  # screenshots and callouts of a response, two minutes apart

# The forecast: the final negative mentions if nothing else is done. Expected posts are followed
# on a time grid ahead of now, generations spaced by the kernel's own delay law (a renewal
# equation: the kernel's mass from each bin to each later one), each wave with its own fatigue.
FORECAST_AHEAD = 48 * H  # the grid reaches this far ahead (and never past the engine's cutoff)
FORECAST_FIRST_BIN = 5 * M  # its first bin (fine where most pending posts fall),
FORECAST_BIN_GROWTH = 1.12  # each next bin this much wider: 38 bins cover the 48 h
FORECAST_MAX_R = 0.97  # within one bin, a wave's self-excitation is held below this
FORECAST_NEGATIVE_SHARE = 0.6  # share of future posts assumed negative before any post is seen
FORECAST_Z = 1.64  # the range is a 90% one (two-sided normal quantile)
