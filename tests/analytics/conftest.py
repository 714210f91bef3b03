"""The app served on a real port with the sandbox mounted, users who connected sandbox accounts
through the real consent flow, and helpers to publish, age posts and run the analytics jobs."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from socialflow.core.clock import as_utc, utcnow
from socialflow.models import (
    PlatformPost,
    PostAnalytics,
    PostMetricsLatest,
    ScheduledJob,
    User,
    Workspace,
)
from tests.fixtures.live import LiveApp, LiveServer
from tests.fixtures.oauth import connected_id, consent


@dataclass
class Live(LiveApp):
    def user(self, plan: str = "business", timezone: str = "UTC") -> dict[str, Any]:
        email = f"an-{uuid.uuid4().hex[:8]}@example.com"
        r = self.http.post(
            "/api/auth/register",
            json={"email": email, "password": "correct horse battery", "full_name": "An Alyst"},
        )
        assert r.status_code == 201, r.text
        who: dict[str, Any] = r.json()
        who["headers"] = {"Authorization": f"Bearer {who['access_token']}"}
        who["accounts"] = {}
        with self.ctx.db.session() as s:
            user_id = uuid.UUID(who["user"]["id"])
            s.execute(
                update(Workspace)
                .where(Workspace.id == user_id)  # the personal workspace
                .values(subscription_tier=plan, subscription_status="active")
            )
            s.execute(update(User).where(User.id == user_id).values(timezone=timezone))
        return who

    def connect(self, who: dict[str, Any], platform: str, username: str | None = None) -> str:
        account_id = connected_id(consent(self.base_url, who["access_token"], platform, username))
        who["accounts"][platform] = account_id
        self.runner.drain()  # the follower sync the connect enqueued
        return account_id

    def publish(self, who: dict[str, Any], content: str, platforms: list[str]) -> str:
        """Create and publish a post now; returns the post id once every target published."""
        ids = [who["accounts"][p] for p in platforms]
        r = self.http.post(
            "/api/posts",
            json={"content": content, "social_account_ids": ids},
            headers=who["headers"],
        )
        assert r.status_code == 201, r.text
        post_id: str = r.json()["id"]
        r = self.http.post(f"/api/posts/{post_id}/publish", headers=who["headers"])
        assert r.status_code == 200, r.text
        for _ in range(20):
            self.runner.tick("publishing.tick")
            if not self.runner.drain():
                break
        with self.ctx.db.session() as s:
            states = s.scalars(
                select(PlatformPost.status).where(PlatformPost.post_id == uuid.UUID(post_id))
            ).all()
        assert set(states) == {"published"}, states
        return post_id

    def age(self, seconds: float) -> None:
        """Time passes: every published post, here and on the platforms, and every snapshot
        taken becomes `seconds` older (the emulators' metrics grow with a post's age)."""
        delta = timedelta(seconds=seconds)
        with self.ctx.db.session() as s:
            for pp in s.scalars(select(PlatformPost).where(PlatformPost.published_at.is_not(None))):
                pp.published_at = as_utc(pp.published_at) - delta  # type: ignore[arg-type]
            for snap in s.scalars(select(PostAnalytics)):
                snap.fetched_at = as_utc(snap.fetched_at) - delta
            for latest in s.scalars(select(PostMetricsLatest)):
                latest.fetched_at = as_utc(latest.fetched_at) - delta
                latest.published_at = as_utc(latest.published_at) - delta
        with self.store.lock:
            for records in self.store.records.values():
                for rec in records:
                    rec.created_at -= seconds
            for obj in self.store.objects.values():
                if isinstance(obj, dict):
                    for key in ("created", "created_at"):
                        if isinstance(obj.get(key), int | float):
                            obj[key] -= seconds

    def make_due(self, label: str) -> int:
        """The metric fetches with this label (1h, 24h, 7d, 30d) fall due now."""
        with self.ctx.db.session() as s:
            return s.execute(
                update(ScheduledJob)
                .where(ScheduledJob.dedupe_key.like(f"%:{label}"))
                .values(scheduled_for=utcnow() - timedelta(seconds=1))
            ).rowcount

    def collect(self) -> None:
        """One analytics tick and every job it enqueued."""
        self.runner.tick("analytics.due_jobs")
        self.runner.drain()

    def jobs(self, label: str | None = None) -> list[ScheduledJob]:
        with self.ctx.db.session() as s:
            stmt = select(ScheduledJob).order_by(ScheduledJob.scheduled_for)
            if label:
                stmt = stmt.where(ScheduledJob.dedupe_key.like(f"%:{label}"))
            return list(s.scalars(stmt))


@pytest.fixture(scope="module")
def live_settings() -> dict[str, Any]:
    """Retries far enough apart that a test sees a rescheduled fetch before it is due."""
    return {"platform_timeout_seconds": 5.0, "retry_base_seconds": 30.0, "retry_cap_seconds": 120.0}


@pytest.fixture
def live(live_server: LiveServer) -> Iterator[Live]:
    with live_server.test(Live) as live:
        yield live
