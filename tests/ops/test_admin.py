"""`socialflow create-admin`: creates or promotes; the password never travels as an argument."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from socialflow import cli
from socialflow.core.config import Settings, get_settings
from socialflow.core.db import Database
from socialflow.models import User

PASSWORD = "admin horse battery staple"


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The CLI reads its settings from the environment: point it at the test database."""
    monkeypatch.setenv("DATABASE_URL", settings.sqlalchemy_url)
    monkeypatch.setenv("DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("SECRET_KEY", settings.signing_key)
    monkeypatch.delenv("REDIS_URL", raising=False)
    get_settings.cache_clear()
    # The command configures logging to stderr, which is pytest's capture here and closes
    # after the test: put the root logger back so later tests don't write to a closed file.
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    access = logging.getLogger("uvicorn.access").disabled
    yield
    root.handlers[:], root.level = handlers, level
    logging.getLogger("uvicorn.access").disabled = access
    get_settings.cache_clear()


def _run(monkeypatch: pytest.MonkeyPatch, stdin: str, *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return cli.main(["create-admin", *args])


def _user(db: Database, email: str) -> User | None:
    with db.read_sessions() as s:
        return s.scalar(select(User).where(User.email == email))


def _login(client: TestClient, email: str, password: str) -> int:
    r = client.post("/api/auth/login", json={"email": email, "password": password})
    return r.status_code


def test_creates_an_admin_who_can_log_in(
    env: None, db: Database, client: TestClient, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    code = _run(monkeypatch, PASSWORD + "\n", "--email", " Boss@Example.com ", "--password-stdin")
    assert code == 0
    assert "created administrator boss@example.com" in capsys.readouterr().out
    user = _user(db, "boss@example.com")
    assert user is not None and user.is_admin and user.email_verified
    assert PASSWORD not in user.password_hash
    assert _login(client, "boss@example.com", PASSWORD) == 200


def test_promotes_an_existing_user_keeping_her_password(
    env: None,
    db: Database,
    client: TestClient,
    register: Callable[..., dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    who = register("ann@example.com")
    assert not who["user"].get("is_admin", False)
    code = _run(monkeypatch, "", "--email", "ann@example.com")  # no tty, no stdin flag
    assert code == 0
    assert "ann@example.com is now an administrator" in capsys.readouterr().out
    user = _user(db, "ann@example.com")
    assert user is not None and user.is_admin
    assert _login(client, "ann@example.com", who["password"]) == 200
    # Run again with a new password: still one user, the new password works.
    assert _run(monkeypatch, PASSWORD + "\n", "--email", "ann@example.com", "--password-stdin") == 0
    assert _login(client, "ann@example.com", PASSWORD) == 200
    assert _login(client, "ann@example.com", who["password"]) == 401
    with db.read_sessions() as s:
        assert len(s.scalars(select(User).where(User.email == "ann@example.com")).all()) == 1


def test_bad_input_is_refused_and_creates_nothing(
    env: None, db: Database, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    assert _run(monkeypatch, "short\n", "--email", "new@example.com", "--password-stdin") == 2
    assert "password must be at least 10 characters" in capsys.readouterr().err
    assert _run(monkeypatch, PASSWORD + "\n", "--email", "not-an-address", "--password-stdin") == 2
    assert "--email" in capsys.readouterr().err
    assert _run(monkeypatch, "", "--email", "new@example.com") == 2
    assert "a password is needed" in capsys.readouterr().err
    assert _user(db, "new@example.com") is None


def test_the_password_is_never_an_argument(env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit) as exit_:
        _run(monkeypatch, "", "--email", "x@example.com", "--password", PASSWORD)
    assert exit_.value.code == 2
