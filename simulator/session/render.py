"""The group debrief as a Markdown or HTML after-action report, and the session as CSV for an
organisation's LMS (one row per trainee)."""

import csv
import html
import io

from simulator.durations import format_duration
from simulator.labels import counted
from simulator.plain import plain
from simulator.scoring.moments import detected_at
from simulator.session.debrief import GroupDebrief, Point, Turn
from simulator.session.sessions import Trainee
from simulator.store.records import SCORE_PARTS

LMS_COLUMNS = (
    "session", "drill_id", "name", "team", "status", "completion", "score_scaled", "total",
    "outcome", "playbook", "timeliness", "decisions", "started", "finished", "digest",
)  # fmt: skip
PASS_MARK = 60.0  # a total at or above it counts as passed in the LMS export


def _md(text: object) -> str:
    """Plain text safe inside Markdown (user names, labels)."""
    out = plain(text)
    for char in "\\`*_[]<>|#":
        out = out.replace(char, "\\" + char)
    return out


def _turn(turn: Turn | None, debrief: GroupDebrief) -> str:
    if turn is None:
        return "none to tell"
    since = format_duration(turn.t - detected_at(debrief.scenario))
    return (
        f"{turn.title} by {plain(turn.name)} ({plain(turn.team)}), {since} after detection, "
        f"drill {turn.drill_id}: {turn.effect} ({abs(turn.share):.0%} of the drill's harm)"
    )


def _reached(point: Point) -> str:
    return counted(point.reached, "trainee")


def _cf(point: Point) -> str:
    cf = point.counterfactual
    if cf is None:
        return "no expert decision here to compare"
    if point.common.id == point.expert:
        return f"the group's choice is the expert's (outcome {cf.expert_outcome:.1f})"
    return (
        f"the expert's play with {point.common.label} here: outcome {cf.common_outcome:.1f} "
        f"against {cf.expert_outcome:.1f} with {point.expert_label} "
        f"({cf.common_harm - cf.expert_harm:+,.0f} avoidable impressions, "
        f"{cf.lost:+.1%} of what the expert avoided)"
    )


def to_markdown(d: GroupDebrief) -> str:
    """The AAR of the session as Markdown."""
    lines = [
        f"# Group debrief: {_md(d.scenario.title)}",
        "",
        f"Session {_md(d.session)} · drill code {_md(d.drill_code)} · "
        f"{counted(len(d.drills), 'finished drill')}",
        "",
        "## The group against the expert",
        "",
        "| | " + " | ".join(SCORE_PARTS) + " |",
        "|---|" + "---:|" * len(SCORE_PARTS),
        "| group mean | " + " | ".join(f"{d.means[p]:.1f}" for p in SCORE_PARTS) + " |",
        "| expert | " + " | ".join(f"{d.expert[p]:.1f}" for p in SCORE_PARTS) + " |",
        "",
        "## Strengths",
        "",
        *([f"- {_md(s)}" for s in d.strengths] or ["- none stood out"]),
        "",
        "## Areas for improvement",
        "",
        *([f"- {_md(s)}" for s in d.improvements] or ["- none stood out"]),
        "",
        "## Best and worst turn",
        "",
        f"- Best: {_md(_turn(d.best, d))}",
        f"- Worst: {_md(_turn(d.worst, d))}",
        "",
        "## Decision points",
    ]
    for point in d.points:
        lines += [
            "",
            f"### {_md(point.title)} ({_reached(point)})",
            "",
            f"Expert: {_md(point.expert_label)}. Counterfactual: {_md(_cf(point))}.",
            "",
            "| choice | trainees | share | mean total | mean outcome |",
            "|---|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {_md(c.label)} | {c.count} | {c.share:.0%} | {c.mean_total:.1f} | "
            f"{c.mean_outcome:.1f} |"
            for c in point.choices
        ]
    return "\n".join(lines) + "\n"


def to_html(d: GroupDebrief) -> str:
    """The AAR of the session as one self-contained HTML page."""
    e = html.escape

    def table(header: list[str], rows: list[list[str]]) -> str:
        head = "".join(f"<th>{e(h)}</th>" for h in header)
        body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def items(texts: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{e(plain(t))}</li>" for t in texts or ["none stood out"])

    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Group debrief: {e(plain(d.scenario.title))}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .5em}</style>",
        "</head><body>",
        f"<h1>Group debrief: {e(plain(d.scenario.title))}</h1>",
        f"<p>Session {e(plain(d.session))} · drill code {e(plain(d.drill_code))} · "
        f"{counted(len(d.drills), 'finished drill')}</p>",
        "<h2>The group against the expert</h2>",
        table(
            ["", *SCORE_PARTS],
            [
                ["group mean", *(f"{d.means[p]:.1f}" for p in SCORE_PARTS)],
                ["expert", *(f"{d.expert[p]:.1f}" for p in SCORE_PARTS)],
            ],
        ),
        "<h2>Strengths</h2>",
        items(d.strengths) + "</ul>",
        "<h2>Areas for improvement</h2>",
        items(d.improvements) + "</ul>",
        "<h2>Best and worst turn</h2>",
        items([f"Best: {_turn(d.best, d)}", f"Worst: {_turn(d.worst, d)}"]) + "</ul>",
        "<h2>Decision points</h2>",
    ]
    for point in d.points:
        parts += [
            f"<h3>{e(point.title)} ({_reached(point)})</h3>",
            f"<p>Expert: {e(point.expert_label)}. Counterfactual: {e(_cf(point))}.</p>",
            table(
                ["choice", "trainees", "share", "mean total", "mean outcome"],
                [
                    [
                        c.label,
                        str(c.count),
                        f"{c.share:.0%}",
                        f"{c.mean_total:.1f}",
                        f"{c.mean_outcome:.1f}",
                    ]
                    for c in point.choices
                ],
            ),
        ]
    return "".join(parts) + "</body></html>\n"


def _cell(text: str) -> str:
    """A typed name as a CSV cell no spreadsheet runs as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def to_csv(session: str, trainees: list[Trainee]) -> str:
    """One row per trainee of the session, in the columns an LMS import expects."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(LMS_COLUMNS)
    for t in trainees:
        r, s = t.record, t.record.score
        done = r.status == "done"
        total = s.get("total")
        writer.writerow([
            session, t.id, _cell(plain(r.name)), _cell(plain(r.team)), r.status,
            ("passed" if (total or 0) >= PASS_MARK else "failed") if done else "incomplete",
            f"{total / 100:.3f}" if total is not None else "", total, s.get("outcome"),
            s.get("playbook"), s.get("timeliness"), len(r.actions), r.started, r.finished or "",
            r.digest or "",
        ])  # fmt: skip
    return out.getvalue()
