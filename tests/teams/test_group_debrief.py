"""The group debrief of a session of scripted trainees: every figure equals the one computed
by hand from their stored records (and, for the counterfactuals, by playing the expert's
reference with the group's choice by hand)."""

from statistics import fmean

import pytest

from simulator.cli import main
from simulator.engine.runner import play
from simulator.scenario.model import PolicyStep
from simulator.scoring import score
from simulator.scoring.outcome import avoidable, baselines, outcome_score
from simulator.session import sessions
from simulator.session.debrief import group_debrief
from simulator.session.render import to_csv, to_html, to_markdown
from simulator.store import DrillRecord, Store, make_code
from tests.conftest import shipped

SEED = 4
SCRIPTS = {  # name: (seconds, action) steps; the journalist's question gets its default
    "ana": [(900, "analyse_scope"), (1200, "public_apology"), (1500, "monitor")],
    "bo": [(900, "analyse_scope"), (1300, "holding_statement")],
    "cy": [(700, "argue")],
    "dee": [(900, "gather_facts"), (1000, "analyse_scope"), (1400, "public_apology")],
}
ANSWERS = {"ana": "apology", "bo": "statement", "cy": None, "dee": "apology"}


@pytest.fixture
def session(store: Store) -> sessions.Session:
    scenario = shipped("rude-reply")
    code = make_code(scenario, SEED)
    opened = sessions.create(store, str(code))
    for name, script in SCRIPTS.items():
        steps = [PolicyStep(at=t, action=a) for t, a in script]
        if ANSWERS[name]:
            steps.append(PolicyStep(at=0, inject="journalist-call", choice=ANSWERS[name]))
        played = play(scenario, SEED, steps)
        record = DrillRecord.start(code, name, "red", opened.code)
        record.finish(score(scenario, SEED, played.trajectory().applied))
        store.save(record)
    store.save(DrillRecord.start(code, "late", "red", opened.code))  # still playing: left out
    return opened


def by_hand_choices(records: list[DrillRecord], pick) -> dict[str, tuple[int, float, float]]:
    """choice -> (count, mean total, mean outcome), with plain loops."""
    groups: dict[str, list[DrillRecord]] = {}
    for r in records:
        choice = pick(r)
        if choice is not None:
            groups.setdefault(choice, []).append(r)
    return {
        c: (len(rs), fmean(r.score["total"] for r in rs), fmean(r.score["outcome"] for r in rs))
        for c, rs in groups.items()
    }


def test_group_figures_equal_those_computed_by_hand(store: Store, session) -> None:
    scenario = shipped("rude-reply")
    records = [store.get(t.id) for t in sessions.trainees(store, session.code)]
    done = [r for r in records if r.status == "done"]
    assert len(done) == len(SCRIPTS)
    debrief = group_debrief(
        session.code, session.drill_code, scenario, SEED, sessions.finished(store, session.code)
    )
    for part in ("total", "outcome", "playbook", "timeliness"):
        assert debrief.means[part] == round(fmean(r.score[part] for r in done), 1)

    def own(r: DrillRecord) -> list[str]:
        return [a["action"] for a in r.actions if a["inject"] is None and a["by"] == "trainee"]

    points = {p.key: p for p in debrief.points}
    for k in range(max(len(own(r)) for r in done)):
        hand = by_hand_choices(done, lambda r, k=k: own(r)[k] if len(own(r)) > k else None)
        point = points[f"decision-{k + 1}"]
        got = {c.id: (c.count, c.mean_total, c.mean_outcome) for c in point.choices}
        assert got == pytest.approx(hand)
        assert point.reached == sum(n for n, _, _ in hand.values())
    # decision 1: analyse_scope by ana and bo is the most common
    assert points["decision-1"].common.id == "analyse_scope"

    def answer(r: DrillRecord) -> str | None:
        return next((a["choice"] for a in r.actions if a["inject"] == "journalist-call"), None)

    inject = points["inject-journalist-call"]
    assert {c.id: (c.count, c.mean_total, c.mean_outcome) for c in inject.choices} == (
        pytest.approx(by_hand_choices(done, answer))
    )

    # the counterfactual of decision 1: the expert's play, its first action the group's
    ignore, expert = baselines(scenario, SEED)
    steps = list(scenario.expert)
    first = next(i for i, s in enumerate(steps) if s.action is not None)
    steps[first] = PolicyStep(at=steps[first].at, action="analyse_scope")
    harm = avoidable(play(scenario, SEED, steps).trajectory()).total
    cf = points["decision-1"].counterfactual
    assert cf is not None and cf.common_harm == pytest.approx(harm)
    assert cf.expert_harm == pytest.approx(expert.harm)
    assert cf.common_outcome == round(outcome_score(harm, ignore.harm, expert.harm).score, 1)

    # best and worst turn: the most calming and the most fuelling annotated decision stored
    turns = [(d["share"], r.name, d["title"]) for r in done for d in r.scorecard["decisions"]]
    assert debrief.worst is not None and debrief.best is not None
    assert (debrief.worst.share, debrief.worst.name) == max(turns)[:2]
    assert (debrief.best.share, debrief.best.name) == min(turns)[:2]
    assert debrief.worst.name == "cy"  # arguing back fuels


def test_reports_name_the_decision_points_and_csv_has_every_trainee(store, session) -> None:
    scenario = shipped("rude-reply")
    debrief = group_debrief(
        session.code, session.drill_code, scenario, SEED, sessions.finished(store, session.code)
    )
    md, page = to_markdown(debrief), to_html(debrief)
    for heading in ("Strengths", "Areas for improvement", "Best and worst turn"):
        assert f"## {heading}" in md and f"<h2>{heading}</h2>" in page
    assert "### Decision 1 (4 trainees)" in md
    assert '### Inject "A journalist asks for comment" (4 trainees)' in md
    lines = to_csv(session.code, sessions.trainees(store, session.code)).splitlines()
    assert lines[0].startswith("session,drill_id,name,team,status,completion,score_scaled")
    assert len(lines) == 1 + len(SCRIPTS) + 1
    assert lines[-1].split(",")[4:6] == ["playing", "incomplete"]


def test_the_debrief_commands(store_url: str, store: Store, session, capsys, tmp_path) -> None:
    assert main(["session", "debrief", session.code, "--db", store_url]) == 0
    assert "# Group debrief: " in capsys.readouterr().out
    out = tmp_path / "lms.csv"
    assert main(["session", "debrief", session.code, "--format", "csv", "-o", str(out),
                 "--db", store_url]) == 0  # fmt: skip
    assert len(out.read_text().splitlines()) == 6
    capsys.readouterr()
    assert main(["session", "debrief", "s-nothere", "--db", store_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith('crisis-drill: no session "s-nothere"') and err.count("\n") == 1
