"""The teams tests reuse the store's SQLite/PostgreSQL fixture."""

from tests.store.conftest import store, store_url  # noqa: F401 (fixtures)
