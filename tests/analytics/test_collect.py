"""Collecting numbers from the sandbox platforms over real HTTP: growth, batching, renamed
metrics, rate limits, transient failures, revoked accounts, refresh now, daily followers."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select, update

from socialflow.core.clock import as_utc, utcnow
from socialflow.models import (
    FollowerSnapshot,
    Notification,
    PostAnalytics,
    ScheduledJob,
    SocialAccount,
)
from socialflow.sandbox import twitter as twitter_sandbox
from socialflow.sandbox.core import metric_growth
from tests.analytics.conftest import Live

HOUR = 3600.0


def _snapshots(live: Live) -> list[PostAnalytics]:
    with live.ctx.db.session() as s:
        return list(s.scalars(select(PostAnalytics).order_by(PostAnalytics.fetched_at)))


def test_metrics_grow_and_snapshots_show_it_batched_per_account(live: Live) -> None:
    ann = live.user()
    live.connect(ann, "twitter")
    posts = [live.publish(ann, f"Numbers, take {i}.", ["twitter"]) for i in range(3)]
    assert len(live.jobs()) == 12  # 1h, 24h, 7d, 30d per platform post

    live.age(HOUR)
    assert live.make_due("1h") == 3
    before = live.hits["GET /sandbox/twitter/2/tweets"]
    live.collect()
    # Three posts of one account: one call with three ids.
    assert live.hits["GET /sandbox/twitter/2/tweets"] - before == 1
    first = _snapshots(live)
    assert len(first) == 3
    assert {j.status for j in live.jobs("1h")} == {"done"}
    assert {j.status for j in live.jobs("24h")} == {"pending"}

    live.age(23 * HOUR)
    live.make_due("24h")
    live.collect()
    assert {j.status for j in live.jobs("24h")} == {"done"}

    r = live.http.get(f"/api/analytics/posts/{posts[0]}", headers=ann["headers"])
    assert r.status_code == 200, r.text
    (tw,) = r.json()["platforms"]
    assert tw["platform"] == "twitter" and tw["reported_metrics"] == [
        "impressions",
        "likes",
        "comments",
        "shares",
    ]
    early, late = tw["series"]
    assert late["impressions"] > early["impressions"] > 0
    assert late["likes"] > early["likes"]
    assert late["hours_after_publish"] > early["hours_after_publish"]
    assert tw["latest"] == late
    assert tw["next_fetch_at"] is not None  # the 7-day fetch is still to come
    rate = (late["likes"] + late["comments"] + late["shares"]) / late["impressions"] * 100
    assert abs(late["engagement_rate"] - rate) < 0.01

    # The overview counts each platform post once, with its latest snapshot.
    overview = live.http.get("/api/analytics/overview?range=7d", headers=ann["headers"]).json()
    with live.ctx.db.session() as s:
        latest = {
            pp: snap
            for snap in s.scalars(select(PostAnalytics).order_by(PostAnalytics.fetched_at))
            for pp in [snap.platform_post_id]
        }
    assert overview["totals"]["posts_published"] == 3
    assert overview["totals"]["impressions"] == sum(x.impressions for x in latest.values())


def test_renamed_metric_fields_are_mapped(live: Live) -> None:
    ann = live.user()
    live.connect(ann, "twitter")
    live.connect(ann, "facebook")
    live.publish(ann, "Old names and new names.", ["twitter", "facebook"])
    live.age(24 * HOUR)
    # X answers `retweet_count` (before v2.167) instead of `repost_count`; Facebook's Graph
    # only knows the deprecated post_impressions* names and refuses the media-view ones.
    twitter_sandbox.config(live.store)["legacy_metric_names"] = True
    live.store.objects["facebook:config"] = {"legacy_metrics": True}
    live.make_due("1h")
    low = {rec.post_id: metric_growth(rec.post_id, rec.created_at) for rec in _records(live)}
    live.collect()
    high = {rec.post_id: metric_growth(rec.post_id, rec.created_at) for rec in _records(live)}
    by_platform = {s.platform: s for s in _snapshots(live)}
    assert set(by_platform) == {"twitter", "facebook"}
    tw = by_platform["twitter"]
    (rec,) = live.store.records["twitter"]
    # shares = retweets + quotes, read from the legacy field.
    lo, hi = low[rec.post_id], high[rec.post_id]
    assert lo["shares"] + lo["shares"] // 3 <= tw.shares <= hi["shares"] + hi["shares"] // 3
    assert tw.shares > 0
    assert lo["impressions"] <= tw.impressions <= hi["impressions"]
    fb = by_platform["facebook"]
    assert fb.impressions > 0 and fb.clicks > 0  # from post_impressions_unique / post_clicks


def _records(live: Live) -> list[twitter_sandbox.Record]:
    with live.store.lock:
        return list(live.store.records["twitter"])


def test_rate_limited_fetch_is_rescheduled_not_failed(live: Live) -> None:
    ann = live.user()
    live.connect(ann, "twitter")
    live.publish(ann, "Too many requests.", ["twitter"])
    live.fault("twitter", "rate_limit", path="/2/tweets", seconds=600)
    live.make_due("1h")
    live.collect()
    (job,) = live.jobs("1h")
    assert job.status == "pending"
    assert job.attempts == 0
    assert "Rate limited" in (job.error_message or "")
    assert as_utc(job.scheduled_for) > utcnow() + timedelta(seconds=500)
    assert _snapshots(live) == []
    # Once the reset time comes, it is fetched.
    live.make_due("1h")
    live.collect()
    (job,) = live.jobs("1h")
    assert job.status == "done"
    assert len(_snapshots(live)) == 1


def test_transient_failure_retries_with_backoff(live: Live) -> None:
    ann = live.user()
    live.connect(ann, "twitter")
    live.publish(ann, "Flaky.", ["twitter"])
    live.fault("twitter", "server_error", path="/2/tweets")
    live.make_due("1h")
    live.collect()
    (job,) = live.jobs("1h")
    assert job.status == "pending" and job.attempts == 1
    assert as_utc(job.scheduled_for) > utcnow() + timedelta(seconds=10)
    live.make_due("1h")
    live.collect()
    assert live.jobs("1h")[0].status == "done"


def test_transient_failures_give_up_after_max_attempts(live: Live) -> None:
    ann = live.user()
    live.connect(ann, "twitter")
    live.publish(ann, "Always down.", ["twitter"])
    live.fault("twitter", "server_error", path="/2/tweets", times=-1)
    for _ in range(live.ctx.settings.analytics_max_attempts):
        live.make_due("1h")
        live.collect()
    (job,) = live.jobs("1h")
    assert job.status == "failed"
    assert job.attempts == live.ctx.settings.analytics_max_attempts
    assert "Gave up" in (job.error_message or "")


def test_revoked_account_is_skipped_and_flagged(live: Live) -> None:
    ann = live.user()
    account_id = live.connect(ann, "twitter")
    live.publish(ann, "Then the app was removed.", ["twitter"])
    with live.ctx.db.session() as s:
        subject = s.get(SocialAccount, uuid.UUID(account_id)).platform_user_id  # type: ignore[union-attr]
    live.http.post(
        "/sandbox/_admin/revoke", params={"platform": "twitter", "user_id": subject}
    ).raise_for_status()
    live.make_due("1h")
    live.collect()  # must not raise
    (job,) = live.jobs("1h")
    assert job.status == "failed"
    assert (job.error_message or "").startswith("Skipped:")
    with live.ctx.db.session() as s:
        account = s.get(SocialAccount, uuid.UUID(account_id))
        assert account is not None and account.status == "needs_reauth"
        assert account.status_reason
        notes = s.scalars(select(Notification.kind)).all()
    assert "account_needs_reauth" in notes
    # The next fetch for that account is skipped without calling the platform.
    calls = sum(n for path, n in live.hits.items() if "/sandbox/twitter/" in path)
    live.make_due("24h")
    live.collect()
    (later,) = live.jobs("24h")
    assert later.status == "failed" and account.status_reason in (later.error_message or "")
    assert sum(n for path, n in live.hits.items() if "/sandbox/twitter/" in path) == calls
    assert _snapshots(live) == []


def test_refresh_now_fetches_followers_and_metrics_once_per_cooldown(live: Live) -> None:
    ann = live.user()
    account_id = live.connect(ann, "twitter")
    live.publish(ann, "Refresh me.", ["twitter"])
    with live.ctx.db.session() as s:
        before = len(s.scalars(select(FollowerSnapshot)).all())
    live.age(5 * HOUR)
    r = live.http.post("/api/analytics/refresh", headers=ann["headers"])
    assert r.status_code == 202, r.text
    body = r.json()
    assert body["follower_syncs"] == 1 and body["metric_fetches"] == 1
    live.runner.drain()
    with live.ctx.db.session() as s:
        followers = s.scalars(select(FollowerSnapshot)).all()
        account = s.get(SocialAccount, uuid.UUID(account_id))
    assert len(followers) == before + 1
    assert account is not None and account.follower_count == followers[-1].follower_count
    (snap,) = _snapshots(live)
    assert snap.impressions > 0
    # The scheduled 1-hour fetch is untouched: refresh adds a fetch, it does not consume one.
    assert live.jobs("1h")[0].status == "pending"

    again = live.http.post("/api/analytics/refresh", headers=ann["headers"])
    assert again.status_code == 429
    assert again.json()["error"]["code"] == "refresh_too_soon"
    assert 0 < int(again.headers["Retry-After"]) <= 300


def test_refresh_on_free_plan_syncs_followers_only(live: Live) -> None:
    ann = live.user(plan="free")
    live.connect(ann, "twitter")
    live.publish(ann, "Free plan post.", ["twitter"])
    r = live.http.post("/api/analytics/refresh", headers=ann["headers"])
    assert r.status_code == 202, r.text
    assert r.json()["follower_syncs"] == 1 and r.json()["metric_fetches"] == 0


def test_daily_follower_sync_only_for_stale_active_accounts(live: Live) -> None:
    ann = live.user()
    fresh = live.connect(ann, "twitter")
    stale = live.connect(ann, "facebook")
    with live.ctx.db.session() as s:
        s.execute(
            update(SocialAccount)
            .where(SocialAccount.id == uuid.UUID(stale))
            .values(last_synced_at=utcnow() - timedelta(hours=25))
        )
    live.runner.tick("analytics.followers_daily")
    assert [kw["account_id"] for name, kw in live.runner.queue] == [stale]
    assert {name for name, _ in live.runner.queue} == {"accounts.sync_followers"}
    live.runner.drain()
    with live.ctx.db.session() as s:
        account = s.get(SocialAccount, uuid.UUID(stale))
        assert account is not None and account.last_synced_at is not None
        assert as_utc(account.last_synced_at) > utcnow() - timedelta(minutes=1)
        counts = s.scalars(
            select(FollowerSnapshot.follower_count).where(
                FollowerSnapshot.social_account_id == uuid.UUID(stale)
            )
        ).all()
    assert len(counts) == 2 and counts[-1] == account.follower_count
    live.runner.tick("analytics.followers_daily")
    assert live.runner.queue == []
    assert fresh


def test_lost_worker_lease_is_handed_back(live: Live) -> None:
    ann = live.user()
    live.connect(ann, "twitter")
    live.publish(ann, "The worker died.", ["twitter"])
    live.make_due("1h")
    live.runner.tick("analytics.due_jobs")
    (job,) = live.jobs("1h")
    assert job.status == "running" and job.locked_until is not None
    live.runner.queue.clear()  # the job never ran: its worker was lost
    live.runner.tick("analytics.due_jobs")
    assert live.runner.queue == []  # still leased: nobody else takes it
    with live.ctx.db.session() as s:
        s.execute(
            update(ScheduledJob)
            .where(ScheduledJob.id == job.id)
            .values(locked_until=utcnow() - timedelta(seconds=1))
        )
    live.collect()
    (job,) = live.jobs("1h")
    assert job.status == "done" and job.attempts == 1
    assert len(_snapshots(live)) == 1
