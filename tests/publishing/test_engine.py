"""The publishing engine against the sandbox platforms over real HTTP: exactly once, on time."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from socialflow.core.clock import utcnow
from socialflow.models import Notification, PlatformPost, PublishAttempt, SocialAccount, Workspace
from socialflow.publishing import scheduler
from tests.publishing.conftest import Live

TEXT_PLATFORMS = ["twitter", "linkedin", "facebook"]  # accept text-only posts


def _post(live: Live, who: dict[str, Any], content: str, platforms: list[str]) -> dict[str, Any]:
    ids = [who["accounts"][p] for p in platforms]
    r = live.http.post(
        "/api/posts", json={"content": content, "social_account_ids": ids}, headers=who["headers"]
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


def _get(live: Live, who: dict[str, Any], post_id: str) -> dict[str, Any]:
    body: dict[str, Any] = live.http.get(f"/api/posts/{post_id}", headers=who["headers"]).json()
    return body


def _rows(live: Live, post_id: str) -> list[PlatformPost]:
    with live.ctx.db.session() as s:
        return list(
            s.scalars(select(PlatformPost).where(PlatformPost.post_id == uuid.UUID(post_id)))
        )


def _retries_due_now(live: Live) -> None:
    """Rows waiting for a retry fall due now (the backoff is not what these tests check)."""
    with live.ctx.db.session() as s:
        s.execute(
            update(PlatformPost).where(PlatformPost.status == "retry_wait").values(due_at=utcnow())
        )


@pytest.fixture
def ann(live: Live) -> dict[str, Any]:
    who = live.user("ann@example.com")
    # Free allows 2 accounts; Ann is on Pro for these tests.
    with live.ctx.db.session() as s:
        s.execute(update(Workspace).values(subscription_tier="pro", subscription_status="active"))
    for platform in TEXT_PLATFORMS:
        live.connect(who, platform)
    return who


def test_publish_now_reaches_every_platform_exactly_once(live: Live, ann: dict[str, Any]) -> None:
    post = _post(live, ann, "Launch day! Our new product is live.", TEXT_PLATFORMS)
    r = live.http.post(f"/api/posts/{post['id']}/publish", headers=ann["headers"])
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "scheduled"
    live.run()
    body = _get(live, ann, post["id"])
    assert body["status"] == "published"
    for variant in body["platform_posts"]:
        assert variant["status"] == "published", variant
        assert variant["platform_post_id"] and variant["published_at"]
    for platform in TEXT_PLATFORMS:
        records = live.published(platform)
        assert len(records) == 1, platform
        assert "Launch day! Our new product is live." in records[0]["text"]
    # Running the engine again changes nothing: no second post anywhere.
    live.run()
    assert len(live.published()) == len(TEXT_PLATFORMS)


def test_scheduled_post_waits_for_its_time(live: Live, ann: dict[str, Any]) -> None:
    post = _post(live, ann, "Later, not now.", ["twitter"])
    when = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    live.http.post(
        f"/api/posts/{post['id']}/schedule", json={"scheduled_for": when}, headers=ann["headers"]
    ).raise_for_status()
    live.run()
    assert live.published() == []
    assert _get(live, ann, post["id"])["status"] == "scheduled"
    with live.ctx.db.session() as s:  # the hour passes
        s.execute(update(PlatformPost).values(due_at=utcnow() - timedelta(seconds=1)))
    live.run()
    assert _get(live, ann, post["id"])["status"] == "published"
    assert len(live.published("twitter")) == 1


def test_rate_limit_waits_until_the_reset_then_publishes(live: Live, ann: dict[str, Any]) -> None:
    live.fault("twitter", "rate_limit", times=1, path="/2/tweets", seconds=120)
    post = _post(live, ann, "Rate limited at first.", ["twitter"])
    live.http.post(f"/api/posts/{post['id']}/publish", headers=ann["headers"])
    live.run()
    (row,) = _rows(live, post["id"])
    assert row.status == "retry_wait" and row.error_code
    assert row.due_at is not None and row.due_at > utcnow() + timedelta(seconds=60)
    assert live.published() == []
    with live.ctx.db.session() as s:
        s.execute(update(PlatformPost).values(due_at=utcnow()))
    live.run()
    assert _rows(live, post["id"])[0].status == "published"
    assert len(live.published("twitter")) == 1


def test_server_errors_are_retried_with_backoff(live: Live, ann: dict[str, Any]) -> None:
    live.fault("linkedin", "server_error", times=2, path="/rest/posts")
    post = _post(live, ann, "Flaky platform.", ["linkedin"])
    live.http.post(f"/api/posts/{post['id']}/publish", headers=ann["headers"])
    for _ in range(10):  # the backoff is tiny in tests; keep ticking until it lands
        live.run()
        if _rows(live, post["id"])[0].status == "published":
            break
        _retries_due_now(live)
    (row,) = _rows(live, post["id"])
    assert row.status == "published" and row.attempts == 3
    assert len(live.published("linkedin")) == 1


def test_expired_token_is_refreshed_once_then_publishes(live: Live, ann: dict[str, Any]) -> None:
    live.fault("twitter", "expired_token", times=1, path="/2/tweets")
    post = _post(live, ann, "After a refresh.", ["twitter"])
    live.http.post(f"/api/posts/{post['id']}/publish", headers=ann["headers"])
    live.run()
    (row,) = _rows(live, post["id"])
    assert row.status == "published"
    with live.ctx.db.session() as s:
        account = s.get(SocialAccount, uuid.UUID(ann["accounts"]["twitter"]))
        assert account is not None and account.last_refreshed_at is not None


def test_revoked_access_fails_and_asks_to_reconnect(live: Live, ann: dict[str, Any]) -> None:
    live.fault("linkedin", "revoked", times=-1)
    post = _post(live, ann, "The user revoked us.", ["linkedin"])
    live.http.post(f"/api/posts/{post['id']}/publish", headers=ann["headers"])
    live.run()
    (row,) = _rows(live, post["id"])
    assert row.status == "failed"
    with live.ctx.db.session() as s:
        account = s.get(SocialAccount, uuid.UUID(ann["accounts"]["linkedin"]))
        assert account is not None and account.status == "needs_reauth"
        kinds = {n.kind for n in s.scalars(select(Notification))}
    assert {"post_failed"} <= kinds or {"account_needs_reauth"} <= kinds
    assert live.published("linkedin") == []


def test_duplicate_content_fails_with_the_platforms_message(
    live: Live, ann: dict[str, Any]
) -> None:
    live.fault("twitter", "duplicate", times=1, path="/2/tweets")
    post = _post(live, ann, "Said this before.", ["twitter"])
    live.http.post(f"/api/posts/{post['id']}/publish", headers=ann["headers"])
    live.run()
    body = _get(live, ann, post["id"])
    assert body["status"] == "failed"
    assert "duplicate" in body["platform_posts"][0]["error_message"].lower()
    with live.ctx.db.session() as s:
        assert s.scalar(select(Notification).where(Notification.kind == "post_failed")) is not None


def test_timeout_after_create_ends_published_once_via_reconciliation(
    live: Live, ann: dict[str, Any]
) -> None:
    # The platform creates the post, then stalls past our timeout: the answer is lost.
    live.fault("twitter", "timeout_after_create", times=1, path="/2/tweets", seconds=5)
    post = _post(live, ann, "Did it post? It did.", ["twitter"])
    live.http.post(f"/api/posts/{post['id']}/publish", headers=ann["headers"])
    live.runner.tick("publishing.tick")
    live.runner.drain()
    (row,) = _rows(live, post["id"])
    assert row.status == "unknown"
    live.run()
    (row,) = _rows(live, post["id"])
    assert row.status == "published", row.error_message
    assert len(live.published("twitter")) == 1  # found, not posted again


def test_lost_worker_is_reconciled_then_retried_once(live: Live, ann: dict[str, Any]) -> None:
    """A worker died after taking the row and before calling: proven absent -> one new try."""
    post = _post(live, ann, "The worker died.", ["linkedin"])
    live.http.post(f"/api/posts/{post['id']}/publish", headers=ann["headers"])
    claimed = scheduler.claim_due(live.ctx)
    assert len(claimed) == 1
    with live.ctx.db.session() as s:  # the worker took it, then vanished
        s.execute(
            update(PlatformPost).values(
                status="publishing", attempts=1, lease_expires_at=utcnow() - timedelta(seconds=1)
            )
        )
    live.runner.queue.clear()
    live.run()
    (row,) = _rows(live, post["id"])
    assert row.status == "published"
    assert len(live.published("linkedin")) == 1


def test_two_schedulers_never_claim_the_same_row(live: Live, ann: dict[str, Any]) -> None:
    ids = []
    for i in range(40):
        post = _post(live, ann, f"Post number {i} for the race.", ["twitter"])
        ids.append(post["id"])
        live.http.post(
            f"/api/posts/{post['id']}/publish", headers=ann["headers"]
        ).raise_for_status()
    results: list[list[uuid.UUID]] = [[] for _ in range(4)]
    start = threading.Barrier(4)

    def claim(slot: int) -> None:
        start.wait()
        for _ in range(10):
            results[slot].extend(scheduler.claim_due(live.ctx))

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [pp for r in results for pp in r]
    assert len(every) == len(set(every)) == 40


def test_attempts_are_recorded(live: Live, ann: dict[str, Any]) -> None:
    live.fault("facebook", "server_error", times=1)
    post = _post(live, ann, "Counting attempts.", ["facebook"])
    live.http.post(f"/api/posts/{post['id']}/publish", headers=ann["headers"])
    for _ in range(5):
        live.run()
        _retries_due_now(live)
    (row,) = _rows(live, post["id"])
    with live.ctx.db.session() as s:
        attempts = s.scalars(
            select(PublishAttempt)
            .where(PublishAttempt.platform_post_id == row.id)
            .order_by(PublishAttempt.attempt_no)
        ).all()
    assert [a.outcome for a in attempts] == ["retry", "published"]
    assert all(a.finished_at is not None for a in attempts)


def test_daily_cap_holds_work_and_tells_the_user(live: Live, ann: dict[str, Any]) -> None:
    live.ctx.settings.daily_caps_per_account["twitter"] = 2
    ids = []
    for i in range(3):
        post = _post(live, ann, f"Capped post {i}", ["twitter"])
        live.http.post(
            f"/api/posts/{post['id']}/publish", headers=ann["headers"]
        ).raise_for_status()
        ids.append(post["id"])
    started = time.monotonic()
    live.run()
    run_seconds = time.monotonic() - started
    rows = [r for pid in ids for r in _rows(live, pid)]
    assert sorted(r.status for r in rows) == ["pending", "published", "published"]
    held = next(r for r in rows if r.status == "pending")
    first = min(r.published_at for r in rows if r.published_at)
    assert held.error_code == "daily_cap" and "2 posts per 24 hours" in (held.error_message or "")
    # Due when room frees: 24 h after the first one went out. Held while the other two were
    # still in flight (no publish time yet), it is due 24 h after the hold, which came before
    # that first publish within this run (and is checked again then, never sent early).
    assert held.due_at is not None
    early = (first + timedelta(hours=24) - held.due_at).total_seconds()
    assert -1 < early < run_seconds + 1, (early, run_seconds)
    assert len(live.published("twitter")) == 2  # never sent past the cap
    with live.ctx.db.session() as s:
        notes = s.scalars(select(Notification).where(Notification.kind == "post_held")).all()
    assert len(notes) == 1
    live.run()  # ticking again neither sends it nor notifies twice
    with live.ctx.db.session() as s:
        assert (
            len(s.scalars(select(Notification).where(Notification.kind == "post_held")).all()) == 1
        )


def test_due_rows_go_out_in_batches_and_one_rows_trouble_stays_its_own(
    live: Live, ann: dict[str, Any]
) -> None:
    """60 due rows -> 2 publish jobs (50 + 10); in the first, X rejects one call as a
    duplicate and LinkedIn answers 500 once: those rows fail / wait for a retry while the rest
    of the batch is published in one commit, each exactly once."""
    assert live.ctx.settings.publish_batch == 50
    posts = []
    for i in range(20):
        post = _post(live, ann, f"Batch post {i}: one of twenty.", TEXT_PLATFORMS)
        live.http.post(
            f"/api/posts/{post['id']}/publish", headers=ann["headers"]
        ).raise_for_status()
        posts.append(post["id"])
    live.fault("twitter", "duplicate", times=1, path="/2/tweets")
    live.fault("linkedin", "server_error", times=1, path="/rest/posts")
    live.runner.tick("publishing.tick")
    jobs = [(name, kw) for name, kw in live.runner.queue if name == "publishing.publish"]
    assert [len(kw["platform_post_ids"]) for _, kw in jobs] == [50, 10]
    live.runner.drain()

    rows = [r for p in posts for r in _rows(live, p)]
    by_status: dict[str, list[PlatformPost]] = {}
    for row in rows:
        by_status.setdefault(row.status, []).append(row)
    assert len(by_status["failed"]) == 1 and by_status["failed"][0].platform == "twitter"
    assert "duplicate" in (by_status["failed"][0].error_message or "").lower()
    assert [r.platform for r in by_status["retry_wait"]] == ["linkedin"]
    assert len(by_status["published"]) == 58
    first = {uuid.UUID(i) for i in jobs[0][1]["platform_post_ids"]}
    with live.ctx.db.session() as s:
        attempts = s.scalars(
            select(PublishAttempt).where(PublishAttempt.platform_post_id.in_(first))
        ).all()
    # The batch was taken in one commit: one start time and one worker for its attempts.
    assert len(attempts) == 50
    assert len({a.started_at for a in attempts}) == 1
    assert len({a.worker for a in attempts}) == 1
    assert sorted(a.outcome or "" for a in attempts).count("published") >= 48

    _retries_due_now(live)  # the retry comes due now
    live.run()
    assert {r.status for p in posts for r in _rows(live, p)} == {"published", "failed"}
    records = live.published()
    assert len(records) == 59  # every row but the rejected one, once each
    assert len({(r["platform"], r["text"]) for r in records}) == 59
    for post_id in posts:
        body = _get(live, ann, post_id)
        statuses = {v["status"] for v in body["platform_posts"]}
        assert body["status"] == (
            "published" if statuses == {"published"} else "partially_published"
        )


def test_linkedin_publish_does_not_ask_who_the_member_is_again(
    live: Live, ann: dict[str, Any]
) -> None:
    """The person URN learned at connect is kept with the tokens (and survives a refresh):
    a publish is one platform call, not a /v2/userinfo lookup first."""
    live.fault("linkedin", "server_error", times=-1, path="/v2/userinfo")
    post = _post(live, ann, "One call, not two.", ["linkedin"])
    live.http.post(f"/api/posts/{post['id']}/publish", headers=ann["headers"])
    live.run()
    (row,) = _rows(live, post["id"])
    assert row.status == "published", row.error_message
    assert len(live.published("linkedin")) == 1


def test_a_batch_records_published_only_for_rows_still_in_flight(
    live: Live, ann: dict[str, Any]
) -> None:
    """A row that reached a final state meanwhile keeps it: no usage line, no metrics
    schedule for it; the others are published and their posts' statuses derived."""
    from socialflow.models import ScheduledJob, UsageLog
    from socialflow.platforms.base import Published
    from socialflow.publishing import outcomes, publisher

    posts = []
    for i in range(3):
        post = _post(live, ann, f"Recorded together {i}.", ["twitter"])
        live.http.post(
            f"/api/posts/{post['id']}/publish", headers=ann["headers"]
        ).raise_for_status()
        posts.append(post["id"])
    ids = scheduler.claim_due(live.ctx)
    taken = [t for t, _ in publisher._take_many(live.ctx, ids)]
    assert len(taken) == 3
    gone = taken[1]
    with live.ctx.db.session() as s:
        s.execute(update(PlatformPost).where(PlatformPost.id == gone.id).values(status="failed"))
    outcomes.published_many(
        live.ctx, [(t, Published(f"x{i}", f"https://x.test/{i}")) for i, t in enumerate(taken)]
    )
    with live.ctx.db.session() as s:
        rows = {r.id: r for r in s.scalars(select(PlatformPost))}
        usage = s.scalars(select(UsageLog).where(UsageLog.action == "post_published")).all()
        jobs = s.scalars(select(ScheduledJob).where(ScheduledJob.kind == "analytics.post_metrics"))
        scheduled_for = {j.payload["platform_post_id"] for j in jobs}
        attempts = s.scalars(select(PublishAttempt)).all()
    assert rows[gone.id].status == "failed" and rows[gone.id].platform_post_id is None
    kept = [t for t in taken if t is not gone]
    assert all(rows[t.id].status == "published" for t in kept)
    assert [rows[t.id].platform_url for t in kept] == ["https://x.test/0", "https://x.test/2"]
    assert len(usage) == 2
    assert scheduled_for == {str(t.id) for t in kept}
    assert all(a.finished_at is not None and a.outcome == "published" for a in attempts)
    # (the middle post's status is left as the test's direct write left it)
    assert [_get(live, ann, p)["status"] for p in (posts[0], posts[2])] == ["published"] * 2


def test_a_slow_call_does_not_hold_back_the_batch(live: Live, ann: dict[str, Any]) -> None:
    """Answers are recorded as they arrive: the quick posts of a batch are published (and
    visible) while one slow platform call is still out."""
    live.fault("linkedin", "latency", times=1, path="/rest/posts", seconds=2.0)
    posts = []
    for i in range(3):
        post = _post(live, ann, f"Quick or slow {i}.", TEXT_PLATFORMS)
        live.http.post(
            f"/api/posts/{post['id']}/publish", headers=ann["headers"]
        ).raise_for_status()
        posts.append(post["id"])
    live.run()
    rows = [r for p in posts for r in _rows(live, p)]
    assert {r.status for r in rows} == {"published"}
    times = sorted(r.published_at for r in rows if r.published_at)
    slowest, quick = times[-1], times[:-1]
    # Eight answers came back in ~0.1 s and were recorded before the slow one arrived.
    assert all((slowest - t).total_seconds() > 1.0 for t in quick)
    assert len(live.published()) == 9


def test_the_scheduler_wakes_when_the_next_post_falls_due(live: Live, ann: dict[str, Any]) -> None:
    """Not up to a whole interval late: the tick asks to run again when the next row is due."""
    interval = live.ctx.settings.scheduler_interval_seconds
    assert scheduler.tick(live.ctx) == interval  # nothing scheduled: the interval
    post = _post(live, ann, "Due in a moment.", ["twitter"])
    when = (datetime.now(UTC) + timedelta(seconds=interval * 0.4)).isoformat()
    r = live.http.post(
        f"/api/posts/{post['id']}/schedule", json={"scheduled_for": when}, headers=ann["headers"]
    )
    assert r.status_code == 200, r.text
    wait = scheduler.tick(live.ctx)
    assert wait is not None and 0.05 <= wait < interval * 0.4
    time.sleep(wait)
    scheduler.tick(live.ctx)
    (row,) = _rows(live, post["id"])
    assert row.status == "queued"  # claimed on the next tick, right at its time


def test_a_row_left_waiting_past_its_lease_budget_is_not_sent(
    live: Live, ann: dict[str, Any]
) -> None:
    """Calls share a pool; a row that could only be called once its lease might run out
    mid-call is sent back (nothing sent) and goes out on a later try, once."""
    live.ctx.settings.publish_concurrency = 1  # one call at a time in this process
    live.ctx.settings.publish_lease_seconds = 5  # with a 3 s timeout: 2 s - margin to start
    from socialflow.publishing import publisher

    margin = publisher.CALL_MARGIN
    publisher.CALL_MARGIN = 0.5  # each row may start within 1.5 s of the take
    try:
        # Both calls are slow, so whichever waits for the other starts too late.
        live.fault("linkedin", "latency", times=1, path="/rest/posts", seconds=2.0)
        live.fault("twitter", "latency", times=1, path="/2/tweets", seconds=2.0)
        post = _post(live, ann, "Wait your turn.", ["linkedin", "twitter"])
        live.http.post(f"/api/posts/{post['id']}/publish", headers=ann["headers"])
        live.runner.tick("publishing.tick")
        live.runner.drain()
        rows = _rows(live, post["id"])
        assert sorted(r.status for r in rows) == ["published", "retry_wait"]
        (waited,) = [r for r in rows if r.status == "retry_wait"]
        assert waited.error_code == "not_called_in_time"
        assert live.published(waited.platform) == []  # nothing went out for it
        _retries_due_now(live)
        live.run()
        assert {r.status for r in _rows(live, post["id"])} == {"published"}
        assert len(live.published("twitter")) == len(live.published("linkedin")) == 1
    finally:
        publisher.CALL_MARGIN = margin


def test_the_call_budget_leaves_room_for_the_call_and_never_vanishes(live: Live) -> None:
    from socialflow.publishing.publisher import CALL_MARGIN, call_budget

    s = live.ctx.settings
    s.publish_lease_seconds, s.platform_timeout_seconds = 300, 20.0
    assert call_budget(live.ctx) == 300 - 20 - CALL_MARGIN
    s.publish_lease_seconds, s.platform_timeout_seconds = 5, 20.0  # lease shorter than a call
    assert call_budget(live.ctx) == 1.25


def test_an_account_whose_tokens_cannot_be_read_fails_only_its_own_rows(
    live: Live, ann: dict[str, Any]
) -> None:
    """A key dropped from TOKEN_ENCRYPTION_KEYS too early: that account's posts fail with
    "reconnect", the rest of the batch is published (the batch is not retried forever)."""
    with live.ctx.db.session() as s:
        s.execute(
            update(SocialAccount)
            .where(SocialAccount.id == uuid.UUID(ann["accounts"]["linkedin"]))
            .values(access_token="gAAAAAB-not-ours")
        )
    post = _post(live, ann, "One unreadable account.", TEXT_PLATFORMS)
    live.http.post(f"/api/posts/{post['id']}/publish", headers=ann["headers"])
    live.run()
    rows = {r.platform: r for r in _rows(live, post["id"])}
    assert rows["linkedin"].status == "failed"
    assert "reconnect" in (rows["linkedin"].error_message or "")
    assert rows["twitter"].status == rows["facebook"].status == "published"
    assert live.published("linkedin") == []
    assert _get(live, ann, post["id"])["status"] == "partially_published"
