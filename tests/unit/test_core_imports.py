import subprocess
import sys


def test_core_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import simulator.scenario, simulator.engine.engine, simulator.engine.runner\n"
        "import simulator.engine.summary, simulator.cli\n"
        "from simulator.engine.runner import play, named_policy\n"
        "from simulator.scenario import load_scenario\n"
        "s = load_scenario('scenarios/rude-reply.toml')\n"
        "play(s, 1, named_policy(s, 'expert'))\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=__file__.rsplit("/tests/", 1)[0],
    )
    assert out.stdout.strip() == "False"
