"""Fixtures: a migrated database per test run (SQLite, or PostgreSQL with TEST_DATABASE_URL),
emptied after each test; settings in a temp DATA_DIR; an API client; users with tokens."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from socialflow.app import create_app
from socialflow.core import migrate
from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.core.db import Database, make_engine
from tests.fixtures.clock import FixedClock
from tests.fixtures.database import empty, settings_for
from tests.fixtures.jobs import ManualRunner
from tests.fixtures.live import LiveServer, start_live_server

PG_URL = os.environ.get("TEST_DATABASE_URL")


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _admin(sql: str) -> None:
    assert PG_URL
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(sql))
    admin.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Migrated once per run; tests share it and it is emptied after each test.

    On PostgreSQL each run (and each xdist worker) gets a database of its own, dropped at the
    end, so parallel runs on one server never touch each other's data.
    """
    name = f"sf_test_{_worker()}_{os.getpid()}"
    if PG_URL:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _admin(f'CREATE DATABASE "{name}"')
        url = PG_URL.rsplit("/", 1)[0] + f"/{name}"
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    yield url
    if PG_URL:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return settings_for(tmp_path / "data", database_url)


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = Database(settings)
    yield database
    empty(database)
    database.dispose()


@pytest.fixture(scope="module")
def live_settings() -> dict[str, Any]:
    """Settings the module's live server runs with; a package's conftest overrides this."""
    return {}


@pytest.fixture(scope="module")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, database_url: str, live_settings: dict[str, Any]
) -> Iterator[LiveServer]:
    """The app on a loopback port, once per module (tests/fixtures/live.py). A test takes it
    through its package's `live` fixture, which resets it after the test."""
    settings = settings_for(tmp_path_factory.mktemp("live") / "data", database_url)
    with start_live_server(settings, **live_settings) as server:
        yield server


@pytest.fixture
def ctx(settings: Settings, db: Database) -> AppContext:
    context = AppContext.build(settings, db)
    context.extras["runner"] = ManualRunner(context)
    return context


@pytest.fixture
def clock(ctx: AppContext) -> FixedClock:
    """The app's "now" for users' dates (AppContext.clock) pinned at tests.fixtures.clock.PINNED.

    For tests whose assertions depend on the date: scheduling, usage months, analytics days.
    """
    fixed = FixedClock()
    ctx.clock = fixed
    return fixed


@pytest.fixture
def runner(ctx: AppContext) -> ManualRunner:
    """Jobs enqueued by requests wait here until the test runs them with `drain()`."""
    manual: ManualRunner = ctx.extras["runner"]
    return manual


@pytest.fixture
def client(ctx: AppContext) -> Iterator[TestClient]:
    with TestClient(create_app(ctx=ctx, start_jobs=False)) as test_client:
        yield test_client


@pytest.fixture
def register(client: TestClient) -> Callable[..., dict[str, Any]]:
    """Register a user through the API; returns the login answer (tokens and user)."""

    def _register(
        email: str | None = None, password: str = "correct horse battery"
    ) -> dict[str, Any]:
        email = email or f"user-{uuid.uuid4().hex[:8]}@example.com"
        response = client.post(
            "/api/auth/register",
            json={"email": email, "password": password, "full_name": "Test User"},
        )
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        body["password"] = password
        return body

    return _register


@pytest.fixture
def auth_headers(register: Callable[..., dict[str, Any]]) -> dict[str, str]:
    return {"Authorization": f"Bearer {register()['access_token']}"}
