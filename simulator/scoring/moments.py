"""Every time a check or an annotation states is on one basis: time since detection."""

from simulator.durations import format_duration
from simulator.scenario.model import Scenario


def detected_at(scenario: Scenario) -> float:
    """When the team learns of the crisis (seconds since it started): the golden hour's start."""
    return scenario.crisis.detected_at


def after_detection(scenario: Scenario, t: float) -> str:
    """A moment of the drill as the trainee counts it: "25m after detection"."""
    since = t - detected_at(scenario)
    if since < 0:
        return f"{format_duration(-since)} before detection"
    return f"{format_duration(since)} after detection"


def since_detection(scenario: Scenario, t: float) -> str:
    """A moment in the drill's compact clock form, counted from detection: "25m", "-5m"."""
    return format_duration(t - detected_at(scenario))
