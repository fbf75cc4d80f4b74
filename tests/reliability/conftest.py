"""The store's fixtures (a fresh store on SQLite and on PostgreSQL) for the fault tests."""

from tests.store.conftest import pg_url, store_url

__all__ = ["pg_url", "store_url"]
