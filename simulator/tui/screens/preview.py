"""Preview a scenario file while writing it: its problems (file:line), or its parameters and
timeline of injects, and a dry run under a policy with the chart; reloaded when the file changes.

The file is watched by polling its modification time and size in a Textual interval: one file,
twice a second, costs microseconds on the event loop, needs no thread and no dependency
(watchfiles would add a compiled package and a watcher thread for a single path).
"""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Input, Label, Static
from textual.worker import get_current_worker

from simulator.catalogue import CATALOGUE
from simulator.durations import format_duration
from simulator.plain import plain
from simulator.tui.widgets.chart import chart_text
from simulator.tui.widgets.titled import titled

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario

POLICIES = ("expert", "ignore")
POLL_S = 0.5  # how often the file's modification time is looked at


@dataclass(frozen=True)
class DryRun:
    """A valid file's drill under a policy: the chart's series and the figures."""

    scenario: "Scenario"
    policy: str
    series: list[float]  # negative mentions per tick
    negative: int
    score: float


@dataclass(frozen=True)
class Preview:
    """What the file holds now: its problems, or its scenario and the dry run."""

    problems: tuple[str, ...] = ()
    run: DryRun | None = None


def dry_run(file: Path, policy: str, seed: int) -> Preview:
    """Validate `file`, then play it under `policy` (expert or ignore) and score it."""
    from simulator.engine.runner import named_policy, play
    from simulator.problems import FileProblems
    from simulator.scenario import load_scenario
    from simulator.scoring.scorecard import score_trajectory

    try:
        scenario = load_scenario(file)
    except FileProblems as problems:
        return Preview(problems=tuple(problems.lines))
    trajectory = play(scenario, seed, named_policy(scenario, policy)).trajectory()
    scored = score_trajectory(trajectory)
    negative = trajectory.timeline["negative_mentions"]
    return Preview(
        run=DryRun(scenario, policy, negative.tolist(), int(negative[-1]), scored.card.total)
    )


def parameters(s: "Scenario") -> Text:
    """The numbers that shape the crisis, one line per part."""
    c, a, k = s.crisis, s.audience, s.cascade
    lines = [
        f"{s.title} ({s.id} v{s.version}, {s.locale}, {s.difficulty})",
        f"crisis   {c.cluster}, {'at fault' if c.at_fault else 'not at fault'}, "
        f"detected at {format_duration(c.detected_at)}",
        f"audience {a.size:,} accounts, {a.follower_law} followers (median {a.follower_median:g})"
        f", critics {a.critics:g} / neutrals {a.neutrals:g} / fans {a.fans:g}",
        f"cascade  {k.kernel} kernel, mean delay {format_duration(k.mean_delay)}, "
        f"base infectiousness {k.base_infectiousness:g}, {len(k.origin)} origin post(s) on "
        f"{', '.join(k.platforms)}",
        f"clock    {format_duration(s.clock.duration)} simulated, tick "
        f"{format_duration(s.clock.tick)}, {format_duration(s.clock.pace)} real at 1x",
    ]
    return Text("\n".join(plain(line) for line in lines))


def timeline(s: "Scenario") -> Text:
    """Injects and the expert's steps in order of time (conditional injects last)."""
    rows: list[tuple[float, str]] = []
    for inject in s.injects:
        when = format_duration(inject.at) if inject.at is not None else f"if {inject.when}"
        asks = ""
        if inject.decision is not None:
            d = inject.decision
            asks = f" (asks: {len(d.options)} answers, default {d.default})"
        rows.append(
            (
                inject.at if inject.at is not None else float("inf"),
                f"{when:>8}  ! {inject.title}{asks}",
            )
        )
    for step in s.expert:
        what = CATALOGUE[step.action].label if step.action else f"{step.inject}: {step.choice}"
        rows.append((step.at, f"{format_duration(step.at):>8}  · expert: {what}"))
    rows.sort(key=lambda row: row[0])
    return Text("\n".join(plain(text) for _, text in rows) or "no injects")


class PreviewScreen(Screen[None]):
    """`file` previewed under `policy` on `seed`; reloaded whenever the file changes."""

    BINDINGS = [
        Binding("p", "next_policy", "Policy"),
        Binding("r", "reload", "Reload"),
        Binding("escape", "close", "Back"),
    ]

    policy: reactive[str] = reactive("expert", init=False)

    class Closed(Message):
        """The author is done previewing."""

    class Loaded(Message):
        """The file read, validated and (when valid) played."""

        def __init__(self, preview: Preview) -> None:
            super().__init__()
            self.preview = preview

    def __init__(self, file: Path, policy: str = "expert", seed: int = 1) -> None:
        super().__init__()
        self.file, self.seed = file, seed
        self.set_reactive(PreviewScreen.policy, policy)
        self.stamp = self.file_stamp()
        self.loads = 0  # how many times the file was shown (tests wait on it)
        self.preview: Preview | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="preview"):
            yield Static(id="preview-status")
            yield titled(Static(id="problems"), "Problems")
            yield titled(Static(id="parameters"), "Parameters")
            yield titled(Static(id="inject-timeline"), "Timeline: injects (!) and the expert (·)")
            yield titled(Static(id="dry-run"), "Dry run")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#preview-status", Static).update(Text(f"Reading {plain(self.file)}…"))
        self.set_interval(POLL_S, self.check_file)
        self.load()

    def file_stamp(self) -> tuple[int, int] | None:
        try:
            stat = self.file.stat()
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size)

    def check_file(self) -> None:
        """Reload when the file's modification time or size changed."""
        stamp = self.file_stamp()
        if stamp != self.stamp:
            self.stamp = stamp
            self.load()

    @work(thread=True, exclusive=True, group="preview")
    def load(self) -> None:
        preview = dry_run(self.file, self.policy, self.seed)
        if not get_current_worker().is_cancelled:  # a newer load replaced this one
            self.post_message(self.Loaded(preview))

    def on_preview_screen_loaded(self, event: Loaded) -> None:
        self.preview = event.preview
        self.loads += 1
        self.show()

    def show(self) -> None:
        """Update the panes in place (the scroll position stays where the author left it)."""
        preview = self.preview
        if preview is None:
            return
        run = preview.run
        problems = self.query_one("#problems", Static)
        problems.display = run is None
        for pane in ("#parameters", "#inject-timeline", "#dry-run"):
            self.query_one(pane).display = run is not None
        status = self.query_one("#preview-status", Static)
        if run is None:
            count = len(preview.problems)
            status.update(Text(f"✗ {plain(self.file)}: {count} problem{'s' * (count != 1)}"))
            problems.update(Text("\n".join(plain(line) for line in preview.problems)))
            return
        status.update(Text(f"✓ {plain(self.file)}: valid · p: policy · r: reload"))
        self.query_one("#parameters", Static).update(parameters(run.scenario))
        self.query_one("#inject-timeline", Static).update(timeline(run.scenario))
        self.draw_run(run)

    def draw_run(self, run: DryRun) -> None:
        step = max(1, len(run.series) // 60)
        chart = chart_text({run.policy: run.series[::step]}, max(30, self.size.width - 10), 8, {})
        figures = Text(
            f"{run.policy} on seed {self.seed}: score {run.score:.1f}, "
            f"{run.negative:,} negative mentions at the end\n"
        )
        self.query_one("#dry-run", Static).update(figures + chart)

    def on_resize(self) -> None:
        if self.preview is not None and self.preview.run is not None:
            self.draw_run(self.preview.run)

    def watch_policy(self) -> None:
        self.load()

    def action_next_policy(self) -> None:
        self.policy = POLICIES[(POLICIES.index(self.policy) + 1) % len(POLICIES)]

    def action_reload(self) -> None:
        self.stamp = self.file_stamp()
        self.load()

    def action_close(self) -> None:
        self.post_message(self.Closed())


class PathModal(ModalScreen[str | None]):
    """Asks for the file to preview; dismissed with its path, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Preview which scenario file? (enter: open, esc: cancel)")
            yield Input(placeholder="path/to/scenario.toml", id="path")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if not Path(path).expanduser().is_file():
            self.notify(f"No file {plain(path)!r}", severity="error", markup=False)
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PreviewApp(App[None]):
    """`crisis-drill preview FILE`: the preview screen on its own."""

    CSS_PATH = "../app.tcss"
    TITLE = "crisis-drill preview"

    def __init__(self, file: Path, policy: str = "expert", seed: int = 1) -> None:
        super().__init__()
        self.file, self.policy, self.seed = file, policy, seed

    def get_default_screen(self) -> Screen:
        return PreviewScreen(self.file, self.policy, self.seed)

    def on_preview_screen_closed(self) -> None:
        self.exit()
