"""The `crisis-drill` command: one entry point, one sub-command per job."""

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


class UsageError(Exception):
    """A problem with what the user typed (exit 2)."""


def shipped_scenarios() -> list[Path]:
    return sorted(SCENARIOS.glob("*.toml"))


def resolve_scenario(name: str) -> Path:
    """A scenario path, or the id of a shipped scenario."""
    path = Path(name)
    if path.exists():
        return path
    shipped = SCENARIOS / f"{name}.toml"
    if shipped.exists():
        return shipped
    known = ", ".join(p.stem for p in shipped_scenarios())
    raise UsageError(f'no scenario file or shipped scenario "{name}" (shipped: {known})')


def cmd_validate(args: argparse.Namespace) -> int:
    from simulator.scenario import FileProblems, load_scenario

    failed = False
    for name in args.paths:
        try:
            load_scenario(name)
        except FileProblems as problems:
            failed = True
            for line in problems.lines:
                print(line, file=sys.stderr)
        else:
            print(f"{name}: ok")
    return EXIT_FAILURE if failed else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from simulator.scenario.loader import model_schema

    print(json.dumps(model_schema(), indent=2))
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from simulator.engine.runner import named_policy, play
    from simulator.engine.summary import drill_result, summary_text
    from simulator.scenario import load_policy, load_scenario
    from simulator.scoring import score, scorecard_text

    scenario = load_scenario(resolve_scenario(args.scenario))
    if args.policy in ("expert", "ignore"):
        steps = named_policy(scenario, args.policy)
    else:
        steps = load_policy(args.policy, scenario)
    played = play(scenario, args.seed, steps)
    scored = score(scenario, args.seed, played.applied)
    if args.json:
        result = drill_result(scored.engine, args.policy) | scored.card.to_json()
        print(json.dumps(result, indent=1))
    else:
        print(summary_text(scored.engine, args.policy))
        print()
        print(scorecard_text(scored.card))
    return EXIT_OK


DRILL_KEYS = ("scenario", "scenario_version", "seed", "timeline", "score", "checks", "decisions")


def read_drill(path: str) -> dict:
    """A drill record from a `run --json` file, checked enough to report on."""
    try:
        drill = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise UsageError(f"cannot read {path}: {err.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise UsageError(f"{path}: not a drill record (invalid JSON: {err})") from None
    if not isinstance(drill, dict) or any(k not in drill for k in DRILL_KEYS):
        raise UsageError(f"{path}: not a drill record with a scorecard (see `run --json`)")
    return drill


def cmd_report(args: argparse.Namespace) -> int:
    from simulator.report import build_report, to_html, to_markdown
    from simulator.scenario import load_scenario

    drill = read_drill(args.drill)
    scenario = load_scenario(resolve_scenario(args.scenario or drill["scenario"]))
    if (scenario.id, scenario.version) != (drill["scenario"], drill["scenario_version"]):
        raise UsageError(
            f"the drill was played on {drill['scenario']} v{drill['scenario_version']}, "
            f"not on {scenario.id} v{scenario.version}"
        )
    report = build_report(drill, scenario)
    text = to_html(report) if args.format == "html" else to_markdown(report)
    if args.output is None:
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return EXIT_OK


def cmd_play(args: argparse.Namespace) -> int:
    """Open the terminal app: on the home screen, or on a scenario's briefing."""
    from platformdirs import user_data_path

    from simulator.scenario import load_scenario
    from simulator.tui.app import CrisisDrillApp

    scenarios = [load_scenario(p) for p in shipped_scenarios()]
    start = None
    if getattr(args, "scenario", None):
        start = (load_scenario(resolve_scenario(args.scenario)), args.seed)
    data_dir = (
        Path(args.data_dir) if getattr(args, "data_dir", None) else user_data_path("crisis-drill")
    )
    CrisisDrillApp(
        scenarios, data_dir, start=start, high_contrast=getattr(args, "high_contrast", False)
    ).run()
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crisis-drill",
        description="A terminal flight-simulator for social-media crisis communication.",
    )
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="play a drill headless and print the result")
    run.add_argument("scenario", help="a scenario file or the id of a shipped scenario")
    run.add_argument("--policy", required=True, help="a policy file (TOML/JSON), expert or ignore")
    run.add_argument("--seed", type=int, default=1)
    run.add_argument("--json", action="store_true", help="print one JSON object")
    run.set_defaults(func=cmd_run)
    play_ = sub.add_parser("play", help="open the drill app on a scenario's briefing")
    play_.add_argument("scenario", help="a scenario file or the id of a shipped scenario")
    play_.add_argument("--seed", type=int, default=1)
    play_.add_argument("--high-contrast", action="store_true", help="colour-blind-safe theme")
    play_.set_defaults(func=cmd_play)
    report = sub.add_parser("report", help="an after-action report of a drill (Markdown/HTML)")
    report.add_argument("drill", help="a drill record: the output of run --json")
    report.add_argument("--format", choices=("md", "html"), default="md")
    report.add_argument("-o", "--output", help="write to this file (default: standard output)")
    report.add_argument("--scenario", help="the scenario file, if it is not a shipped one")
    report.set_defaults(func=cmd_report)
    validate = sub.add_parser("validate", help="check scenario files; one line per problem")
    validate.add_argument("paths", nargs="+")
    validate.set_defaults(func=cmd_validate)
    schema = sub.add_parser("schema", help="print the JSON Schema of scenario files")
    schema.set_defaults(func=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from simulator.scenario import FileProblems

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if handler is None:
        handler = cmd_play
    try:
        return handler(args)
    except UsageError as err:
        print(f"crisis-drill: {err}", file=sys.stderr)
        return EXIT_USAGE
    except FileProblems as problems:
        for line in problems.lines:
            print(line, file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_FAILURE
