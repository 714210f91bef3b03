"""The app served on a real port (sandbox included), with users who connected sandbox accounts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.fixtures.live import LiveApp, LiveServer
from tests.fixtures.oauth import connected_id, consent


@dataclass
class Live(LiveApp):
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


@pytest.fixture(scope="module")
def live_settings() -> dict[str, Any]:
    """Short timeouts and retries: faults play out in milliseconds."""
    return {
        "platform_timeout_seconds": 3.0,
        "retry_base_seconds": 0.01,
        "retry_cap_seconds": 0.05,
        "reconcile_delays": [0.0, 0.0, 0.0],
    }


@pytest.fixture
def live(live_server: LiveServer) -> Iterator[Live]:
    with live_server.test(Live) as live:
        yield live


MakeUser = Callable[..., dict[str, Any]]
