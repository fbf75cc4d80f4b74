"""The engine's version: a drill replays to the same score only under the same version."""

ENGINE_VERSION = "1.0"
