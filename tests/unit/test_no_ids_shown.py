"""People read labels, never internal ids: what-if texts, comparisons, summaries, reports."""

from simulator.durations import format_duration
from simulator.engine.runner import named_policy
from simulator.engine.summary import summary_text
from simulator.labels import effect_mark
from simulator.report import build_report, to_markdown
from simulator.scoring import score
from simulator.scoring.drill import drill_json
from simulator.store import DrillRecord
from simulator.store.views import compare_text
from simulator.tui.screens.alternative import Alternatives
from tests.conftest import run, shipped

IDS = ("deny_with_evidence", "analyse_scope", "gather_facts", "regulator", "lab-results")


def expert_scored():
    scenario = shipped("false-rumour")
    engine = run(scenario, 3, named_policy(scenario, "expert"))
    return scenario, score(scenario, 3, engine.trajectory().applied)


def test_what_if_texts_name_labels_and_time_from_detection() -> None:
    scenario, scored = expert_scored()
    for entry in scored.trajectory.applied:
        alt = Alternatives.at(scenario, entry)
        words = alt.question + " ".join(alt.what_if.values())
        assert "after detection" in alt.question or "before detection" in alt.question
        assert not any(i in words for i in IDS), words


def test_summary_and_report_name_decisions_and_players_in_words() -> None:
    scenario, scored = expert_scored()
    summary = summary_text(scored.trajectory, "expert")
    assert "the expert reference" in summary and "policy expert" not in summary
    assert 'Deny with evidence (answering "The food-safety agency asks questions")' in summary
    assert not any(i in summary for i in IDS), summary
    report = to_markdown(build_report(drill_json(scored, "trainee", name="Zoe"), scenario))
    assert "policy Zoe" not in report and "policy trainee" not in report
    assert "Zoe (no team) · played by a trainee" in report


def test_a_comparison_shows_effects_in_words_and_times_from_detection() -> None:
    _, scored = expert_scored()
    card = scored.card.to_json()
    a = DrillRecord("Ann", "A", "code", "false-rumour", "h", 3, scorecard=card, id=1)
    text = compare_text(a, a)
    first = card["decisions"][0]
    since = first["t"] - card["detected_at"]
    assert (
        f"{format_duration(since)} {first['title']} ({effect_mark(first['effect'], True)})" in text
    )
    assert not any(i in text for i in IDS), text
