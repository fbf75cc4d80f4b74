"""Scenario files: the model, the loader with file:line errors, and the checks."""

from simulator.scenario.checks import in_play
from simulator.scenario.loader import FileProblems, load_policy, load_scenario, scenario_from_dict
from simulator.scenario.model import PolicyStep, Scenario

__all__ = [
    "FileProblems",
    "PolicyStep",
    "Scenario",
    "in_play",
    "load_policy",
    "load_scenario",
    "scenario_from_dict",
]
