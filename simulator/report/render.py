"""The after-action report of a drill, as Markdown and as a self-contained HTML page."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape as html_escape
from typing import Any

from simulator.durations import format_duration
from simulator.engine.summary import on_step, policy_words
from simulator.labels import effect_mark
from simulator.plain import plain
from simulator.report.chart import Series, svg_chart
from simulator.scenario.model import Scenario
from simulator.scoring.moments import after_detection
from simulator.scoring.outcome import Trace, baselines

MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]|~])")  # what styles or links text in a line
MARKDOWN_BLOCK = re.compile(r"^(\s*)([#>+-])")  # what starts a heading, a quote or a list
MARKDOWN_NUMBERED = re.compile(r"^(\s*\d+)([.)])")  # what starts a numbered list


def _one_line(text: object) -> str:
    """A text on one line (a scenario's multi-line summary reads as one paragraph), plain."""
    return plain(" ".join(str(text).split("\n")))


def escape(text: object) -> str:
    """Any text of the drill or scenario inside HTML: plain, then entity-escaped."""
    return html_escape(_one_line(text))


def md(text: object) -> str:
    """Any text of the drill or scenario inside Markdown: plain, no HTML, no Markdown syntax."""
    inline = MARKDOWN_INLINE.sub(r"\\\1", html_escape(_one_line(text), quote=False))
    return MARKDOWN_NUMBERED.sub(r"\1\\\2", MARKDOWN_BLOCK.sub(r"\1\\\2", inline))


@dataclass(frozen=True)
class Report:
    scenario: Scenario
    drill: dict[str, Any]  # a drill record: `run --json` output or a stored drill
    curves: list[Series]


def build_report(drill: dict[str, Any], scenario: Scenario) -> Report:
    """Gather what the report shows: the drill, and the coupled ignore and expert curves."""
    ignore, expert = baselines(scenario, int(drill["seed"]))
    trainee = Series(
        "trainee",
        [row["t"] for row in drill["timeline"]],
        [row["negative_mentions"] for row in drill["timeline"]],
    )
    return Report(scenario, drill, [trainee, _every(ignore, "ignore"), _every(expert, "expert")])


def _every(trace: Trace, name: str) -> Series:
    keep = on_step(trace.t)
    return Series(name, trace.t[keep].tolist(), trace.negative[keep].tolist())


def _linked_check(report: Report, objective_id: str) -> dict[str, Any] | None:
    """The check an objective is about, when their ids match (monitor: monitoring)."""
    return next((c for c in report.drill["checks"] if c["id"].startswith(objective_id)), None)


def to_markdown(report: Report) -> str:
    d, s = report.drill, report.scenario
    score, beyond = d["score"], d["outcome"]["beyond_reference"]
    lines = [
        f"# After-action report: {md(s.title)}",
        "",
        _who(d, md),
        "",
        "## Score",
        "",
        "| total | outcome | playbook | timeliness |",
        "|---:|---:|---:|---:|",
        f"| **{score['total']:.1f}** | {score['outcome']:.1f} | {score['playbook']:.1f} "
        f"| {score['timeliness']:.1f} |",
        "",
        f"**{md(d['outcome']['headline'])}**" + (" ★ Beyond the reference." if beyond else ""),
        "",
        OUTCOME_WORDS + f" The crisis was detected {format_duration(d['detected_at'])} after "
        "it started; every time below counts from detection.",
        "",
        "## The crisis",
        "",
        md(s.crisis.summary.strip()),
        "",
        f"What was true: {md(s.crisis.truth.strip())}" if s.crisis.truth else "",
        "",
        "## Negative mentions over time",
        "",
        "| time | trainee | ignore | expert |",
        "|---:|---:|---:|---:|",
    ]
    curves = {c.name: dict(zip(c.t, c.values, strict=True)) for c in report.curves}
    for hour in range(0, int(s.clock.duration // 3600) + 1):
        t = float(hour * 3600)
        row = [f"{int(curves[n].get(t, 0)):,}" for n in ("trainee", "ignore", "expert")]
        lines.append(f"| {hour}h | " + " | ".join(row) + " |")
    lines += ["", "## Decisions", ""]
    if not d["decisions"]:
        lines.append("No decision was taken.")
    for n, a in enumerate(d["decisions"], start=1):
        lines.append(
            f"{n}. **{after_detection(s, a['t'])}: {md(a['title'])}** — "
            f"{effect_mark(a['effect'])} ({_share(a)}). {md(a['explanation'])}"
        )
    strengths = [c for c in d["checks"] if c["passed"]]
    improve = [c for c in d["checks"] if not c["passed"]]
    lines += ["", "## Strengths", ""]
    lines += [f"- ✓ **{md(c['label'])}**: {md(c['reason'])}" for c in strengths] or ["- (none)"]
    lines += ["", "## Areas for improvement", ""]
    lines += [f"- ✗ **{md(c['label'])}**: {md(c['reason'])}" for c in improve] or ["- (none)"]
    lines += ["", "## Learning objectives", "", *_markdown_objectives(report)]
    return "\n".join(lines).rstrip() + "\n"


def _markdown_objectives(report: Report) -> list[str]:
    """Each learning objective: met or not (by its check), and the scenario's debrief note."""
    s, lines = report.scenario, []
    for objective in s.objectives:
        lines += [f"### {md(objective.text)}", ""]
        check = _linked_check(report, objective.id)
        if check is not None:
            lines += [f"{'✓ Met' if check['passed'] else '✗ Not met'}: {md(check['reason'])}", ""]
        if objective.id in s.debrief:
            lines += [md(s.debrief[objective.id]), ""]
    return lines


OUTCOME_WORDS = (
    "Outcome counts the harm the team could change: negative impressions from detection on "
    "(with those still to come), without the origin posts' fixed reach. It is 100 at the "
    "reference response, 20 at doing nothing and falls towards 0 as harm grows past doing "
    "nothing, on the same crisis (same seed)."
)


def _share(a: dict[str, Any]) -> str:
    """A decision's effect as a share of the avoidable harm, with its noise."""
    sign = "+" if a["share"] > 0 else "-"
    return (
        f"{sign}{100 * abs(a['share']):.1f}% of the avoidable harm, noise ±{100 * a['noise']:.1f}%"
    )


def _who(d: dict[str, Any], e: Callable[[object], str]) -> str:
    """Who played which drill, each field escaped by `e` (Markdown or HTML)."""
    who = f"{e(d['name'])} ({e(d.get('team') or 'no team')}) · " if d.get("name") else ""
    return (
        f"{who}{e(policy_words(d.get('policy', 'trainee')))} · scenario file {e(d['scenario'])} "
        f"v{e(d['scenario_version'])} · seed {e(d['seed'])} · engine {e(d['engine_version'])} · "
        f"digest {e(d['trajectory_digest'][:16])}"
    )


CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:860px;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.6em;margin-bottom:.2em} h2{border-bottom:1px solid #ccc;margin-top:1.6em}
.meta{color:#555;font-size:.9em} code{font-size:.9em}
.score{display:flex;gap:1em;margin:1em 0}
.score div{border:1px solid #ccc;border-radius:6px;padding:.5em 1em;text-align:center}
.score b{display:block;font-size:1.8em}
table{border-collapse:collapse;width:100%} td,th{border-bottom:1px solid #ddd;padding:.3em .5em}
td.num{text-align:right;white-space:nowrap} .calmed{color:#0072B2} .fuelled{color:#D55E00}
.pass{color:#006b4f} .fail{color:#b34700} svg{width:100%;height:auto}
"""


def to_html(report: Report) -> str:
    d, s = report.drill, report.scenario
    e = escape
    score = d["score"]
    markers = [(a["t"], f"{n}. {a['title']}") for n, a in enumerate(d["decisions"], 1)]
    chart = svg_chart(report.curves, s.clock.duration, markers)
    rows = "\n".join(
        f'<tr><td class="num">{n}</td><td class="num">{e(after_detection(s, a["t"]))}</td>'
        f'<td>{e(a["title"])}</td><td class="{e(a["effect"]).replace(" ", "-")}">'
        f'{e(effect_mark(a["effect"]))}</td><td class="num">{e(_share(a))}</td>'
        f"<td>{e(a['explanation'])}</td></tr>"
        for n, a in enumerate(d["decisions"], 1)
    )

    def items(passed: bool) -> str:
        chosen = [c for c in d["checks"] if c["passed"] == passed]
        mark, css = ("✓", "pass") if passed else ("✗", "fail")
        return (
            "\n".join(
                f'<li class="{css}">{mark} <b>{e(c["label"])}</b>: {e(c["reason"])}</li>'
                for c in chosen
            )
            or "<li>(none)</li>"
        )

    boxes = "".join(
        f"<div><b>{score[k]:.1f}</b>{k}</div>"
        for k in ("total", "outcome", "playbook", "timeliness")
    )
    beyond = " ★ Beyond the reference." if d["outcome"]["beyond_reference"] else ""
    truth = f"<p><b>What was true:</b> {e(s.crisis.truth)}</p>" if s.crisis.truth else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>After-action report: {e(s.title)}</title>
<style>{CSS}</style></head>
<body>
<h1>After-action report: {e(s.title)}</h1>
<p class="meta">{_who(d, e)}</p>
<h2>Score</h2>
<div class="score">{boxes}</div>
<p><b>{e(d["outcome"]["headline"])}</b>{beyond}</p>
<p>{e(OUTCOME_WORDS)} Detected {format_duration(d["detected_at"])} after it started; times
below count from detection.</p>
<h2>Negative mentions over time</h2>
{chart}
<h2>The crisis</h2>
<p>{e(s.crisis.summary.strip())}</p>{truth}
<h2>Decisions</h2>
<table><thead><tr><th>#</th><th>time</th><th>decision</th><th>effect</th>
<th>share of the avoidable harm</th><th>why</th></tr></thead>
<tbody>{rows or '<tr><td colspan="6">No decision was taken.</td></tr>'}</tbody></table>
<h2>Strengths</h2><ul>{items(True)}</ul>
<h2>Areas for improvement</h2><ul>{items(False)}</ul>
<h2>Learning objectives</h2>
{_html_objectives(report)}
</body></html>
"""


def _html_objectives(report: Report) -> str:
    """Each learning objective: met or not (by its check), and the scenario's debrief note."""
    s, e, objectives = report.scenario, escape, []
    for objective in s.objectives:
        check = _linked_check(report, objective.id)
        status = (
            f'<p class="{"pass" if check["passed"] else "fail"}">'
            f"{'✓ Met' if check['passed'] else '✗ Not met'}: {e(check['reason'])}</p>"
            if check
            else ""
        )
        note = f"<p>{e(s.debrief[objective.id])}</p>" if objective.id in s.debrief else ""
        objectives.append(f"<h3>{e(objective.text)}</h3>{status}{note}")
    return "".join(objectives)
