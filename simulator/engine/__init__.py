"""The crisis engine: population, cascade, responses, injects, metrics and forecast."""
