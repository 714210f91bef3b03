"""The whole app on a real port (sandbox mounted, requests to it counted) and a browser-like
client that walks the OAuth consent: connect -> consent page -> Approve/Deny -> our callback."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx
import pytest

from tests.fixtures.live import LiveApp, LiveServer
from tests.fixtures.oauth import ConsentForm

PASSWORD = "correct horse battery"


@dataclass
class Flow:
    """How one consent went: the callback URL the platform sent us to and where we landed."""

    callback_url: str
    final: httpx.URL

    @property
    def query(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(urlsplit(str(self.final)).query).items()}

    @property
    def account_id(self) -> str:
        assert "connected" in self.query, f"not connected: {self.final}"
        return self.query["connected"]


@dataclass
class Live(LiveApp):
    bodies: list[str] = field(default_factory=list)  # every API answer, to look for tokens

    def api(self, method: str, path: str, who: dict[str, Any] | None = None, **kw: Any) -> Any:
        headers = who["headers"] if who else {}
        response = self.http.request(method, path, headers=headers, **kw)
        self.bodies.append(response.text)
        return response

    def user(self) -> dict[str, Any]:
        email = f"acc-{uuid.uuid4().hex[:8]}@example.com"
        r = self.api(
            "POST",
            "/api/auth/register",
            json={"email": email, "password": PASSWORD, "full_name": "Account Tester"},
        )
        assert r.status_code == 201, r.text
        data: dict[str, Any] = r.json()
        data["headers"] = {"Authorization": f"Bearer {data['access_token']}"}
        return data

    def authorization_url(
        self, who: dict[str, Any], platform: str, account_id: str | None = None
    ) -> str:
        body: dict[str, Any] = {"platform": platform}
        if account_id:
            body["account_id"] = account_id
        r = self.api("POST", "/api/social-accounts/connect", who, json=body)
        assert r.status_code == 200, r.text
        url: str = r.json()["authorization_url"]
        return url

    def decide(self, auth_url: str, username: str | None, approve: bool) -> str:
        """Open the consent page, submit it; returns the platform's redirect to our callback."""
        page = self.http.get(auth_url)
        assert page.status_code == 200, page.text[:500]
        assert "text/html" in page.headers["content-type"]
        form = ConsentForm()
        form.feed(page.text)
        assert form.action, "no consent form"
        data = dict(form.fields)
        if username:
            data["username"] = username
        data["decision"] = "approve" if approve else "deny"
        answer = self.http.post(urljoin(str(page.url), form.action), data=data)
        assert answer.status_code in (302, 303), answer.text[:500]
        location = urljoin(str(answer.url), answer.headers["location"]).split("#")[0]
        assert urlsplit(location).path == "/api/social-accounts/callback", location
        return location

    def land(self, callback_url: str) -> httpx.URL:
        """Follow our callback's redirect to the dashboard (not fetched: it is the SPA)."""
        r = self.http.get(callback_url)
        assert r.status_code == 302, r.text[:500]
        assert r.headers["cache-control"] == "no-store"
        target = httpx.URL(r.headers["location"])
        assert str(target).startswith(f"{self.base_url}/platforms?"), target
        return target

    def connect(
        self,
        who: dict[str, Any],
        platform: str,
        username: str | None = None,
        approve: bool = True,
        account_id: str | None = None,
    ) -> Flow:
        auth_url = self.authorization_url(who, platform, account_id)
        callback = self.decide(auth_url, username, approve)
        return Flow(callback, self.land(callback))


@pytest.fixture(scope="module")
def live_settings() -> dict[str, Any]:
    return {"platform_timeout_seconds": 10.0}


@pytest.fixture
def live(live_server: LiveServer) -> Iterator[Live]:
    """The app served on a loopback port whose PUBLIC_URL is that port (redirect URIs match)."""
    with live_server.test(Live) as live:
        yield live
