"""Pick another response for a past decision (the debrief's what-if)."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from simulator.catalogue import CATALOGUE
from simulator.durations import format_duration
from simulator.engine.engine import Applied


class AlternativeModal(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, entry: Applied, options: list[str]) -> None:
        super().__init__()
        self.entry, self.options = entry, options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                f"At {format_duration(self.entry.t)} you chose {self.entry.action}. Try instead:"
            )
            yield OptionList(
                *(Option(CATALOGUE[a].label, id=a) for a in self.options), id="alternatives"
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
