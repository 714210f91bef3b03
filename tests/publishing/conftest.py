"""The app served on a real port (sandbox included), with users who connected sandbox accounts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from socialflow.app import create_app
from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.core.db import Database
from tests.fixtures.jobs import ManualRunner
from tests.fixtures.oauth import connected_id, consent
from tests.fixtures.servers import free_port, serve_app


@dataclass
class Live:
    base_url: str
    ctx: AppContext
    runner: ManualRunner
    http: httpx.Client
    users: dict[str, dict[str, Any]] = field(default_factory=dict)

    def user(self, email: str) -> dict[str, Any]:
        r = self.http.post(
            "/api/auth/register",
            json={
                "email": email,
                "password": "correct horse battery",
                "full_name": email.split("@")[0],
            },
        )
        r.raise_for_status()
        data: dict[str, Any] = r.json()
        data["headers"] = {"Authorization": f"Bearer {data['access_token']}"}
        data["accounts"] = {}
        self.users[email] = data
        return data

    def connect(self, who: dict[str, Any], platform: str, username: str | None = None) -> str:
        final = consent(self.base_url, who["access_token"], platform, username)
        account_id = connected_id(final)
        who["accounts"][platform] = account_id
        return account_id

    def run(self, rounds: int = 20) -> None:
        """Scheduler ticks and jobs until nothing is left to do now."""
        for _ in range(rounds):
            self.runner.tick("publishing.tick")
            if not self.runner.drain():
                return

    def published(self, platform: str | None = None) -> list[dict[str, Any]]:
        r = self.http.get(
            "/sandbox/_admin/published", params={"platform": platform} if platform else None
        )
        r.raise_for_status()
        result: list[dict[str, Any]] = r.json()
        return result

    def fault(self, platform: str, kind: str, **kw: Any) -> None:
        self.http.post(
            "/sandbox/_admin/faults", json={"platform": platform, "kind": kind, **kw}
        ).raise_for_status()


@pytest.fixture
def live(settings: Settings, db: Database) -> Iterator[Live]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    fast = settings.model_copy(
        update={
            "public_url": base,
            "platform_timeout_seconds": 3.0,
            "retry_base_seconds": 0.01,
            "retry_cap_seconds": 0.05,
            "reconcile_delays": [0.0, 0.0, 0.0],
        }
    )
    ctx = AppContext.build(fast, db)
    runner = ManualRunner(ctx)
    ctx.extras["runner"] = runner
    app = create_app(ctx=ctx, start_jobs=False)
    with serve_app(app, port=port), httpx.Client(base_url=base, timeout=30) as client:
        yield Live(base_url=base, ctx=ctx, runner=runner, http=client)


MakeUser = Callable[..., dict[str, Any]]
