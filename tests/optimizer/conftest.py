"""The Anthropic fake served over real HTTP, users on a plan, and posts made with the ORM."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.models import PlatformPost, Post, User, Workspace
from socialflow.sandbox.app import create_sandbox_app
from tests.fixtures.servers import serve_app


@dataclass
class Fake:
    """The Anthropic Messages API fake at `base_url`, with its admin endpoints."""

    base_url: str
    # httpx's default 5 s timed these admin calls out on a loaded machine (tests in parallel).
    timeout: float = 30.0

    def requests(self) -> list[dict[str, Any]]:
        r = httpx.get(f"{self.base_url}/_admin/requests", timeout=self.timeout)
        return r.json()  # type: ignore[no-any-return]

    def fault(self, kind: str, times: int = 1, seconds: float = 0.0) -> None:
        response = httpx.post(
            f"{self.base_url}/_admin/faults",
            json={"kind": kind, "times": times, "seconds": seconds},
            timeout=self.timeout,
        )
        assert response.status_code == 201, response.text


@pytest.fixture
def fake(settings: Settings) -> Iterator[Fake]:
    """The fake on a loopback port, and the app's settings pointed at it with a key."""
    with serve_app(create_sandbox_app(settings)) as url:
        settings.anthropic_api_key = "sk-test-" + uuid.uuid4().hex
        settings.anthropic_base_url = f"{url}/anthropic"
        # Generous: at 5 s a loaded machine made the SDK time out and retry (a third request
        # where a test counts two). Tests of timeouts set their own.
        settings.anthropic_timeout_seconds = 30.0
        yield Fake(f"{url}/anthropic")


@pytest.fixture
def user_on(
    ctx: AppContext, register: Callable[..., dict[str, Any]]
) -> Callable[[str], tuple[uuid.UUID, dict[str, str]]]:
    """A registered user on `plan` (free, starter, pro, business): (id, auth headers)."""

    def _make(
        plan: str = "starter", brand_voice: str | None = None
    ) -> tuple[uuid.UUID, dict[str, str]]:
        login = register()
        user_id = uuid.UUID(login["user"]["id"])
        with ctx.db.session() as session:
            user = session.get(User, user_id)
            workspace = session.get(Workspace, user_id)  # the personal workspace
            assert user is not None and workspace is not None
            workspace.subscription_tier = plan
            workspace.subscription_status = "active" if plan != "free" else "inactive"
            user.brand_voice = brand_voice
        return user_id, {"Authorization": f"Bearer {login['access_token']}"}

    return _make


@pytest.fixture
def make_post(ctx: AppContext) -> Callable[..., tuple[uuid.UUID, dict[str, uuid.UUID]]]:
    """A draft post with one variant per platform in a workspace (a user's id: their personal
    one), rows made with the ORM, not the posts API."""

    def _make(
        workspace_id: uuid.UUID, content: str, platforms: list[str], **row_fields: Any
    ) -> tuple[uuid.UUID, dict[str, uuid.UUID]]:
        with ctx.db.session() as session:
            post = Post(workspace_id=workspace_id, content=content, platforms=platforms)
            session.add(post)
            session.flush()
            rows = {}
            for platform in platforms:
                row = PlatformPost(
                    post_id=post.id,
                    workspace_id=workspace_id,
                    platform=platform,
                    content=content,
                    **row_fields.get(platform, {}),
                )
                session.add(row)
                session.flush()
                rows[platform] = row.id
            return post.id, rows

    return _make
