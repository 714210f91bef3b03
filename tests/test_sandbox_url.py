"""SANDBOX_URL: the app mounts no emulators and talks to the external `socialflow sandbox`.

Several API processes (`serve --workers N`) each mounting their own emulators would each keep
their own OAuth codes, published posts and Stripe objects: a code issued by one process and
redeemed at another fails. With SANDBOX_URL every process, and the workers, use one emulator.
Here the sandbox app runs on one real port and the API on another, over real HTTP.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from socialflow.app import create_app
from socialflow.billing.gateway import stripe_config
from socialflow.core.config import PLATFORMS, Settings
from socialflow.core.context import AppContext
from socialflow.core.db import Database
from socialflow.models import Workspace
from socialflow.platforms.registry import connector_config
from socialflow.sandbox.app import create_sandbox_app
from tests.billing.conftest import forms
from tests.fixtures.jobs import ManualRunner
from tests.fixtures.oauth import connected_id, consent
from tests.fixtures.servers import LoopbackPort, serve_app


def test_sandbox_url_routes_every_base_to_the_external_emulator(settings: Settings) -> None:
    external = settings.model_copy(update={"sandbox_url": "http://sandbox.internal:8900/"})
    assert external.sandbox_base == "http://sandbox.internal:8900"
    assert external.sandbox_enabled and not external.sandbox_mounted
    for platform in PLATFORMS:
        config = connector_config(external, platform)
        assert config.sandbox
        for base in (config.api_base, config.auth_base, config.token_base, config.upload_base):
            assert base == f"http://sandbox.internal:8900/{platform}", (platform, base)
        # The app's own callback stays the redirect URI.
        assert config.redirect_uri == f"{settings.base_url}/api/social-accounts/callback"
    stripe = stripe_config(external)
    assert stripe is not None and stripe.api_base == "http://sandbox.internal:8900/stripe"

    embedded = settings  # unset: mounted at {PUBLIC_URL}/sandbox, as before
    assert embedded.sandbox_mounted and embedded.sandbox_base == f"{settings.base_url}/sandbox"
    assert connector_config(embedded, "twitter").api_base == f"{settings.base_url}/sandbox/twitter"
    # SANDBOX=false still wins: production without credentials serves no emulator at all.
    off = external.model_copy(update={"sandbox": False})
    assert not off.sandbox_enabled and not off.sandbox_mounted


@dataclass
class Split:
    app: str
    sandbox: str
    ctx: AppContext
    runner: ManualRunner
    http: httpx.Client


@pytest.fixture
def split(settings: Settings, db: Database) -> Iterator[Split]:
    """The sandbox app on one port, the API with SANDBOX_URL pointing at it on another."""
    app_port, box_port = LoopbackPort(), LoopbackPort()
    app_base, box_base = app_port.url, box_port.url
    shared = settings.model_copy(
        update={
            "public_url": app_base,
            "sandbox_url": box_base,
            "platform_timeout_seconds": 10.0,
            # Claude is the external sandbox's Anthropic emulator, as DEPLOY.md says.
            "anthropic_api_key": "sk-test-split",
            "anthropic_base_url": f"{box_base}/anthropic",
        }
    )
    ctx = AppContext.build(shared, db)
    runner = ManualRunner(ctx)
    ctx.extras["runner"] = runner
    # Its own Settings object, as `socialflow sandbox` builds from the same environment.
    box_settings = Settings(**shared.model_dump())
    with (
        serve_app(create_sandbox_app(box_settings), port=box_port),
        serve_app(create_app(ctx=ctx, start_jobs=False), port=app_port),
        httpx.Client(base_url=app_base, timeout=30) as http,
    ):
        split = Split(app_base, box_base, ctx, runner, http)
        yield split
        http.post(f"{box_base}/stripe/_admin/delivery", json={"enabled": False})


def _user(http: httpx.Client) -> dict[str, Any]:
    r = http.post(
        "/api/auth/register",
        json={
            "email": f"split-{uuid.uuid4().hex[:8]}@example.com",
            "password": "correct horse battery",
            "full_name": "Split",
        },
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    body["headers"] = {"Authorization": f"Bearer {body['access_token']}"}
    return body


def test_app_connects_and_publishes_through_the_external_sandbox(split: Split) -> None:
    assert "sandbox_app" not in split.ctx.extras
    assert split.http.get("/sandbox/_admin/published").status_code == 404  # nothing mounted
    user = _user(split.http)

    with split.ctx.db.session() as s:  # three accounts, and Claude: a paid plan's features
        s.execute(update(Workspace).values(subscription_tier="pro", subscription_status="active"))
    r = split.http.post(
        "/api/social-accounts/connect", json={"platform": "linkedin"}, headers=user["headers"]
    )
    assert r.json()["authorization_url"].startswith(f"{split.sandbox}/linkedin/")
    accounts = {
        p: connected_id(consent(split.app, user["access_token"], p, f"{p}_split"))
        for p in ("twitter", "linkedin", "facebook")
    }
    listed = split.http.get("/api/social-accounts", headers=user["headers"]).json()["items"]
    assert {a["platform"] for a in listed} == {"twitter", "linkedin", "facebook"}

    text = f"Through the external sandbox {uuid.uuid4().hex[:8]}"
    r = split.http.post(
        "/api/posts",
        json={"content": text, "social_account_ids": list(accounts.values())},
        headers=user["headers"],
    )
    assert r.status_code == 201, r.text
    post_id = r.json()["id"]
    # Claude (the external Anthropic emulator) rewrites the variants first. Regression: its
    # state object sat among the platforms' objects and broke the Facebook emulator after.
    r = split.http.post(
        f"/api/posts/{post_id}/optimize", json={"optimizer": "claude"}, headers=user["headers"]
    )
    assert r.status_code == 200, r.text
    assert {v["optimized_by"].split(":")[0] for v in r.json()["variants"]} == {"claude"}
    split.http.post(f"/api/posts/{post_id}/publish", headers=user["headers"]).raise_for_status()
    for _ in range(20):  # scheduler ticks and the jobs they enqueue, until nothing is left
        split.runner.tick("publishing.tick")
        if not split.runner.drain():
            break

    post = split.http.get(f"/api/posts/{post_id}", headers=user["headers"]).json()
    statuses = {p["platform"]: p["status"] for p in post["platform_posts"]}
    assert statuses == {p: "published" for p in accounts}, post
    records = httpx.get(f"{split.sandbox}/_admin/published").json()
    # Each recorded once, by the external emulator, with the optimized text the API shows.
    shown = {(p["platform"], p["platform_post_id"], p["content"]) for p in post["platform_posts"]}
    assert sorted((r["platform"], r["post_id"], r["text"]) for r in records) == sorted(shown)


def test_checkout_pays_at_the_external_stripe_and_the_webhook_reaches_the_app(
    split: Split,
) -> None:
    user = _user(split.http)
    r = split.http.post(
        "/api/billing/checkout", json={"plan": "pro", "interval": "month"}, headers=user["headers"]
    )
    assert r.status_code == 200, r.text
    url = r.json()["url"]
    assert url.startswith(f"{split.sandbox}/stripe/checkout/cs_test_")  # the browser goes there
    page = httpx.get(url)
    (pay,) = [f for f in forms(page.text) if f["action"].endswith("/pay")]
    paid = httpx.post(pay["action"], data=pay["fields"])
    assert paid.status_code == 303 and paid.headers["location"].startswith(f"{split.app}/billing")

    deadline = time.monotonic() + 20
    tier = None
    while time.monotonic() < deadline:
        sub = split.http.get("/api/billing/subscription", headers=user["headers"]).json()
        tier = (sub["tier"], sub["status"])
        if tier == ("pro", "active"):
            break
        time.sleep(0.1)
    assert tier == ("pro", "active")  # signed webhooks from the sandbox process were accepted
    # The plan may be active from one event while another's delivery is still being recorded.
    wanted = {"checkout.session.completed", "invoice.paid"}
    while True:
        events = httpx.get(f"{split.sandbox}/stripe/_admin/events").json()["data"]
        delivered = {e["type"] for e in events if e["delivery"]["status"] == "delivered"}
        if wanted <= delivered or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert wanted <= delivered
