"""The engine's version: a drill replays to the same score only under the same version.
Scores compare only within one major version (2.0: bounded scores on avoidable harm)."""

ENGINE_VERSION = "2.0"


def major(version: str) -> str:
    return version.split(".", 1)[0]
