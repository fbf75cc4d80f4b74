"""Scoring: outcome against coupled baselines, playbook checks, timeliness, annotations."""

from simulator.scoring.scorecard import Scorecard, Scored, score, scorecard_text

__all__ = ["Scorecard", "Scored", "score", "scorecard_text"]
