"""Issue 21.6: two tabs of one browser refreshing at once stay logged in; a replay does not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from socialflow.core.clock import as_utc
from socialflow.core.context import AppContext
from socialflow.core.security import token_hash
from socialflow.models import RefreshToken

BINDING = {"X-Refresh-Binding": "tab-binding-0123456789abcdef"}


def _refresh(client: TestClient, token: str, headers: dict[str, str] | None = None) -> Any:
    return client.post("/api/auth/refresh", json={"refresh_token": token}, headers=headers or {})


def test_the_same_browser_presenting_a_just_rotated_token_gets_the_same_successor(
    client: TestClient, register: Callable[..., dict[str, Any]]
) -> None:
    first = register()["refresh_token"]
    tab_a = _refresh(client, first, BINDING)
    tab_b = _refresh(client, first, BINDING)  # the second tab, same cookie, a moment later
    assert tab_a.status_code == 200, tab_a.text
    assert tab_b.status_code == 200, tab_b.text
    assert tab_b.json()["refresh_token"] == tab_a.json()["refresh_token"]
    # The session lives on: the successor rotates normally.
    assert _refresh(client, tab_a.json()["refresh_token"], BINDING).status_code == 200


def test_without_the_browser_binding_a_replay_still_revokes_the_family(
    client: TestClient, register: Callable[..., dict[str, Any]]
) -> None:
    other = {"X-Refresh-Binding": "someone-else-0123456789abcdef"}
    for headers in ({}, other):
        first = register()["refresh_token"]
        second = _refresh(client, first, BINDING).json()["refresh_token"]
        reused = _refresh(client, first, headers)
        assert reused.status_code == 401
        assert reused.json()["error"]["code"] == "refresh_token_reused"
        assert _refresh(client, second, BINDING).status_code == 401  # the family is gone


def test_after_the_grace_window_a_replay_revokes_the_family(
    client: TestClient, register: Callable[..., dict[str, Any]], ctx: AppContext
) -> None:
    first = register()["refresh_token"]
    second = _refresh(client, first, BINDING).json()["refresh_token"]
    # The window is measured from when the token was rotated: move that back instead of waiting.
    with ctx.db.session() as session:
        row = session.scalar(
            select(RefreshToken).where(RefreshToken.token_hash == token_hash(first))
        )
        assert row is not None and row.used_at is not None
        row.used_at = as_utc(row.used_at) - timedelta(seconds=11)
        session.commit()
    reused = _refresh(client, first, BINDING)
    assert reused.status_code == 401
    assert reused.json()["error"]["code"] == "refresh_token_reused"
    assert _refresh(client, second, BINDING).status_code == 401
