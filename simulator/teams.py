"""The command line of training at scale: `serve` and `session new|watch|pause|resume|release|
end|debrief|export`. cli.py registers them; their work is here."""

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from simulator.cli import (
    EXIT_OK,
    InputError,
    UsageError,
    crisis,
    data_dir,
    library,
    store_from,
    write_output,
)
from simulator.plain import plain

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario
    from simulator.session import sessions
    from simulator.store import DrillCode, Store


def cmd_serve(args: argparse.Namespace) -> int:
    from simulator.serve import ServeRefused, check_host, serve
    from simulator.store import default_url

    try:
        warning = check_host(args.host, args.public)
    except ServeRefused as err:
        raise UsageError(str(err)) from None
    if warning:
        print(f"crisis-drill: {warning}", file=sys.stderr)
    url = args.db or default_url(data_dir(args))
    with store_from(args):  # the store opens (and migrates) once, before any visitor
        pass
    try:
        serve(args.host, args.port, url, data_dir(args), args.url)
    except ServeRefused as err:
        raise UsageError(str(err)) from None
    except OSError as err:
        raise UsageError(
            f"cannot serve on {args.host}:{args.port}: {err.strerror or err}"
        ) from None
    return EXIT_OK


def _session(store: "Store", code: str) -> "sessions.Session":
    from simulator.session import sessions

    try:
        return sessions.load(store, code)
    except sessions.SessionError as err:
        raise UsageError(str(err)) from None


def _scenario(session: "sessions.Session") -> "tuple[Scenario, DrillCode]":
    from simulator.store import CodeError, resolve_code

    try:
        return resolve_code(session.drill_code, library())
    except CodeError as err:
        raise InputError(f"session {session.code}: {err}") from None


def cmd_session_new(args: argparse.Namespace) -> int:
    from simulator.session import sessions

    _, _, code = crisis(args)
    with store_from(args) as store:
        session = sessions.create(store, str(code))
    if args.json:
        print(json.dumps({"session": session.code, "code": session.drill_code}))
    else:
        print(session.code)
        print(
            f"drill code {session.drill_code}: trainees type {session.code} in home's code field "
            f"(or run crisis-drill play --session {session.code}); watch with "
            f"crisis-drill session watch {session.code}",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_session_watch(args: argparse.Namespace) -> int:

    from simulator.tui.screens.session import SessionApp

    store = store_from(args)
    try:
        session = _session(store, args.session)
        scenario, _ = _scenario(session)
        SessionApp(store, session, scenario).run()
    finally:
        store.close()
    return EXIT_OK


def cmd_session_state(args: argparse.Namespace) -> int:
    """pause, resume, end, release INJECT: the instructor's controls without the screen."""
    from simulator.session import sessions

    with store_from(args) as store:
        session = _session(store, args.session)
        try:
            if args.control == "release":
                scenario, _ = _scenario(session)
                timed = [i.id for i in scenario.injects if i.at is not None]
                if args.inject not in timed:
                    raise UsageError(
                        f'no timed inject "{plain(args.inject)[:40]}" in {scenario.id} '
                        f"(timed: {', '.join(timed) or 'none'})"
                    )
                session = sessions.release(store, session.code, args.inject)
            else:
                state = {"pause": "paused", "resume": "open", "end": "ended"}[args.control]
                session = sessions.set_state(store, session.code, state)
        except sessions.SessionError as err:
            raise UsageError(str(err)) from None
    print(f"session {session.code}: {session.state}" + (
        f", released {', '.join(session.released)}" if session.released else ""
    ))  # fmt: skip
    return EXIT_OK


def cmd_session_debrief(args: argparse.Namespace) -> int:
    """The group debrief (md, html) or the LMS export (csv) of a session."""
    from simulator.session import sessions
    from simulator.session.debrief import group_debrief
    from simulator.session.render import to_csv, to_html, to_markdown

    with store_from(args) as store:
        session = _session(store, args.session)
        if args.format == "csv":
            text = to_csv(session.code, sessions.trainees(store, session.code))
        else:
            scenario, code = _scenario(session)
            drills = sessions.finished(store, session.code)
            try:
                debrief = group_debrief(
                    session.code, session.drill_code, scenario, code.seed, drills
                )
            except ValueError as err:
                raise InputError(f"session {session.code}: {err}") from None
            text = to_html(debrief) if args.format == "html" else to_markdown(debrief)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_output(args.output, text)
        print(f"wrote {plain(args.output)}", file=sys.stderr)
    return EXIT_OK


def register(sub: Any, store_args: Any, crisis_args: Any) -> None:
    """Add `serve` and `session` to the command line."""
    serve = sub.add_parser("serve", help="serve the app in the browser (textual-serve)")
    serve.add_argument("--host", default="127.0.0.1", help="default 127.0.0.1 (this machine)")
    serve.add_argument("--port", type=_port, default=8000)
    serve.add_argument("--public", action="store_true", help="allow a host others can reach")
    serve.add_argument(
        "--url", help="the address browsers use, behind a proxy (e.g. https://drill.example.org)"
    )
    store_args(serve)
    serve.set_defaults(func=cmd_serve)

    session = sub.add_parser("session", help="an instructor's session: new, watch, debrief")
    verbs = session.add_subparsers(dest="verb", required=True)
    new = verbs.add_parser("new", help="open a session on a scenario; prints its code")
    crisis_args(new)
    new.add_argument("--json", action="store_true")
    store_args(new)
    new.set_defaults(func=cmd_session_new)
    watch = verbs.add_parser("watch", help="every trainee live; pause, release, end")
    watch.add_argument("session", help="the session code")
    store_args(watch)
    watch.set_defaults(func=cmd_session_watch)
    for control, text in (
        ("pause", "pause every trainee's clock"),
        ("resume", "start the clocks again"),
        ("end", "end the session: every drill runs to its end"),
        ("release", "release a timed inject to every trainee now"),
    ):
        p = verbs.add_parser(control, help=text)
        p.add_argument("session", help="the session code")
        if control == "release":
            p.add_argument("inject", help="the inject's id")
        store_args(p)
        p.set_defaults(func=cmd_session_state, control=control)
    debrief = verbs.add_parser("debrief", help="the group debrief (md, html) or LMS CSV")
    debrief.add_argument("session", help="the session code")
    debrief.add_argument("--format", choices=("md", "html", "csv"), default="md")
    debrief.add_argument("-o", "--output", help="write to this file (default: standard output)")
    store_args(debrief)
    debrief.set_defaults(func=cmd_session_debrief)


def _port(text: str) -> int:
    from simulator.cli import _whole

    return _whole(text, 1, 65535, "a port")


def join_session(args: argparse.Namespace, store: "Store") -> "sessions.Session | None":
    """`play --session CODE`: the session to join (a usage error names an unknown one)."""
    return _session(store, args.session) if getattr(args, "session", None) else None
