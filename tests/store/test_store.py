"""The store on both backends: save, rank, resume, export, import, verify, migrations."""

import io
import json

import pytest

from simulator.store import Store, StoreError
from simulator.store.records import DrillRecord
from simulator.store.schema import MIGRATIONS
from simulator.store.transfer import export_csv, export_jsonl, import_jsonl, verify_store
from tests.conftest import SHIPPED, shipped
from tests.store.conftest import finished

LIBRARY = {name: shipped(name) for name in SHIPPED}


def test_a_finished_drill_round_trips(store: Store) -> None:
    record = finished("rude-reply", 3, "playbook", "Ana", "red")
    drill_id = store.save(record)
    back = store.get(drill_id)
    assert back == record and back.status == "done" and back.digest == back.content_digest()
    assert store.recent() == [record]
    with pytest.raises(StoreError, match="no drill 999"):
        store.get(999)


def test_the_schema_is_versioned_and_reopening_migrates_nothing(store_url: str) -> None:
    with Store(store_url) as first:
        first.save(finished("rude-reply", 1, "expert", "Bo", "blue"))
    with Store(store_url) as again:
        assert again.db.execute("SELECT version FROM schema_version") == [(len(MIGRATIONS),)]
        assert len(list(again.done())) == 1


def test_leaderboard_ranks_by_total_and_filters(store: Store) -> None:
    drills = [
        finished("rude-reply", 2, "expert", "Ana", "red"),
        finished("rude-reply", 2, "mistakes", "Bo", "blue"),
        finished("rude-reply", 2, "playbook", "Cy", "red"),
        finished("rude-reply", 2, "ignore", "Di", "blue"),
        finished("sale-outage", 2, "expert", "Ed", "red"),
    ]
    for d in drills:
        store.save(d)
    code = drills[0].code
    board = store.leaderboard(code=code)
    totals = [r.total for r in board]
    assert [r.rank for r in board] == [1, 2, 3, 4] and totals == sorted(totals, reverse=True)
    assert {r.name for r in board} == {"Ana", "Bo", "Cy", "Di"}
    assert board[-1].name == "Bo"  # the mistakes
    assert {r.name for r in store.leaderboard(code=code, team="red")} == {"Ana", "Cy"}
    assert {r.name for r in store.leaderboard(scenario="sale-outage")} == {"Ed"}
    teams = {t.team: t for t in store.teams(code=code)}
    blue = [d.score["total"] for d in drills[1:4:2]]
    assert teams["blue"].count == 2 and teams["blue"].best == pytest.approx(max(blue))
    assert teams["blue"].mean == pytest.approx(sum(blue) / 2)


def test_a_drill_in_progress_is_kept_decision_by_decision(store: Store) -> None:
    from simulator.engine.engine import Engine
    from simulator.store import make_code

    scenario = shipped("false-rumour")
    record = DrillRecord.start(make_code(scenario, 9), "Fay", "green")
    store.save(record)
    engine = Engine(scenario, 9)
    for t, action in ((600, "gather_facts"), (1200, "analyse_scope")):
        engine.step(t)
        engine.act(action)
        record.set_log(engine.applied)
        store.update(record)
    left = store.in_progress()
    assert left is not None and left.id == record.id
    assert [(a.t, a.action) for a in left.log] == [(600, "gather_facts"), (1200, "analyse_scope")]
    assert store.leaderboard() == []


def test_export_then_import_elsewhere_replays_each_drill(store: Store, tmp_path) -> None:
    source = Store(str(tmp_path / "source.sqlite3"))
    for d in (
        finished("rude-reply", 4, "playbook", "Ana", "red"),
        finished("false-rumour", 4, "expert", "Bo", "blue"),
    ):
        source.save(d)
    out = io.StringIO()
    assert export_jsonl(source.done(), out) == 2
    text = out.getvalue()
    result = import_jsonl(store, text.splitlines(), LIBRARY, "drills.jsonl")
    assert (len(result.added), result.duplicates, result.refused) == (2, 0, [])
    again = import_jsonl(store, text.splitlines(), LIBRARY, "drills.jsonl")
    assert (again.added, again.duplicates) == ([], 2)
    assert len(list(store.done())) == 2
    assert verify_store(store, LIBRARY) == (2, [])
    out = io.StringIO()
    assert export_csv(store.done(), out) == 2
    csv_lines = out.getvalue().splitlines()
    assert csv_lines[0].startswith("id,name,team,code") and len(csv_lines) == 3


def _tampered(edit) -> str:
    record = finished("rude-reply", 5, "playbook", "Gus", "red")
    data = record.to_json()
    edit(data)
    return json.dumps(data)


def _recompute_digest(data: dict) -> None:
    data["digest"] = DrillRecord.from_json(data).content_digest()


def _raise_score(data: dict) -> None:
    data["scorecard"]["score"]["total"] += 10
    _recompute_digest(data)


def _swap_an_action(data: dict) -> None:
    data["actions"][-1]["action"] = "argue"
    _recompute_digest(data)


def _unreplayable_log(data: dict) -> None:
    data["actions"][0]["t"] += 3600  # after the next decision: not a log a drill can make
    _recompute_digest(data)


def _edit_a_check(data: dict) -> None:
    data["scorecard"]["checks"][0]["passed"] = not data["scorecard"]["checks"][0]["passed"]
    _recompute_digest(data)


def _edit_the_digest(data: dict) -> None:
    data["digest"] = "0" * 64


def _edit_without_new_digest(data: dict) -> None:
    data["name"] = "Someone else"


@pytest.mark.parametrize(
    "edit, reason",
    [
        (_raise_score, "is not what its log gives"),
        (_swap_an_action, "is not what its log gives"),
        (_unreplayable_log, "its action log does not replay"),
        (_edit_a_check, "scorecard (checks or decisions) is not what its log gives"),
        (_edit_the_digest, "digest does not match its contents"),
        (_edit_without_new_digest, "digest does not match its contents"),
    ],
)
def test_a_tampered_record_is_refused_naming_the_drill(store: Store, edit, reason: str) -> None:
    good = finished("sale-outage", 5, "expert", "Hal", "blue").to_json()
    lines = [json.dumps(good), _tampered(edit)]
    result = import_jsonl(store, lines, LIBRARY, "team.jsonl")
    assert len(result.added) == 1 and len(result.refused) == 1
    line = result.refused[0]
    assert line.startswith("team.jsonl:2: drill of ") and reason in line
    assert "rude-reply-" in line and "refused" in line


def test_import_says_what_is_wrong_with_lines_that_are_not_records(store: Store) -> None:
    lines = ["{not json", "[1, 2]", json.dumps({"name": "x"})]
    result = import_jsonl(store, lines, LIBRARY, "junk.jsonl")
    assert result.added == [] and len(result.refused) == 3
    assert result.refused[0].startswith("junk.jsonl:1: not a drill record")
    assert "missing" in result.refused[2]


def test_verify_finds_a_record_edited_inside_the_store(store: Store) -> None:
    store.save(finished("rude-reply", 6, "expert", "Ivy", "red"))
    bad = store.save(finished("rude-reply", 6, "rushed", "Jo", "red"))
    store.db.execute("UPDATE drills SET scorecard = replace(scorecard, '\"passed\": false', "
                     "'\"passed\": true') WHERE id = ?", (bad,))  # fmt: skip
    checked, problems = verify_store(store, LIBRARY)
    assert checked == 2 and len(problems) == 1 and problems[0].startswith(f"drill {bad} of Jo")


def test_a_record_from_the_old_engine_is_refused_not_rescored(store: Store, monkeypatch) -> None:
    """A drill scored by engine 1.x (unbounded outcome) stays out: a clear reason, no re-score."""
    import simulator.store.transfer as transfer

    old = finished("rude-reply", 3, "playbook", "Kim", "red").to_json()
    old["engine_version"] = "1.0"
    old["scorecard"]["score"]["total"] = -835.0
    _recompute_digest(old)
    rescored = []
    monkeypatch.setattr(transfer, "score", lambda *args: rescored.append(args))
    result = import_jsonl(store, [json.dumps(old)], LIBRARY, "old.jsonl")
    assert result.added == [] and rescored == []
    assert "scored by engine 1.0" in result.refused[0] and "not re-scored" in result.refused[0]
