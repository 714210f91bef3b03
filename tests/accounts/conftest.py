"""The whole app on a real port (sandbox mounted, requests to it counted) and a browser-like
client that walks the OAuth consent: connect -> consent page -> Approve/Deny -> our callback."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx
import pytest
from starlette.types import ASGIApp, Receive, Scope, Send

from socialflow.app import create_app
from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.core.db import Database
from socialflow.sandbox.app import create_sandbox_app
from socialflow.sandbox.core import SandboxStore
from tests.fixtures.jobs import ManualRunner
from tests.fixtures.oauth import ConsentForm
from tests.fixtures.servers import free_port, serve_app

PASSWORD = "correct horse battery"


class CountRequests:
    """ASGI middleware on the sandbox: how many requests reached each emulated path."""

    def __init__(self, app: ASGIApp, counter: Counter[str]):
        self.app = app
        self.counter = counter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.counter[f"{scope['method']} {scope['path']}"] += 1
        await self.app(scope, receive, send)


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
class Live:
    base_url: str
    ctx: AppContext
    runner: ManualRunner
    http: httpx.Client
    store: SandboxStore
    hits: Counter[str]
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


@pytest.fixture
def live(settings: Settings, db: Database) -> Iterator[Live]:
    """The app served on a loopback port whose PUBLIC_URL is that port (redirect URIs match)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    served = settings.model_copy(update={"public_url": base, "platform_timeout_seconds": 10.0})
    ctx = AppContext.build(served, db)
    runner = ManualRunner(ctx)
    ctx.extras["runner"] = runner
    hits: Counter[str] = Counter()
    sandbox = create_sandbox_app(served)
    sandbox.add_middleware(CountRequests, counter=hits)
    ctx.extras["sandbox_app"] = sandbox
    app = create_app(ctx=ctx, start_jobs=False)
    with serve_app(app, port=port), httpx.Client(base_url=base, timeout=30) as client:
        yield Live(
            base_url=base,
            ctx=ctx,
            runner=runner,
            http=client,
            store=sandbox.state.store,
            hits=hits,
        )
