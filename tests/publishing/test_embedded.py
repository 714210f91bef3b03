"""The embedded default for real: `serve` with its in-process scheduler thread and worker pool."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from socialflow.app import create_app
from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.core.db import Database
from socialflow.jobs.inline import InlineRunner
from socialflow.models import Workspace
from tests.fixtures.oauth import connected_id, consent
from tests.fixtures.servers import LoopbackPort, serve_app


@pytest.fixture
def embedded(settings: Settings, db: Database) -> Iterator[dict[str, Any]]:
    port = LoopbackPort()
    base = port.url
    ctx = AppContext.build(settings.model_copy(update={"public_url": base}), db)
    ctx.extras["runner"] = InlineRunner(ctx, workers=4)
    with serve_app(create_app(ctx=ctx), port=port), httpx.Client(base_url=base, timeout=30) as http:
        user = http.post(
            "/api/auth/register",
            json={"email": "e@example.com", "password": "correct horse battery", "full_name": "E"},
        ).json()
        headers = {"Authorization": f"Bearer {user['access_token']}"}
        with ctx.db.session() as s:
            s.execute(
                update(Workspace).values(subscription_tier="pro", subscription_status="active")
            )
        accounts = [
            connected_id(consent(base, user["access_token"], p)) for p in ("twitter", "facebook")
        ]
        yield {"http": http, "headers": headers, "accounts": accounts}


def _wait(
    http: httpx.Client, headers: dict[str, str], post_id: str, status: str, timeout: float
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    body: dict[str, Any] = {}
    while time.monotonic() < deadline:
        body = http.get(f"/api/posts/{post_id}", headers=headers).json()
        if body["status"] == status:
            return body
        time.sleep(0.1)
    raise AssertionError(f"post still {body.get('status')} after {timeout}s: {body}")


def test_publish_now_and_scheduled_with_the_in_process_runner(embedded: dict[str, Any]) -> None:
    http, headers = embedded["http"], embedded["headers"]
    now_post = http.post(
        "/api/posts",
        headers=headers,
        json={
            "content": f"Right now {uuid.uuid4().hex[:6]}",
            "social_account_ids": embedded["accounts"],
        },
    ).json()
    later_post = http.post(
        "/api/posts",
        headers=headers,
        json={
            "content": f"In two seconds {uuid.uuid4().hex[:6]}",
            "social_account_ids": embedded["accounts"],
        },
    ).json()
    due = datetime.now(UTC) + timedelta(seconds=2)
    http.post(
        f"/api/posts/{later_post['id']}/schedule",
        headers=headers,
        json={"scheduled_for": due.isoformat()},
    ).raise_for_status()
    http.post(f"/api/posts/{now_post['id']}/publish", headers=headers).raise_for_status()

    published_now = _wait(http, headers, now_post["id"], "published", timeout=10)
    assert all(v["platform_url"] for v in published_now["platform_posts"])
    later = _wait(http, headers, later_post["id"], "published", timeout=15)
    for variant in later["platform_posts"]:
        at = datetime.fromisoformat(variant["published_at"])
        assert at >= due  # never early
    records = http.get("/sandbox/_admin/published").json()
    assert sorted(r["platform"] for r in records) == ["facebook", "facebook", "twitter", "twitter"]
