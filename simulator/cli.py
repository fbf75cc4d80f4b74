"""The `crisis-drill` command: one entry point, one sub-command per job."""

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from simulator.plain import check_name, plain

if TYPE_CHECKING:
    from simulator.library import Library
    from simulator.scenario.model import Scenario
    from simulator.store import DrillCode, DrillRecord, Store

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
MAX_ID = 2**63 - 1  # a drill id fits the store's 64-bit key
MAX_LIMIT = 10_000  # rows a leaderboard shows at most
MAX_RUNS, MAX_WORKERS = 100_000, 512  # calibrate's seeds per policy, and local processes
PACKAGE = Path(__file__).resolve().parent
# Installed, the shipped scenarios sit in the package (see pyproject); in a checkout, at the root.
SCENARIOS = PACKAGE / "shipped" if (PACKAGE / "shipped").is_dir() else PACKAGE.parent / "scenarios"


class UsageError(Exception):
    """A problem with what the user typed (an argument, a file or drill it names that is not
    there, a place that cannot be written), or a store that cannot be used (exit 2)."""


class InputError(Exception):
    """An input whose content cannot be used: a drill file, a record (exit 1)."""


def _whole(text: str, low: int, high: int, what: str) -> int:
    """A whole number from `low` to `high`, or an argparse error that names the argument."""
    value = text.strip()
    digits = value.removeprefix("-")
    if not digits.isdecimal() or not digits.isascii() or len(digits) > 20:
        raise argparse.ArgumentTypeError(f'{what} is a whole number, not "{plain(text)[:40]}"')
    number = int(value)
    if not low <= number <= high:
        raise argparse.ArgumentTypeError(f"{what} goes from {low} to {high}, not {number}")
    return number


def seed_arg(text: str) -> int:
    from simulator.store.codes import MAX_SEED

    return _whole(text, 0, MAX_SEED, "a seed")


def drill_id_arg(text: str) -> int:
    return _whole(text, 1, MAX_ID, "a drill id")


def limit_arg(text: str) -> int:
    return _whole(text, 1, MAX_LIMIT, "a limit")


def runs_arg(text: str) -> int:
    return _whole(text, 1, MAX_RUNS, "a run count")


def workers_arg(text: str) -> int:
    return _whole(text, 1, MAX_WORKERS, "a worker count")


def name_arg(text: str) -> str:
    try:
        return check_name(text, "name")
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def team_arg(text: str) -> str:
    try:
        return check_name(text, "team")
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


WAIT_ENV = "CRISIS_DRILL_WAIT"  # seconds a write waits for a store another program is writing
MAX_WAIT = 86_400.0


def wait_arg(text: str) -> float:
    """Seconds from 0.1 to a day, or an argparse error that names the argument."""
    try:
        seconds = float(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'a wait is a number of seconds, not "{plain(text)[:40]}"'
        ) from None
    if not 0.1 <= seconds <= MAX_WAIT:  # NaN fails too
        raise argparse.ArgumentTypeError(
            f"a wait goes from 0.1 to {MAX_WAIT:g} seconds, not {plain(text)[:40]}"
        )
    return seconds


def write_output(path: str, text: str) -> None:
    """Write a report or an export; a missing folder, a folder or a refusal is a clear error."""
    with output(path) as out:
        out.write(text)


@contextmanager
def output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or the file `path` opened for writing: a missing folder, a folder or a
    refusal is a clear error."""
    if path is None:
        yield sys.stdout
        return
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"cannot write {plain(path)}: it is a folder (name a file)")
    if not target.parent.is_dir():
        raise UsageError(f"cannot write {plain(path)}: no folder {plain(target.parent)}")
    try:
        with target.open("w", encoding="utf-8", newline="") as out:
            yield out
    except OSError as err:
        raise UsageError(f"cannot write {plain(path)}: {err.strerror or err}") from None


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


def library() -> "Library":
    """The shipped scenarios by id (from the library's cache where it is current)."""
    from simulator.library import load_library

    return load_library(shipped_scenarios())


def crisis(args: argparse.Namespace) -> tuple["Scenario", int, "DrillCode"]:
    """The scenario, seed and drill code that `SCENARIO --seed N` or `--code CODE` name."""
    from simulator.scenario import load_scenario
    from simulator.store.codes import CodeError, make_code, resolve_code

    try:
        if getattr(args, "code", None):
            if args.scenario:
                raise UsageError("give a scenario or a drill code, not both")
            scenario, code = resolve_code(args.code, library())
            return scenario, code.seed, code
        if not args.scenario:
            raise UsageError("name a scenario (or give --code)")
        scenario = load_scenario(resolve_scenario(args.scenario))
        return scenario, args.seed, make_code(scenario, args.seed)
    except CodeError as err:
        raise UsageError(str(err)) from None


def store_from(args: argparse.Namespace) -> "Store":
    """The store `--db` names, waiting `--wait` seconds for a lock (saying so on stderr)."""
    from simulator.store import open_store

    return open_store(getattr(args, "db", None), data_dir(args), store_wait(args), notice)


def store_wait(args: argparse.Namespace) -> float:
    """`--wait`, else $CRISIS_DRILL_WAIT, else the store's default."""
    from simulator.store.backends import DEFAULT_WAIT_S

    if getattr(args, "wait", None) is not None:
        return args.wait
    if not os.environ.get(WAIT_ENV):
        return DEFAULT_WAIT_S
    try:
        return wait_arg(os.environ[WAIT_ENV])
    except argparse.ArgumentTypeError as err:
        raise UsageError(f"${WAIT_ENV}: {err}") from None


def notice(message: str) -> None:
    """A line on stderr while the command goes on (a store it waits for)."""
    print(f"crisis-drill: {plain(message)}", file=sys.stderr, flush=True)


def data_dir(args: argparse.Namespace) -> Path:
    from platformdirs import user_data_path

    chosen = getattr(args, "data_dir", None)
    return Path(chosen) if chosen else user_data_path("crisis-drill")


def cmd_validate(args: argparse.Namespace) -> int:
    from simulator.engine.budget import budget_lines
    from simulator.scenario.validate import validate_paths

    return EXIT_FAILURE if validate_paths(args.paths, extra=budget_lines) else EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from simulator.authoring.new import ScaffoldError, scaffold, write_scaffold

    target = Path(args.output or f"{args.id}.toml")
    try:
        write_scaffold(target, scaffold(args.id, args.cluster, args.locale, args.author))
    except ScaffoldError as err:
        raise UsageError(str(err)) from None
    print(f"wrote {plain(target)}: edit it, then run crisis-drill validate {plain(target)}")
    return EXIT_OK


def cmd_calibrate(args: argparse.Namespace) -> int:
    from simulator.calibrate import all_cores, calibrate, calibration_text
    from simulator.scenario import load_scenario

    if args.cluster is not None and args.workers is not None:
        raise UsageError("--workers is for this machine's cores; a --cluster has its own")
    if args.cluster is not None and not args.cluster.startswith("tcp://"):
        raise UsageError(
            f'--cluster is a Dask scheduler address like tcp://HOST:PORT, not "{args.cluster}"'
        )
    scenario = load_scenario(resolve_scenario(args.scenario))
    workers = args.workers or all_cores()
    try:
        result = calibrate(scenario, args.runs, workers, args.cluster, progress=True)
    except ModuleNotFoundError as err:
        if err.name is None or not err.name.startswith(("dask", "distributed")):
            raise
        raise UsageError(
            '--cluster needs Dask distributed: pip install "crisis-drill[cluster]"'
        ) from None
    except OSError as err:
        raise UsageError(f"cannot reach the Dask cluster at {args.cluster}: {err}") from None
    print(json.dumps(result.to_json(), indent=1) if args.json else calibration_text(result))
    return EXIT_OK if result.passed else EXIT_FAILURE


def cmd_schema(args: argparse.Namespace) -> int:
    from simulator.scenario.loader import model_schema

    print(json.dumps(model_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from simulator.engine.runner import named_policy, play
    from simulator.engine.summary import summary_text
    from simulator.scenario import load_policy
    from simulator.scoring import score, scorecard_text
    from simulator.scoring.drill import drill_json

    scenario, seed, code = crisis(args)
    if args.posts and not args.json:
        raise UsageError("--posts goes with --json")
    if args.policy in ("expert", "ignore"):
        steps = named_policy(scenario, args.policy)
    elif not Path(args.policy).exists():
        raise UsageError(
            f'--policy "{plain(args.policy)[:300]}": no such file '
            "(a policy is expert, ignore, or a TOML or JSON file)"
        )
    else:
        steps = load_policy(args.policy, scenario)
    played = play(scenario, seed, steps)
    scored = score(scenario, seed, played.trajectory().applied)
    saved = None
    if args.save:
        from simulator.store import DrillRecord

        record = DrillRecord.start(code, args.name, args.team)
        record.finish(scored)
        with store_from(args) as store:
            saved = store.save(record)
    if args.json:
        stored = {"id": saved} if saved is not None else {}
        result = drill_json(scored, args.policy, code=str(code), **stored)
        if args.posts:
            from simulator.engine.voices import post_records

            result["posts"] = post_records(scored.trajectory)
        print(json.dumps(result, indent=1))
    else:
        print(summary_text(scored.trajectory, args.policy))
        print()
        print(scorecard_text(scored.card))
        print(f"\ndrill code {code}" + (f" · saved as drill {saved}" if saved else ""))
    return EXIT_OK


MAX_DRILL_BYTES = 50_000_000  # a `run --json` file, even with --posts, is far smaller
DRILL_KEYS = ("scenario", "scenario_version", "seed", "timeline", "score", "checks", "decisions")


def read_drill(path: str) -> dict:
    """A drill record from a `run --json` file, checked enough to report on."""
    shown = plain(path)
    try:
        file = Path(path)
        if not file.is_file():
            raise UsageError(f"cannot read {shown}: no such file")
        if file.stat().st_size > MAX_DRILL_BYTES:
            raise InputError(f"{shown}: not a drill record (over {MAX_DRILL_BYTES:,} bytes)")
        drill = json.loads(file.read_text(encoding="utf-8"))
    except OSError as err:
        raise UsageError(f"cannot read {shown}: {err.strerror or err}") from None
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError, ValueError) as err:
        raise InputError(f"{shown}: not a drill record (invalid JSON: {err})") from None
    if not isinstance(drill, dict) or any(k not in drill for k in DRILL_KEYS):
        raise InputError(f"{shown}: not a drill record with a scorecard (see `run --json`)")
    return drill


def stored_drill(args: argparse.Namespace, drill_id: int) -> "DrillRecord":
    with store_from(args) as store:
        return store.get(drill_id)


def replayed_drill(record: "DrillRecord") -> dict:
    """A stored drill as `run --json` prints it: replayed and scored again (deterministic)."""
    from simulator.scoring import score
    from simulator.scoring.drill import drill_json
    from simulator.store import CodeError, resolve_code

    try:
        scenario, _ = resolve_code(record.code, library())
    except CodeError as err:
        raise InputError(f"drill {record.id} cannot be replayed here: {err}") from None
    scored = score(scenario, record.seed, record.log)
    return drill_json(scored, "trainee", name=record.name, team=record.team)


def cmd_report(args: argparse.Namespace) -> int:
    from simulator.report import build_report, to_html, to_markdown
    from simulator.scenario import load_scenario

    if args.drill.isdigit() and not Path(args.drill).exists():
        try:
            drill_id = drill_id_arg(args.drill)
        except argparse.ArgumentTypeError as err:
            raise UsageError(f"argument drill: {err}") from None
        drill = replayed_drill(stored_drill(args, drill_id))
    else:
        drill = read_drill(args.drill)
    if args.scenario:  # a file the user names; a drill's own field is only ever a shipped id
        scenario = load_scenario(resolve_scenario(args.scenario))
    else:
        shipped = library()
        if not isinstance(drill["scenario"], str) or drill["scenario"] not in shipped:
            raise InputError(
                f'{plain(args.drill)}: scenario "{plain(drill["scenario"])[:60]}" is not a '
                "shipped one: name its file with --scenario FILE"
            )
        scenario = shipped[drill["scenario"]]
    if (scenario.id, scenario.version) != (drill["scenario"], drill["scenario_version"]):
        raise InputError(
            f"the drill was played on {plain(drill['scenario'])[:60]} "
            f"v{plain(drill['scenario_version'])[:20]}, not on {scenario.id} v{scenario.version}"
        )
    try:
        report = build_report(drill, scenario)
        text = to_html(report) if args.format == "html" else to_markdown(report)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as err:
        raise InputError(
            f"{plain(args.drill)}: not a drill record this version can report on "
            f"({type(err).__name__}: {plain(err)[:80]})"
        ) from None
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_output(args.output, text)
        print(f"wrote {plain(args.output)}")
    return EXIT_OK


def cmd_preview(args: argparse.Namespace) -> int:
    """The preview screen on a scenario file (reloaded as the author edits it)."""
    from simulator.tui.screens.preview import PreviewApp

    if not Path(args.file).is_file():
        raise UsageError(f"no scenario file {plain(args.file)}")
    PreviewApp(Path(args.file), args.policy, args.seed).run()
    return EXIT_OK


def cmd_play(args: argparse.Namespace) -> int:
    """Open the terminal app: on the home screen, a scenario's briefing, or a resumed drill."""
    import getpass

    from simulator.tui.app import CrisisDrillApp
    from simulator.tui.player import Player, remembered

    start = None
    if getattr(args, "scenario", None) or getattr(args, "code", None):
        start = crisis(args)[:2]
    store = store_from(args)
    resume = None
    if getattr(args, "resume", False):
        resume = store.in_progress()
        if resume is None:
            raise UsageError("no unfinished drill to resume")
    from simulator.teams import join_session

    session = join_session(args, store)
    last = remembered(data_dir(args)) or Player(login_name(getpass.getuser()), "solo")
    player = Player.typed(
        getattr(args, "name", None) or "", getattr(args, "team", None) or "", last
    )
    app = CrisisDrillApp(
        library(),
        data_dir(args),
        store=store,
        player=player,
        start=start,
        resume=resume,
        high_contrast=getattr(args, "high_contrast", False),
        session=session,
    )
    try:
        app.run()
    finally:
        store.close()
    return EXIT_OK


def login_name(user: str) -> str:
    """The login name as a player's name, when it is a valid one."""
    try:
        return check_name(user)
    except ValueError:
        return "trainee"


def cmd_leaderboard(args: argparse.Namespace) -> int:
    from simulator.store import views

    with store_from(args) as store:
        ranked = store.leaderboard(args.code, args.scenario, args.team, args.limit)
        teams = store.teams(args.code, args.scenario, args.limit)
    if args.json:
        both = {"drills": views.as_json(ranked), "teams": views.as_json(teams)}
        print(json.dumps(both, indent=1))
        return EXIT_OK
    if not ranked:
        print("No finished drill matches.")
        return EXIT_OK
    print(views.table(views.LEADERBOARD_HEADER, views.leaderboard_rows(ranked)))
    print()
    print(views.table(views.TEAM_HEADER, views.team_rows(teams)))
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from simulator.store.views import compare_json, compare_text

    a, b = (stored_drill(args, d) for d in (args.a, args.b))
    print(json.dumps(compare_json(a, b), indent=1) if args.json else compare_text(a, b))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write the finished drills one at a time; a corrupt one is left out and named."""
    from simulator.store.transfer import export_csv, export_jsonl

    corrupt: list[str] = []
    write = export_csv if args.format == "csv" else export_jsonl
    with store_from(args) as store, output(args.output) as out:
        count = write(store.done(corrupt), out)
    for line in corrupt:
        print(f"{line}: not exported (see verify)", file=sys.stderr)
    if args.output is not None:
        print(f"exported {count} drills to {plain(args.output)}", file=sys.stderr)
    return EXIT_FAILURE if corrupt else EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from simulator.store.transfer import import_jsonl

    if not Path(args.file).is_file():
        raise UsageError(f"cannot read {plain(args.file)}: no such file")
    try:
        with (
            open(args.file, encoding="utf-8", errors="replace") as lines,
            store_from(args) as store,
        ):
            result = import_jsonl(store, lines, dict(library()), plain(args.file))
    except OSError as err:
        raise UsageError(f"cannot read {plain(args.file)}: {err.strerror or err}") from None
    for line in result.refused:
        print(line, file=sys.stderr)
    print(
        f"imported {len(result.added)}, already here {result.duplicates}, "
        f"refused {len(result.refused)}"
    )
    return EXIT_FAILURE if result.refused else EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from simulator.store.transfer import verify_store

    with store_from(args) as store:
        checked, problems = verify_store(store, dict(library()))
    for line in problems:
        print(line, file=sys.stderr)
    print(f"verified {checked} drills: {checked - len(problems)} replay exactly")
    return EXIT_FAILURE if problems else EXIT_OK


def duration_arg(text: str) -> float:
    from simulator.durations import parse_duration

    try:
        return parse_duration(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def cmd_fit(args: argparse.Namespace) -> int:
    """Fit the cascade to a mentions CSV; with --into, write it into a scenario and check it."""
    from simulator import fit
    from simulator.scenario import load_scenario

    if not Path(args.mentions).is_file():
        why = "it is a folder" if Path(args.mentions).is_dir() else "no such file"
        raise UsageError(f"cannot read {plain(args.mentions)}: {why}")
    if (args.out or args.bootstrap) and not args.into:
        raise UsageError("--out and --bootstrap go with --into (the scenario to start from)")
    source = resolve_scenario(args.into) if args.into else None
    if source is not None and not args.out and not Path(args.into).exists():
        raise UsageError(f"{plain(args.into)} is a shipped scenario: write the fit with --out FILE")
    scenario = load_scenario(source) if source is not None else None
    try:
        series = fit.read_series(args.mentions)
        if args.origin_at is not None and args.origin_at >= series.span:
            raise UsageError(f"--origin-at is past the end of {plain(args.mentions)}")
        outcome = fit.fit_mentions(series, scenario, args.kernel, args.origin_at)
        print(fit.outcome_text(outcome, plain(args.mentions)) + "\n")
        if source is None:
            print(fit.snippet(outcome))
            return EXIT_OK
        text = fit.fitted_file(source, outcome)
    except (fit.SeriesError, fit.RewriteError) as err:
        raise InputError(str(err)) from None
    target = args.out or str(source)
    write_output(target, text)
    print(fit.written_text(target, outcome))
    fitted = load_scenario(target)
    if args.check:
        print(fit.check_text(fit.check_ignore(fitted, series, args.check), series))
    if args.bootstrap:
        intervals = fit.bootstrap(outcome, fitted, args.bootstrap)
        print(fit.bootstrap_text(intervals, args.bootstrap))
    return EXIT_OK


def _crisis_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario", nargs="?", help="a scenario file or a shipped id")
    p.add_argument("--seed", type=seed_arg, default=1, help="0 to 2^63-1 (default 1)")
    p.add_argument("--code", help="a drill code (instead of SCENARIO --seed)")


def _store_args(p: argparse.ArgumentParser, top: bool = False) -> None:
    """--db (and the hidden --data-dir), before or after the sub-command."""
    default = None if top else argparse.SUPPRESS  # a sub-command must not reset the top's value
    p.add_argument(
        "--db",
        default=default,
        help="a SQLite file or postgresql://... (default: $CRISIS_DRILL_DB, "
        "else drills.sqlite3 in the data folder)",
    )
    p.add_argument("--data-dir", default=default, help=argparse.SUPPRESS)
    p.add_argument(
        "--wait",
        type=wait_arg,
        default=default,
        metavar="SECONDS",
        help=f"how long a write waits for a store another program is writing (default: "
        f"${WAIT_ENV}, else 30)",
    )
    p.add_argument(
        "--debug",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="on an internal error, show its traceback",
    )


class Parser(argparse.ArgumentParser):
    """argparse, with its errors on one line (the usage is one `--help` away)."""

    def error(self, message: str) -> "NoReturn":
        self.exit(EXIT_USAGE, f"crisis-drill: {plain(message)} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="crisis-drill",
        description="A terminal flight-simulator for social-media crisis communication.",
    )
    _store_args(parser, top=True)
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", help="play a drill headless and print the result")
    _crisis_args(run)
    run.add_argument("--policy", required=True, help="a policy file (TOML/JSON), expert or ignore")
    run.add_argument("--json", action="store_true", help="print one JSON object")
    run.add_argument("--posts", action="store_true", help="with --json: every post of the drill")
    run.add_argument("--save", action="store_true", help="save the drill in the store")
    run.add_argument("--name", type=name_arg, default="headless", help="who played (with --save)")
    run.add_argument("--team", type=team_arg, default="solo", help="their team (with --save)")
    _store_args(run)
    run.set_defaults(func=cmd_run)

    play_ = sub.add_parser("play", help="open the drill app (on a scenario's briefing)")
    _crisis_args(play_)
    play_.add_argument(
        "--name",
        type=name_arg,
        help="who plays (default: the last typed on home, or your user name)",
    )
    play_.add_argument(
        "--team", type=team_arg, help="their team (default: the last typed on home, or solo)"
    )
    play_.add_argument("--resume", action="store_true", help="continue the unfinished drill")
    play_.add_argument("--session", help="join an instructor's session by its code")
    play_.add_argument("--high-contrast", action="store_true", help="colour-blind-safe theme")
    _store_args(play_)
    play_.set_defaults(func=cmd_play)

    board = sub.add_parser("leaderboard", aliases=["scores"], help="rank finished drills")
    board.add_argument("--code", help="one drill code")
    board.add_argument("--scenario", help="one scenario id")
    board.add_argument("--team", help="one team")
    board.add_argument("--limit", type=limit_arg, default=20)
    board.add_argument("--json", action="store_true")
    _store_args(board)
    board.set_defaults(func=cmd_leaderboard)

    compare = sub.add_parser("compare", help="two stored drills side by side")
    compare.add_argument("a", type=drill_id_arg, help="a drill id")
    compare.add_argument("b", type=drill_id_arg, help="another drill id")
    compare.add_argument("--json", action="store_true")
    _store_args(compare)
    compare.set_defaults(func=cmd_compare)

    export = sub.add_parser("export", help="write finished drills as JSON Lines or CSV")
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.add_argument("-o", "--output", help="write to this file (default: standard output)")
    _store_args(export)
    export.set_defaults(func=cmd_export)

    import_ = sub.add_parser("import", help="add drills from a JSON Lines export, replaying each")
    import_.add_argument("file")
    _store_args(import_)
    import_.set_defaults(func=cmd_import)

    verify = sub.add_parser("verify", help="replay every stored drill and check its scorecard")
    _store_args(verify)
    verify.set_defaults(func=cmd_verify)

    report = sub.add_parser("report", help="an after-action report of a drill (Markdown/HTML)")
    report.add_argument("drill", help="a stored drill id, or a `run --json` file")
    report.add_argument("--format", choices=("md", "html"), default="md")
    report.add_argument("-o", "--output", help="write to this file (default: standard output)")
    report.add_argument("--scenario", help="the scenario file, if it is not a shipped one")
    _store_args(report)
    report.set_defaults(func=cmd_report)

    fit = sub.add_parser("fit", help="fit the cascade to a real crisis's mentions (CSV)")
    fit.add_argument("mentions", help="a CSV of timestamp,mentions[,negative] per bin")
    fit.add_argument("--into", help="a scenario to write the fitted cascade into (in place)")
    fit.add_argument("--out", help="write the fitted scenario here instead of over --into")
    fit.add_argument(
        "--kernel",
        choices=("best", "exponential", "seismic"),
        default="best",
        help="reaction-time kernel (default: the better by AIC)",
    )
    fit.add_argument(
        "--origin-at",
        type=duration_arg,
        help="when the crisis starts, after the first row (default: the first bin with mentions)",
    )
    fit.add_argument(
        "--check",
        type=lambda t: _whole(t, 0, 50, "--check"),
        default=3,
        help="ignore runs (seeds) that check the written scenario (0: none; default 3)",
    )
    fit.add_argument(
        "--bootstrap",
        type=lambda t: _whole(t, 0, 1000, "--bootstrap"),
        default=0,
        help="also give 95%% intervals from this many ignore runs of the written scenario, "
        "fitted again (about a second each)",
    )
    fit.set_defaults(func=cmd_fit)

    validate = sub.add_parser("validate", help="check scenario files; one line per problem")
    validate.add_argument("paths", nargs="+", help="scenario files, or folders of them")
    validate.set_defaults(func=cmd_validate)

    preview = sub.add_parser("preview", help="watch a scenario file: problems, timeline, dry run")
    preview.add_argument("file")
    preview.add_argument("--policy", choices=["expert", "ignore"], default="expert")
    preview.add_argument("--seed", type=seed_arg, default=1, help="0 to 2^63-1 (default 1)")
    preview.set_defaults(func=cmd_preview)
    new = sub.add_parser("new", help="write a complete, commented scenario file to edit")
    new.add_argument("id", help='the scenario id: lowercase letters, digits, dashes ("my-drill")')
    new.add_argument(
        "--cluster", default="preventable", help="victim, accidental or preventable (SCCT)"
    )
    new.add_argument("--locale", default="en_US", help="the feed's language (default en_US)")
    new.add_argument("--author", type=name_arg, default="instructor", help="who wrote it")
    new.add_argument("-o", "--output", help="the file to write (default: ID.toml here)")
    new.set_defaults(func=cmd_new)
    calibrate = sub.add_parser(
        "calibrate", help="Monte Carlo rollouts of built-in policies; is the scenario fair?"
    )
    calibrate.add_argument("scenario", help="a scenario file or a shipped id")
    calibrate.add_argument(
        "--runs", type=runs_arg, default=200, help="seeds per policy (default 200)"
    )
    calibrate.add_argument(
        "--workers", type=workers_arg, help="processes on this machine (default: all cores)"
    )
    calibrate.add_argument("--cluster", help="a Dask scheduler, tcp://HOST:PORT (extra: cluster)")
    calibrate.add_argument("--json", action="store_true", help="print one JSON object")
    calibrate.set_defaults(func=cmd_calibrate)
    schema = sub.add_parser("schema", help="print the JSON Schema of scenario files")
    schema.set_defaults(func=cmd_schema)

    from simulator.teams import register

    register(sub, _store_args, _crisis_args)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every error becomes one line on stderr and an exit code (see EXIT_*)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    handler: Callable[[argparse.Namespace], int] = getattr(args, "func", None) or cmd_play
    try:
        return guarded(handler, args)
    except BrokenPipeError:
        quiet_stdout()  # the reader (e.g. `| head`) has stopped: say nothing more
        return EXIT_OK


def guarded(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """The one top-level guard: known errors as their line, anything else as an internal error."""
    from simulator.problems import FileProblems, Refused
    from simulator.store import StoreError

    try:
        return handler(args)
    except (UsageError, StoreError) as err:
        return fail(str(err), EXIT_USAGE)
    except (InputError, Refused) as err:
        return fail(str(err), EXIT_FAILURE)
    except FileProblems as problems:
        for line in problems.lines:
            print(plain(line), file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_FAILURE
    except BrokenPipeError:
        raise
    except Exception as err:  # the guard of last resort
        if args.debug:
            traceback.print_exc()
        first = (str(err).strip().splitlines() or [""])[0][:120]
        return fail(
            f"internal error ({type(err).__name__}: {first}); "
            "run again with --debug for the traceback, and please report it",
            EXIT_INTERNAL,
        )


def fail(message: str, code: int) -> int:
    print(f"crisis-drill: {plain(message)}", file=sys.stderr)
    return code


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
