"""Build a drill from a real crisis: fit the engine's cascade to a mentions time series."""

from simulator.fit.mentions import (
    Outcome,
    bootstrap,
    bootstrap_text,
    check_ignore,
    check_text,
    fit_mentions,
    outcome_text,
    scenario_fields,
)
from simulator.fit.rewrite import RewriteError, rewrite
from simulator.fit.series import Series, SeriesError, read_series

__all__ = [
    "Outcome",
    "RewriteError",
    "Series",
    "SeriesError",
    "bootstrap",
    "bootstrap_text",
    "check_ignore",
    "check_text",
    "fit_mentions",
    "outcome_text",
    "read_series",
    "rewrite",
    "scenario_fields",
]
