"""An inject that asks a decision: a modal that pauses the clock, with a countdown."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, ProgressBar
from textual.widgets.option_list import Option

from simulator.plain import plain
from simulator.scenario.model import Inject


class InjectModal(ModalScreen[str | None]):
    """Dismissed with the chosen option id, or None when the time runs out (the default)."""

    BINDINGS = [Binding("escape", "noop", show=False)]

    def __init__(self, inject: Inject, timeout: float, held: bool = False) -> None:
        super().__init__()
        assert inject.decision is not None
        self.inject = inject
        self.decision = inject.decision
        self.timeout = timeout
        self.left = timeout
        self.held = held  # the instructor paused the session: the countdown waits too

    def compose(self) -> ComposeResult:
        decision = self.decision
        with Vertical(classes="dialog inject"):
            yield Label(Text(plain(f"⚠ INJECT · {self.inject.title}")), classes="title")
            yield Label(Text(plain(self.inject.text)), classes="text")
            yield Label(Text(plain(decision.prompt)), classes="prompt")
            yield OptionList(
                *(
                    Option(
                        Text(plain(f"{n}. {o.label}"))
                        + ("  (default)" if o.id == decision.default else ""),
                        id=o.id,
                    )
                    for n, o in enumerate(decision.options, 1)
                ),
                id="choices",
            )
            yield Label(self._left_text(), id="countdown")
            yield ProgressBar(total=self.timeout, show_eta=False, show_percentage=False)

    def _left_text(self) -> str:
        paused = " (paused by the instructor)" if self.held else ""
        return f"{self.left:.0f} s left, then the default applies{paused}"

    def on_mount(self) -> None:
        self.query_one(ProgressBar).update(progress=self.timeout)
        self.countdown = self.set_interval(0.1, self._tick, pause=self.held)

    def hold(self, on: bool) -> None:
        """The instructor paused (True) or resumed (False) the session: so does the countdown."""
        self.held = on
        if not self.is_mounted:
            return
        if on:
            self.countdown.pause()
        else:
            self.countdown.resume()
        self.show_left()

    def show_left(self) -> None:
        self.query_one(ProgressBar).update(progress=self.left)
        self.query_one("#countdown", Label).update(self._left_text())

    def _tick(self) -> None:
        self.left = max(0.0, self.left - 0.1)
        self.show_left()
        if self.left <= 1e-9:
            self.dismiss(None)

    def on_key(self, event: Key) -> None:
        if event.character and event.character.isdigit():
            options = self.decision.options
            n = int(event.character) - 1
            if 0 <= n < len(options):
                event.stop()
                self.dismiss(options[n].id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_noop(self) -> None:
        """An inject cannot be waved away: answer it, or let the default apply."""
