"""Publishing jobs travel in a Redis queue of their own, which every worker consumes too:
a burst of other jobs (a thousand follower syncs) cannot sit ahead of the posts due now."""

from __future__ import annotations

import os
import uuid

import pytest

from socialflow.core.context import AppContext
from socialflow.jobs.celery import CeleryRunner, worker_queues

REDIS_URL = os.environ.get("REDIS_URL")
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="needs REDIS_URL (a real Redis)")


def test_publishing_jobs_have_their_own_queue(ctx: AppContext) -> None:
    import redis

    queue = f"sf-test-{uuid.uuid4().hex[:8]}"
    settings = ctx.settings.model_copy(update={"redis_url": REDIS_URL, "celery_queue": queue})
    runner = CeleryRunner(AppContext.build(settings, ctx.db))
    client = redis.Redis.from_url(str(REDIS_URL))
    try:
        for _ in range(3):
            runner.submit("accounts.sync_followers", {"account_id": str(uuid.uuid4())})
        runner.submit("publishing.publish", {"platform_post_ids": [str(uuid.uuid4())]})
        runner.submit("publishing.reconcile", {"platform_post_id": str(uuid.uuid4())})
        assert client.llen(f"{queue}.publish") == 2
        assert client.llen(queue) == 3
        # A worker takes from both (publishing first in its list; kombu rotates between them).
        assert worker_queues(queue) == [f"{queue}.publish", queue]
    finally:
        client.delete(*worker_queues(queue))
        client.close()
