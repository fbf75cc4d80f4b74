import subprocess
import sys
from pathlib import Path


def test_core_does_not_import_textual(tmp_path: Path) -> None:
    """A whole drill through the core (play, score, store, report) never loads Textual."""
    code = f"""
import sys
from simulator.engine.runner import play, named_policy
from simulator.scenario import load_scenario
from simulator.scoring import score
from simulator.report.render import build_report, to_html, to_markdown
from simulator.scoring.drill import drill_json
from simulator.store import open_store
from simulator.session import debrief, render, sessions, watch
s = load_scenario('scenarios/rude-reply.toml')
engine = play(s, 1, named_policy(s, 'expert'))
scored = score(s, 1, engine.trajectory().applied)
report = build_report(drill_json(scored, 'expert'), s)
print('REPORT', len(to_markdown(report)) > 0, len(to_html(report)) > 0)
store = open_store({str(tmp_path / "drills.sqlite3")!r})
print('STORE', type(store).__name__)
print('TEXTUAL', 'textual' in sys.modules)
"""
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert "REPORT True True" in out.stdout
    assert "TEXTUAL False" in out.stdout
