"""Texts of the root posts that actions and exposures trigger (screenshots, callouts)."""

ROOT_TEXTS: dict[str, list[str]] = {
    "delete_comments": [
        "{brand} is deleting comments instead of answering. Screenshots before they vanish:",
        "Wow, my comment under {handle}'s post just disappeared. Censorship much?",
        "They're scrubbing the replies. Keep posting, {brand} can't delete us all.",
    ],
    "argue": [
        "{brand}'s social team is picking fights with customers now. Unreal.",
        "Screenshot this before they delete it: {handle} arguing with a customer.",
    ],
    "blame_customer": [
        "So {brand}'s answer is that it's OUR fault? Unbelievable.",
        "{handle} just blamed the customer. Never buying from them again.",
    ],
    "canned_backfire": [
        "{brand}'s copy-paste reply doesn't even match what happened. Do they read anything?",
    ],
    "inconsistent": [
        "First {brand} denied it, now they apologise? Which is it?",
    ],
    "lie_exposed": [
        "Leaked: {brand} knew all along. They lied to us.",
        "So the denial was false. {brand} lied and got caught.",
        "Receipts are out: {handle}'s 'evidence' was nonsense.",
    ],
    "default": ["Everyone is talking about {brand} now."],
}
