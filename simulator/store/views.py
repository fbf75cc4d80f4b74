"""Leaderboards and side-by-side comparisons as rows and plain text (the CLI and TUI share them)."""

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from simulator.durations import format_duration
from simulator.labels import effect_mark
from simulator.plain import plain
from simulator.store.records import DrillRecord
from simulator.store.store import Ranked, TeamStanding


def leaderboard_rows(ranked: list[Ranked]) -> list[tuple[str, ...]]:
    return [
        (
            str(r.rank), plain(r.name), plain(r.team), f"{r.total:.1f}", f"{r.outcome:.1f}",
            f"{r.playbook:.1f}", f"{r.timeliness:.1f}", r.finished[:10], str(r.id),
        )
        for r in ranked
    ]  # fmt: skip


LEADERBOARD_HEADER = ("#", "name", "team", "total", "outcome", "playbook", "timely", "date", "id")
TEAM_HEADER = ("team", "best", "mean", "drills")


def team_rows(teams: list[TeamStanding]) -> list[tuple[str, ...]]:
    return [(plain(t.team), f"{t.best:.1f}", f"{t.mean:.1f}", str(t.count)) for t in teams]


def table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(line.rstrip() for line in lines)


def _decision(d: dict[str, Any] | None, detected_at: float) -> str:
    """A decision as people read it: time since detection, its title, its effect."""
    if d is None:
        return ""
    since = format_duration(d["t"] - detected_at)
    return plain(f"{since} {d['title']} ({effect_mark(d['effect'], True)})")


def _detected_at(r: DrillRecord) -> float:
    return float((r.scorecard or {}).get("detected_at", 0.0))


def _pairs(a: DrillRecord, b: DrillRecord) -> list[tuple[dict | None, dict | None]]:
    """The two drills' annotated decisions, matched by their order."""
    da = (a.scorecard or {}).get("decisions", [])
    db = (b.scorecard or {}).get("decisions", [])
    n = max(len(da), len(db))
    return [(da[i] if i < len(da) else None, db[i] if i < len(db) else None) for i in range(n)]


def compare_rows(a: DrillRecord, b: DrillRecord) -> list[tuple[str, str, str]]:
    """(n, A's decision, B's decision), decision by decision (times since detection), then
    the scores."""
    da, db = _detected_at(a), _detected_at(b)
    rows = [
        (str(i + 1), _decision(x, da), _decision(y, db)) for i, (x, y) in enumerate(_pairs(a, b))
    ]
    for part in ("total", "outcome", "playbook", "timeliness"):
        rows.append((part, f"{a.score.get(part, 0):.1f}", f"{b.score.get(part, 0):.1f}"))
    return rows


def compare_text(a: DrillRecord, b: DrillRecord) -> str:
    header = ("", f"A: drill {a.id} {side_name(a)}", f"B: drill {b.id} {side_name(b)}")
    same = "same crisis" if a.code == b.code else "different crises"
    return f"{plain(a.code)} vs {plain(b.code)} ({same})\n" + table(header, compare_rows(a, b))


def side_name(r: DrillRecord) -> str:
    """Who played a drill, as plain text: "name (team)"."""
    return plain(f"{r.name} ({r.team})")


def compare_json(a: DrillRecord, b: DrillRecord) -> dict[str, Any]:
    def side(r: DrillRecord) -> dict[str, Any]:
        return {"id": r.id, "name": r.name, "team": r.team, "code": r.code, "score": r.score}

    pairs = [list(pair) for pair in _pairs(a, b)]
    return {"a": side(a), "b": side(b), "same_crisis": a.code == b.code, "decisions": pairs}


def as_json(rows: list[Ranked] | list[TeamStanding]) -> list[dict[str, Any]]:
    return [asdict(r) for r in rows]
