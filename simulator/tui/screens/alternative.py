"""Pick another response for a past decision (the debrief's what-if)."""

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from simulator.catalogue import CATALOGUE
from simulator.engine.engine import Applied
from simulator.scenario.checks import in_play
from simulator.scenario.model import Scenario
from simulator.scoring.moments import after_detection


@dataclass(frozen=True)
class Alternatives:
    """What else could have been done at a past decision: the other responses in play, or,
    when the decision answered an inject, that inject's other answers."""

    question: str
    options: dict[str, str]  # id: label, as offered
    what_if: dict[str, str]  # id: the alternative in words ("x instead of y")

    @classmethod
    def at(cls, scenario: Scenario, entry: Applied) -> "Alternatives":
        when = after_detection(scenario, entry.t)
        if entry.inject is None:
            chosen = CATALOGUE[entry.action].label
            others = {a: CATALOGUE[a].label for a in in_play(scenario) if a != entry.action}
            return cls(
                f"{when.capitalize()} you chose {chosen.lower()}. Try instead:",
                others,
                {a: f"{label.lower()} instead of {chosen.lower()}" for a, label in others.items()},
            )
        inject = next(i for i in scenario.injects if i.id == entry.inject)
        assert inject.decision is not None
        done = entry.choice or inject.decision.default
        labels = {o.id: o.label for o in inject.decision.options}
        others = {o: label for o, label in labels.items() if o != done}
        how = "you answered" if entry.by == "trainee" else "its default applied:"
        return cls(
            f'{when.capitalize()}, "{inject.title}" asked and {how} "{labels[done]}". '
            "Answer instead:",
            others,
            {
                o: f'the answer to "{inject.title}" were "{label}" instead of "{labels[done]}"'
                for o, label in others.items()
            },
        )


class AlternativeModal(ModalScreen[str | None]):
    """Dismissed with the chosen alternative's id, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, alternatives: Alternatives) -> None:
        super().__init__()
        self.alternatives = alternatives

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.alternatives.question)
            yield OptionList(
                *(Option(label, id=key) for key, label in self.alternatives.options.items()),
                id="alternatives",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
