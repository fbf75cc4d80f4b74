"""The two databases behind the store: SQLite (a file, the default) and PostgreSQL (a URL).

Both take SQL written with `?` placeholders and run it in autocommit mode unless inside
`transaction()`; `{pk}` in DDL becomes each backend's auto-numbered primary key. Every database
error leaves as a one-line `StoreError`; a write that finds the store locked by another program
says so through `on_wait` (once, after `NOTICE_AFTER_S`) and gives up after `wait` seconds.
"""

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

DEFAULT_WAIT_S = 30.0  # how long a write waits for another program's write to finish
NOTICE_AFTER_S = 0.5  # a wait longer than this is shown (on_wait)
BATCH = 200  # rows fetched at a time when a query is streamed

Notice = Callable[[str], None]


class StoreError(Exception):
    """The store cannot be opened or used; the message says why in one line."""


class Backend(Protocol):
    name: str
    PK: str  # the DDL of an auto-numbered primary key
    where: str  # how messages name the store

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]: ...
    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple]: ...
    def transaction(self) -> Any: ...
    def tables(self) -> set[str]: ...
    def columns(self, table: str) -> set[str]: ...
    def typed(self, column: str, kind: str) -> str: ...
    def created(self) -> None: ...
    def close(self) -> None: ...


@contextmanager
def noticed(wait: float, on_wait: Notice | None, where: str) -> Iterator[None]:
    """Tell `on_wait` once when what runs inside takes longer than NOTICE_AFTER_S (a lock)."""
    if on_wait is None:
        yield
        return
    message = f"waiting for the store {where}: another program is writing it (up to {wait:g} s)…"
    timer = threading.Timer(NOTICE_AFTER_S, on_wait, (message,))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def locked(where: str, wait: float) -> StoreError:
    return StoreError(
        f"the store {where} is locked by another program (waited {wait:g} s): "
        "try again when it is done, or wait longer with --wait SECONDS"
    )


class SQLite:
    name = "sqlite"
    PK = "INTEGER PRIMARY KEY"

    def __init__(self, path: Path, wait: float, on_wait: Notice | None) -> None:
        self.path, self.wait, self.on_wait = path, wait, on_wait
        self.where, self.doing = str(path), "read"  # "write" inside a transaction
        if path.is_dir():
            raise StoreError(f"cannot open the store {path}: it is a folder (name a file)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(path, timeout=wait, isolation_level=None)
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("SELECT count(*) FROM sqlite_master")  # a garbled file fails here
        except OSError as err:
            raise StoreError(f"cannot open the store {path}: {err.strerror or err}") from None
        except sqlite3.Error as err:
            raise self._error(err, "open") from None

    def _error(self, err: sqlite3.Error, doing: str) -> StoreError:
        """A database error in words (read-only, full, locked, damaged) naming the store."""
        text = str(err)
        if "locked" in text or "busy" in text:
            return locked(self.where, self.wait)
        if "readonly" in text or "read-only" in text:
            return StoreError(
                f"cannot {doing} the store {self.where}: it is read-only (the file, or its "
                "folder, which must be writable for the store's log); nothing was changed"
            )
        if "full" in text:
            return StoreError(
                f"cannot write the store {self.where}: the disk (or the store's size limit) is "
                "full; nothing more was saved, what was saved before is kept"
            )
        if "not a database" in text or "malformed" in text:
            return StoreError(f"the store {self.where} is not a SQLite database or is damaged")
        if "unable to open" in text:
            return StoreError(f"cannot {doing} the store {self.where}: unable to open the file")
        return StoreError(f"cannot {doing} the store {self.where}: {text}")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        try:
            return self.conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as err:
            raise self._error(err, self.doing) from None

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple]:
        """The rows of a query, BATCH at a time (the whole result is never held)."""
        try:
            cursor = self.conn.execute(sql, tuple(params))
            while batch := cursor.fetchmany(BATCH):
                yield from batch
        except sqlite3.Error as err:
            raise self._error(err, "read") from None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.doing = "write"
        try:
            with noticed(self.wait, self.on_wait, self.where):
                self.execute("BEGIN IMMEDIATE")  # take the write lock now: no upgrade deadlocks
            yield
            self.conn.execute("COMMIT")
        except BaseException as err:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(err, sqlite3.Error):  # the commit
                raise self._error(err, "write") from None
            raise
        finally:
            self.doing = "read"

    def tables(self) -> set[str]:
        rows = self.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        return {name for (name,) in rows}

    def columns(self, table: str) -> set[str]:
        return {name for (name,) in self.execute("SELECT name FROM pragma_table_info(?)", (table,))}

    def typed(self, column: str, kind: str) -> str:
        """SQL true when `column` holds a `kind` ("number" or "text"): SQLite keeps any value
        in any column, so an edit can put text in a score or a blob in a name."""
        return f"typeof({column}) " + ("IN ('integer', 'real')" if kind == "number" else "= 'text'")

    def created(self) -> None:
        """A new store: write-ahead logging, so that readers never wait for a writer."""
        self.execute("PRAGMA journal_mode=WAL")

    def close(self) -> None:
        self.conn.close()


class Postgres:
    name = "postgresql"
    PK = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
    where = "on the PostgreSQL server"

    def __init__(self, url: str, wait: float, on_wait: Notice | None) -> None:
        try:
            import psycopg
        except ImportError:
            raise StoreError(
                "a PostgreSQL store needs psycopg: pip install 'crisis-drill[postgres]'"
            ) from None
        self.psycopg, self.wait, self.on_wait = psycopg, wait, on_wait
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as err:
            raise StoreError(f"cannot reach the PostgreSQL store: {_first_line(err)}") from None
        self.execute(f"SET lock_timeout = {max(1, int(wait * 1000))}")  # 0 would be none

    def _error(self, err: Exception) -> StoreError:
        if isinstance(err, self.psycopg.errors.LockNotAvailable):
            return locked(self.where, self.wait)
        if isinstance(err, self.psycopg.errors.ReadOnlySqlTransaction):
            return StoreError("cannot write the PostgreSQL store: it is read-only")
        if isinstance(err, self.psycopg.errors.DiskFull):
            return StoreError(
                "cannot write the PostgreSQL store: the server's disk is full; nothing more was "
                "saved, what was saved before is kept"
            )
        return StoreError(f"the PostgreSQL store: {_first_line(err)}")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        try:
            cur = self.conn.execute(sql.replace("?", "%s"), tuple(params))
            return cur.fetchall() if cur.description is not None else []
        except self.psycopg.Error as err:
            raise self._error(err) from None

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple]:
        """The rows of a query through a server-side cursor, BATCH at a time."""
        try:
            with self.conn.transaction(), self.conn.cursor(name="crisis_drill_stream") as cur:
                cur.execute(sql.replace("?", "%s"), tuple(params))
                while batch := cur.fetchmany(BATCH):
                    yield from batch
        except self.psycopg.Error as err:
            raise self._error(err) from None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with noticed(self.wait, self.on_wait, self.where), self.conn.transaction():
                yield
        except self.psycopg.Error as err:
            raise self._error(err) from None

    def tables(self) -> set[str]:
        rows = self.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
        return {name for (name,) in rows}

    def columns(self, table: str) -> set[str]:
        rows = self.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ?",
            (table,),
        )
        return {name for (name,) in rows}

    def typed(self, column: str, kind: str) -> str:
        """SQL true when `column` holds a `kind`: its declared type, unless NULL."""
        return f"{column} IS NOT NULL"

    def created(self) -> None:
        """Nothing to set for a new store on PostgreSQL."""

    def close(self) -> None:
        self.conn.close()


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def connect(url: str, wait: float = DEFAULT_WAIT_S, on_wait: Notice | None = None) -> Backend:
    """`postgresql://...` (or `postgres://`), `sqlite:///path`, or a plain file path."""
    if url.startswith(("postgresql://", "postgres://")):
        return Postgres(url, wait, on_wait)
    if url.startswith("sqlite:///"):
        return SQLite(Path(url.removeprefix("sqlite:///")), wait, on_wait)
    if "://" in url:
        raise StoreError(f'unknown store URL "{url}" (use a file path or postgresql://...)')
    return SQLite(Path(url).expanduser(), wait, on_wait)
