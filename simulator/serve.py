"""`crisis-drill serve`: the app in the browser through textual-serve, one process per visitor.

Every visitor's process is `crisis-drill play` with the same store (passed in the environment,
so that a PostgreSQL password never shows in a process list). Loopback only, unless `--public`:
the server has no authentication of its own, so a public one belongs behind a reverse proxy
that has (see the README's team set-up and deploy/).
"""

import ipaddress
import os
import shlex
import sys
from pathlib import Path

from simulator.store.store import ENV

PROXY_DOC = "see the README's team set-up and deploy/Caddyfile"


class ServeRefused(Exception):
    """A host that would expose the server without `--public`, or textual-serve missing."""


def is_loopback(host: str) -> bool:
    """Whether `host` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name that may resolve to anything: not loopback


def check_host(host: str, public: bool) -> str | None:
    """The warning to print for a public host, None for loopback; ServeRefused without
    `--public`."""
    if is_loopback(host):
        return None
    if not public:
        raise ServeRefused(
            f"refusing to serve on {host}, which other machines can reach: the server has no "
            "log-in; add --public to do it anyway behind a reverse proxy with authentication"
        )
    return (
        f"warning: serving on {host} without authentication: anyone who reaches it can play and "
        f"write to the store; put it behind a reverse proxy with authentication and give --url the "
        f"address browsers use ({PROXY_DOC})"
    )


def visitor_command(data_dir: Path) -> str:
    """The shell command textual-serve runs for each visitor: each gets a data folder of their
    own under `data_dir` (made by the shell), so that the name one visitor typed is never
    offered to the next (the store is shared through the environment)."""
    python = shlex.quote(sys.executable)
    visitors = shlex.quote(str(data_dir / "visitors"))
    return (
        f"mkdir -p {visitors} && {python} -m simulator play "
        f'--data-dir "$(mktemp -d {visitors}/visitor.XXXXXX)"'
    )


def serve(host: str, port: int, db_url: str, data_dir: Path, url: str | None) -> None:
    """Serve until interrupted (textual-serve prints where)."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise ServeRefused("serve needs textual-serve: pip install 'crisis-drill[web]'") from None
    os.environ[ENV] = db_url  # every visitor's process inherits it
    shown = f"[{host}]" if ":" in host else host
    server = Server(
        visitor_command(data_dir),
        host=host,
        port=port,
        title="crisis-drill",
        public_url=url or f"http://{shown}:{port}",
    )
    server.serve()
