"""A finished drill as plain data (for --json, the store and reports) and as readable text."""

from collections.abc import Mapping
from typing import Any

import numpy as np

from simulator.durations import format_duration
from simulator.engine.trajectory import Trajectory, decision_title
from simulator.engine.version import ENGINE_VERSION

TIMELINE_STEP = 300.0  # the timeline keeps one row per 5 simulated minutes
POLICIES = {"trainee": "played by a trainee", "expert": "the expert reference",
            "ignore": "doing nothing"}  # fmt: skip


def policy_words(policy: str) -> str:
    """Who played a drill, in words: a trainee, the reference, doing nothing, a policy file."""
    return POLICIES.get(policy, f"policy file {policy}")


def on_step(t: np.ndarray) -> np.ndarray:
    """Which timeline rows a result keeps: one per TIMELINE_STEP, and the last."""
    return np.isclose(np.mod(t, TIMELINE_STEP), 0) | (t == t[-1])


def drill_result(trajectory: Trajectory, policy: str) -> dict[str, Any]:
    """The JSON-ready record of a drill: inputs, metrics, timeline, actions, digest."""
    tl = trajectory.timeline
    keep = on_step(tl["t"])
    last = trajectory.metrics
    return {
        "scenario": trajectory.scenario.id,
        "scenario_version": trajectory.scenario.version,
        "seed": trajectory.seed,
        "engine_version": ENGINE_VERSION,
        "policy": policy,
        "metrics": {
            "final_negative_mentions": int(last["negative_mentions"]),
            "total_mentions": int(last["total_mentions"]),
            "negative_impressions": int(last["negative_impressions"]),
            "followers_involved": int(last["followers_involved"]),
            "peak_r": round(float(tl["r"].max()), 4),
            "final_r": round(float(last["r"]), 4),
            "forecast_final_negative": round(float(last["forecast"]), 1),
            "media_pickup": int(last["media_pickup"]),
        },
        "timeline": [
            {
                "t": float(t),
                "negative_mentions": int(n),
                "r": round(float(r), 4),
                "forecast": round(float(f), 1),
            }
            for t, n, r, f in zip(
                tl["t"][keep],
                tl["negative_mentions"][keep],
                tl["r"][keep],
                tl["forecast"][keep],
                strict=True,
            )
        ],
        "actions": [
            {
                "t": a.t,
                "at": format_duration(a.t),
                "action": a.action,
                "by": a.by,
                "inject": a.inject,
                "choice": a.choice,
                "strength": a.strength,
                "notes": list(a.notes),
            }
            for a in trajectory.applied
        ],
        "injects": [{"id": k, "t": t} for k, t in trajectory.fired.items()],
        "trajectory_digest": trajectory.digest,
    }


def _at(tl: Mapping[str, np.ndarray], name: str, t: float) -> float:
    i = int(np.searchsorted(tl["t"], t, side="right")) - 1
    return float(tl[name][max(0, min(i, tl["t"].size - 1))])


def summary_text(trajectory: Trajectory, policy: str) -> str:
    """A short readable account: the crisis in numbers, then each action and what followed."""
    s, m, tl = trajectory.scenario, trajectory.metrics, trajectory.timeline
    lines = [
        f"{s.title} ({s.id} v{s.version}) · seed {trajectory.seed} · {policy_words(policy)}",
        f"  detected at T+{format_duration(s.crisis.detected_at)}; times below count from it",
        "",
        f"  negative mentions     {int(m['negative_mentions']):>10,}",
        f"  total mentions        {int(m['total_mentions']):>10,}",
        f"  negative impressions  {int(m['negative_impressions']):>10,}",
        f"  followers involved    {int(m['followers_involved']):>10,}",
        f"  peak R / final R      {tl['r'].max():>6.2f} / {m['r']:.2f}",
        f"  media pickup          {int(m['media_pickup']):>10,}",
        "",
    ]
    if not any(a.by == "trainee" for a in trajectory.applied):
        lines.append("  No action taken: the crisis ran its course unanswered.")
    for a in trajectory.applied:
        before, after = _at(tl, "negative_mentions", a.t), _at(tl, "negative_mentions", a.t + 3600)
        r0, r1 = _at(tl, "r", a.t), _at(tl, "r", a.t + 3600)
        label, since = decision_title(s, a), format_duration(a.t - s.crisis.detected_at)
        lines.append(
            f"  {since:>7}  {label:<40} next hour: +{int(after - before):,} "
            f"negative, R {r0:.2f} -> {r1:.2f}" + (f"  [{a.by}]" if a.by != "trainee" else "")
        )
        lines.extend(f"           · {note}" for note in a.notes)
    return "\n".join(lines)
