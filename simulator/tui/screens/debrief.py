"""Debrief: the scorecard, the chart, each decision's effect, and what-if branches."""

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option

from simulator.durations import format_duration
from simulator.engine.engine import Engine
from simulator.labels import effect_mark
from simulator.plain import plain
from simulator.scoring import Scorecard, Scored, score
from simulator.scoring.drill import drill_json
from simulator.scoring.moments import after_detection
from simulator.scoring.scorecard import what_if
from simulator.store import DrillRecord
from simulator.tui.screens.alternative import AlternativeModal, Alternatives
from simulator.tui.widgets.chart import chart_text
from simulator.tui.widgets.titled import titled


def score_text(card: Scorecard, code: str | None) -> str:
    """The score line (with a "★ beyond the reference" mark when the play beat the
    reference), the headline in the score's unit, and the drill code to share."""
    beyond = " [b]★ beyond the reference[/b]" if card.beyond_reference else ""
    return (
        f"[b]SCORE {card.total:.1f}[/b]   outcome {card.outcome:.1f}{beyond} · playbook "
        f"{card.playbook:.1f} · timeliness {card.timeliness:.1f}\n{card.headline}"
        + (
            f"\nDrill code [b]{escape(plain(code))}[/b]: the same crisis for anyone who types it"
            if code
            else ""
        )
    )


class DebriefScreen(Screen[None]):
    BINDINGS = [
        Binding("w", "what_if", "Try another response here"),
        Binding("s", "save", "Save report"),
        Binding("l", "leaderboard", "Leaderboard"),
        Binding("escape,h", "home", "Home"),
        Binding("q", "app.quit", "Quit"),
    ]

    class DrillScored(Message):
        """The played drill, scored (the scoring worker's result)."""

        def __init__(self, scored: Scored) -> None:
            super().__init__()
            self.scored = scored

    class BranchScored(Message):
        """A what-if branch, scored: `choice` taken instead of decision `index`."""

        def __init__(self, index: int, choice: str, branch: Scored) -> None:
            super().__init__()
            self.index, self.choice, self.branch = index, choice, branch

    class LeaderboardRequested(Message):
        """The leaderboard of this drill's code, with this drill to compare."""

        def __init__(self, record: DrillRecord) -> None:
            super().__init__()
            self.record = record

    class HomeRequested(Message):
        """Back to the home screen."""

    def __init__(self, engine: Engine, reports: Path, record: DrillRecord | None = None) -> None:
        """`record`: the stored drill this debriefs (finished by the app once scored)."""
        super().__init__()
        self.played = engine
        self.reports = reports
        self.record = record
        self.scored: Scored | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield LoadingIndicator(id="loading")
        with VerticalScroll(id="debrief"):
            yield Static(id="score")
            yield Static(id="chart")
            with Horizontal(id="debrief-lists"):
                with Vertical():
                    yield titled(
                        OptionList(id="decisions"), "Decisions (w: try another response here)"
                    )
                    yield Static(id="branch")
                yield titled(Static(id="checks"), "Playbook and timeliness")
            yield titled(Static(id="notes"), "Debrief")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#debrief").display = False
        self.score_drill()

    @work(thread=True, exclusive=True)
    def score_drill(self) -> None:
        """Scoring replays the drill with a branch per decision: off the UI thread."""
        e = self.played
        scored = score(e.scenario, e.seed, e.trajectory().applied)
        self.post_message(self.DrillScored(scored))

    def on_debrief_screen_drill_scored(self, event: DrillScored) -> None:
        self.show(event.scored)

    def show(self, scored: Scored) -> None:
        self.scored = scored
        card, s = scored.card, self.played.scenario
        self.query_one("#loading").display = False
        self.query_one("#debrief").display = True
        self.query_one("#score", Static).update(
            score_text(card, self.record.code if self.record else None)
        )
        self.draw_chart()
        since = card.detected_at  # every time on screen counts from detection
        options = [
            Option(
                f"{format_duration(d.t - since):>6} {effect_mark(d.effect, True)} {d.explanation}",
                id=str(d.index),
            )
            for d in card.decisions
        ]
        decisions = self.query_one("#decisions", OptionList)
        decisions.add_options(options or [Option("No decision was taken.", disabled=True)])
        decisions.highlighted = 0 if options else None
        decisions.focus()
        self.query_one("#checks", Static).update(
            "\n".join(f"{'✓' if c.passed else '✗'} {c.label}: {c.reason}" for c in card.checks)
        )
        notes = [f"• {o.text}\n  {s.debrief.get(o.id, '')}" for o in s.objectives]
        self.query_one("#notes", Static).update("\n".join(notes))

    def draw_chart(self) -> None:
        assert self.scored is not None
        step = max(1, len(self.scored.ignore.t) // 60)
        series = {
            "trainee": self.scored.trajectory.timeline["negative_mentions"][::step].tolist(),
            "ignore": self.scored.ignore.negative[::step].tolist(),
            "expert": self.scored.expert.negative[::step].tolist(),
        }
        colours = {"trainee": "bold", "ignore": "", "expert": "dim"}
        width = max(30, self.size.width - 4)
        self.query_one("#chart", Static).update(chart_text(series, width, 8, colours))

    # ----- what-if -----------------------------------------------------------------------------

    def action_what_if(self) -> None:
        decisions = self.query_one("#decisions", OptionList)
        if self.scored is None or decisions.highlighted is None or not self.scored.card.decisions:
            return
        index = int(decisions.get_option_at_index(decisions.highlighted).id or 0)
        entry = self.played.trajectory().applied[index]
        alternatives = Alternatives.at(self.played.scenario, entry)

        def chosen(choice: str | None) -> None:
            if choice is not None:
                self.run_branch(index, choice)

        self.app.push_screen(AlternativeModal(alternatives), chosen)

    @work(thread=True, exclusive=True, group="branch")
    def run_branch(self, index: int, choice: str) -> None:
        """Fork just before decision `index`, take `choice` instead (another response, or
        another answer to the same inject), keep the later decisions."""
        branch = what_if(self.played, index, choice)  # forked: no replay from t=0
        self.post_message(self.BranchScored(index, choice, branch))

    def on_debrief_screen_branch_scored(self, event: BranchScored) -> None:
        assert self.scored is not None
        mine, other = self.scored.card, event.branch.card
        entry = self.scored.trajectory.applied[event.index]
        alternatives = Alternatives.at(self.played.scenario, entry)
        own = int(self.scored.trajectory.metrics["negative_mentions"])
        alt = int(event.branch.trajectory.metrics["negative_mentions"])
        when = after_detection(self.played.scenario, entry.t)
        self.query_one("#branch", Static).update(
            f"What if, {when}, {alternatives.what_if[event.choice]}?\n"
            f"  as played: score {mine.total:.1f}, {own:,} negative mentions\n"
            f"  what-if:   score {other.total:.1f}, {alt:,} negative mentions"
            f" ({'better' if other.total > mine.total else 'worse'})"
        )

    # ----- report ------------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.scored is None:
            return
        from simulator.report import build_report, to_html, to_markdown

        who = {"name": self.record.name, "team": self.record.team} if self.record else {}
        record = drill_json(self.scored, "trainee", **who)
        report = build_report(record, self.played.scenario)
        self.reports.mkdir(parents=True, exist_ok=True)
        stem = (
            self.reports
            / f"{record['scenario']}-seed{record['seed']}-{record['trajectory_digest'][:8]}"
        )
        stem.with_suffix(".md").write_text(to_markdown(report), encoding="utf-8")
        stem.with_suffix(".html").write_text(to_html(report), encoding="utf-8")
        self.notify(f"Saved {stem}.md and .html")

    def action_leaderboard(self) -> None:
        if self.record is not None:
            self.post_message(self.LeaderboardRequested(self.record))

    def action_home(self) -> None:
        self.post_message(self.HomeRequested())
