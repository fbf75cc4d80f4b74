"""What the team can see: the fog that analysis and monitoring lift (the core's ScopeView)."""

import pytest

from simulator.catalogue import CATALOGUE, MONITOR_WINDOW
from simulator.engine.engine import Engine
from simulator.engine.scope import scope_view, trend_of
from tests.conftest import shipped

M = 60.0


def engine_at(t: float, *actions: tuple[float, str]) -> Engine:
    """false-rumour seed 3, with `actions` at their times, stepped to t (no inject before 2 h)."""
    engine = Engine(shipped("false-rumour"), 3)
    for at, action in actions:
        engine.step(at)
        engine.act(action)
    engine.step(t)
    return engine


def test_before_analysis_only_a_rough_volume_is_seen() -> None:
    view = scope_view(engine_at(40 * M).trajectory())
    assert view.volume > 10 and view.rough_volume.startswith("≈")
    assert view.analysis is None and view.analysing_until is None
    assert view.monitoring is None and view.monitor_ended is None and view.facts is None


def test_analysis_reveals_the_scope_when_it_finishes() -> None:
    busy = CATALOGUE["analyse_scope"].busy
    under_way = scope_view(engine_at(30 * M + busy / 2, (30 * M, "analyse_scope")).trajectory())
    assert under_way.analysis is None and under_way.analysing_until == 30 * M + busy
    trajectory = engine_at(30 * M + busy, (30 * M, "analyse_scope")).trajectory()
    a = scope_view(trajectory).analysis
    assert a is not None
    m = trajectory.metrics
    assert a.negative == int(m["negative_mentions"]) > 0
    assert a.involved == int(m["followers_involved"]) > 0
    assert a.circulating == pytest.approx(m["age"]) and a.circulating > 30 * M
    origin = trajectory.scenario.cascade.origin[0]
    assert (a.platform, a.role) == (origin.platform, origin.role)
    assert a.top_voices and all(v.negative_posts >= 1 for v in a.top_voices)
    reach = [v.followers * v.negative_posts for v in a.top_voices]
    assert reach == sorted(reach, reverse=True)


def test_monitoring_shows_trend_forecast_and_effect_for_its_window_only() -> None:
    start, busy = 50 * M, CATALOGUE["monitor"].busy
    log = ((40 * M, "holding_statement"), (start, "monitor"))
    assert scope_view(engine_at(start + busy / 2, *log).trajectory()).monitor_ready_at == (
        start + busy
    )
    trajectory = engine_at(start + busy, *log).trajectory()
    view = scope_view(trajectory)
    m = view.monitoring
    assert m is not None and m.until == start + MONITOR_WINDOW
    assert m.trend.r == pytest.approx(trajectory.metrics["r"])
    assert m.forecast_low <= m.forecast <= m.forecast_high
    assert m.effect is not None and m.effect.action == "Holding statement"
    assert m.effect.at == 40 * M and m.effect.span == pytest.approx(start + busy - 40 * M)
    ended = scope_view(engine_at(start + MONITOR_WINDOW + M, *log).trajectory())
    assert ended.monitoring is None and ended.monitor_ended == start + MONITOR_WINDOW


def test_the_facts_come_with_gather_facts_finished() -> None:
    busy = CATALOGUE["gather_facts"].busy
    assert (
        scope_view(engine_at(25 * M + busy - M, (25 * M, "gather_facts")).trajectory()).facts
        is None
    )
    facts = scope_view(engine_at(25 * M + busy, (25 * M, "gather_facts")).trajectory()).facts
    assert facts is not None and "no recall" in facts and "\n" not in facts


@pytest.mark.parametrize(
    ("r", "before", "words"),
    [
        (2.22, 2.6, "▲ growing, more slowly"),  # the "R 2.22 ▼ calming"
        (1.5, 1.2, "▲ growing faster"),
        (0.7, 0.9, "▼ shrinking faster"),
        (0.8, 0.6, "▼ shrinking, more slowly"),
        (1.3, 1.3, "▲ growing"),
        (1.0, 1.4, "■ holding steady"),
    ],
)
def test_r_is_told_by_its_level_and_direction(r: float, before: float, words: str) -> None:
    assert trend_of(r, before).words == words
