"""The model's words and the glyphs shown beside them (meaning never by colour alone).

Ground floor: imports nothing from simulator, so every layer (engine, scoring, store, report,
screens) names a post's kind, a sentiment or a decision's effect the same way.
"""

KINDS = (
    "complaint",
    "share",
    "reply",
    "quote",
    "meme",
    "news",
    "defence",
    "video",
    "ad",
    "brand_post",
)
# the last three only start a wave (an origin) or are the brand's own posts: never a reaction
KIND_LABEL = {kind: kind for kind in KINDS} | {"brand_post": "brand"}  # as a reader sees it
SENTIMENTS = ("negative", "neutral", "positive")  # a post's sentiment, by its index
NEG, NEU, POS = 0, 1, 2  # indices into SENTIMENTS
K = {kind: n for n, kind in enumerate(KINDS)}  # a kind's index

SENTIMENT_MARK = {"negative": "▼ neg", "neutral": "● neu", "positive": "▲ pos"}

TOO_SMALL = "too small to tell"  # a difference within the noise of the coupled branches
EFFECTS = ("calmed", "fuelled", TOO_SMALL)  # what a decision did, by coupled branches
EFFECT_GLYPH = {"calmed": "▼", "fuelled": "▲", TOO_SMALL: "·"}


def effect_word(effect: str, shout: bool = False) -> str:
    """A decision's effect in words; `shout` puts a fuelling in capitals (FUELLED)."""
    return effect.upper() if shout and effect == "fuelled" else effect


def effect_mark(effect: str, shout: bool = False) -> str:
    """A decision's effect as glyph and word: "▼ calmed", "▲ fuelled", "· too small to tell"."""
    return f"{EFFECT_GLYPH[effect]} {effect_word(effect, shout)}"


def compact(n: float) -> str:
    """A count in few characters: 950, 9.7k, 120k, 1.2M."""
    for size, unit in ((1e6, "M"), (1e3, "k")):
        if n >= size:
            value = n / size
            return f"{value:.1f}{unit}" if round(value, 1) < 10 else f"{value:.0f}{unit}"
    return f"{n:.0f}"


def counted(n: int, word: str) -> str:
    """A count and its noun, singular for one: "1 trainee", "3 trainees", "1,200 posts"."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"
