"""Texts of the root posts that actions and exposures trigger (screenshots, callouts).

Each is a placeholder for a rule of the language's bank (`[roots]` in `simulator/texts/`), so
the post reads in the scenario's language and varies from one root post to the next.
"""

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
