"""The help screen: what each key does, and what the playbook asks."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from simulator.catalogue import CATALOGUE
from simulator.tui.keys import ACTION_KEYS

HELP = """\
# Help

**The playbook**: do not rush (get the facts), be conciliatory, analyse the scope, draft
several options, apologise and correct when the brand is at fault, monitor how it lands.
Never delete comments, argue, blame the customer, deny the truth or paste a stock reply.

| Key | Drill |
|---|---|
| `space` | pause / resume the clock |
| `+` / `-` | speed up / slow down (1x to 16x) |
| `.` | step 5 simulated minutes (paused) |
| `s` | skip a quiet stretch: on to the next inject or burst of posts |
| `End` (the key) | finish the drill now |
| `v` / `i` | feed: negative only / influencers only |
| `tab`, `↑` / `↓`, `enter` | feed: go to it, pick a post, read it whole (author, thread) |
| `w` | top voices: the accounts driving the crisis (once the scope is analysed) |
| `ctrl+p` | command palette |
| `f2` | high-contrast theme |
| `?` | this help |
| `q` | quit (during a drill: `q` again to quit, `esc` to go back) |

| Key | Response |
|---|---|
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        rows = "\n".join(
            f"| `{ACTION_KEYS[a]}` | {spec.label}: {spec.hint} |" for a, spec in CATALOGUE.items()
        )
        with VerticalScroll(id="help-body"):
            yield Markdown(HELP + rows + "\n")
