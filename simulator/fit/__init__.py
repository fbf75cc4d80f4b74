"""Build a drill from a real crisis: fit the engine's cascade to a mentions time series."""

from simulator.fit.mentions import (
    Outcome,
    bootstrap,
    bootstrap_text,
    check_ignore,
    check_text,
    fit_mentions,
    fitted_file,
    outcome_text,
    snippet,
    written_text,
)
from simulator.fit.rewrite import RewriteError
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
    "fitted_file",
    "outcome_text",
    "read_series",
    "snippet",
    "written_text",
]
