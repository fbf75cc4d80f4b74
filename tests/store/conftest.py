"""The store's tests run on SQLite and on a real PostgreSQL server (CRISIS_DRILL_TEST_PG)."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest

from simulator.engine.runner import play
from simulator.policies import policy_steps
from simulator.scoring import Scored, score
from simulator.store import DrillRecord, Store, make_code
from tests.conftest import shipped

PG_ENV = "CRISIS_DRILL_TEST_PG"  # a postgresql:// URL; .ci/run starts a server and sets it


def postgres_url() -> str:
    """The test server's URL; under CI=true a missing server fails instead of skipping."""
    url = os.environ.get(PG_ENV)
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(f"{PG_ENV} is not set: .ci/run must start PostgreSQL for the store tests")
    pytest.skip(f"no PostgreSQL server ({PG_ENV} unset)")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store: a SQLite file in tmp_path, or a new schema on the server."""
    if request.param == "sqlite":
        yield str(tmp_path / "drills.sqlite3")
        return
    with pg_schema() as url:
        yield url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty schema on the PostgreSQL test server, as a store URL."""
    with pg_schema() as url:
        yield url


@contextmanager
def pg_schema() -> Iterator[str]:
    import psycopg

    base = postgres_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as opened:
        yield opened


def finished(scenario: str, seed: int, policy: str, name: str, team: str) -> "DrillRecord":
    """A finished, scored record of a named policy (the scoring is cached per drill)."""
    record = DrillRecord.start(make_code(shipped(scenario), seed), name, team)
    record.finish(_scored(scenario, seed, policy))
    return record


@cache
def _scored(scenario: str, seed: int, policy: str) -> Scored:
    s = shipped(scenario)
    steps = policy_steps(s, policy, seed)
    return score(s, seed, play(s, seed, steps).applied)
