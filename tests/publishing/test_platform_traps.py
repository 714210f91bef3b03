"""TikTok through the whole engine (issue 18 #2-#4): an explicit privacy choice is required,
a private post whose answer was lost is found by its publish_id (never posted twice), and the
publish_id is never stored as the post's id."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select, update

from socialflow.models import PlatformPost, Workspace
from tests.media.files import mp4
from tests.publishing.conftest import Live
from tests.publishing.test_engine_media import _publish_until_done, _upload


@pytest.fixture
def cleo(live: Live) -> dict[str, Any]:
    who = live.user("cleo@example.com")
    with live.ctx.db.session() as s:
        s.execute(update(Workspace).values(subscription_tier="pro", subscription_status="active"))
    live.connect(who, "tiktok")
    return who


def _video_post(live: Live, who: dict[str, Any], content: str) -> dict[str, Any]:
    video = _upload(live, who, "clip.mp4", mp4(720, 1280, seconds=4.0), "video/mp4")
    r = live.http.post(
        "/api/posts",
        headers=who["headers"],
        json={
            "content": content,
            "media_ids": [video],
            "social_account_ids": [who["accounts"]["tiktok"]],
        },
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


def _choose(live: Live, who: dict[str, Any], post: dict[str, Any], **options: Any) -> None:
    (variant,) = post["platform_posts"]
    r = live.http.put(
        f"/api/posts/{post['id']}",
        headers=who["headers"],
        json={"variants": [{"platform_post_id": variant["id"], "options": options}]},
    )
    assert r.status_code == 200, r.text


def test_a_tiktok_post_without_a_privacy_choice_is_refused_with_the_field(
    live: Live, cleo: dict[str, Any]
) -> None:
    post = _video_post(live, cleo, "Who can see this?")
    assert [p["code"] for p in post["problems"]] == ["privacy_level_required"]
    refused = live.http.post(f"/api/posts/{post['id']}/publish", headers=cleo["headers"])
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "post_invalid"
    assert "privacy level" in error["message"]
    assert error["details"][0]["field"] == "options.privacy_level"
    assert live.published("tiktok") == []

    _choose(live, cleo, post, privacy_level="SELF_ONLY")
    live.http.post(f"/api/posts/{post['id']}/publish", headers=cleo["headers"]).raise_for_status()
    (row,) = _publish_until_done(live, post["id"])
    assert row.status == "published", row.error_message
    (record,) = live.published("tiktok")
    assert record["extra"]["privacy_level"] == "SELF_ONLY"
    # A private post has no public id: the publish_id is not stored in its place.
    assert row.platform_post_id is None and row.platform_url is None


def test_lost_answer_of_a_private_post_is_settled_by_publish_id_not_posted_twice(
    live: Live, cleo: dict[str, Any]
) -> None:
    post = _video_post(live, cleo, "Only me, and only once")
    _choose(live, cleo, post, privacy_level="SELF_ONLY")
    live.fault("tiktok", "timeout_after_create", times=1, path="/video/", seconds=5)
    live.http.post(f"/api/posts/{post['id']}/publish", headers=cleo["headers"]).raise_for_status()
    live.runner.tick("publishing.tick")
    live.runner.drain()
    with live.ctx.db.session() as s:
        (row,) = s.scalars(
            select(PlatformPost).where(PlatformPost.post_id == uuid.UUID(post["id"]))
        )
        assert row.status == "unknown"
        assert row.pending_ref and row.pending_ref["ref"]["publish_id"].startswith("v_pub_file")
    rows = _publish_until_done(live, post["id"])
    assert [r.status for r in rows] == ["published"], rows[0].error_message
    assert len(live.published("tiktok")) == 1  # found by its publish_id, not posted again


def test_the_composer_reads_what_the_creator_may_post(live: Live, cleo: dict[str, Any]) -> None:
    account = cleo["accounts"]["tiktok"]
    r = live.http.get(
        f"/api/social-accounts/{account}/tiktok-creator-info", headers=cleo["headers"]
    )
    assert r.status_code == 200, r.text
    info = r.json()
    assert info["privacy_level_options"] == [
        "PUBLIC_TO_EVERYONE",
        "MUTUAL_FOLLOW_FRIENDS",
        "SELF_ONLY",
    ]
    assert info["comment_disabled"] is False and info["max_video_post_duration_sec"] == 600
    assert info["creator_username"]
    live.connect(cleo, "twitter")
    other = live.http.get(
        f"/api/social-accounts/{cleo['accounts']['twitter']}/tiktok-creator-info",
        headers=cleo["headers"],
    )
    assert other.status_code == 400 and "not a TikTok one" in other.json()["error"]["message"]


def test_a_new_post_can_carry_its_tiktok_settings(live: Live, cleo: dict[str, Any]) -> None:
    video = _upload(live, cleo, "clip.mp4", mp4(720, 1280, seconds=4.0), "video/mp4")
    r = live.http.post(
        "/api/posts",
        headers=cleo["headers"],
        json={
            "content": "Straight out, settings included",
            "media_ids": [video],
            "social_account_ids": [cleo["accounts"]["tiktok"]],
            "platform_options": {"tiktok": {"privacy_level": "MUTUAL_FOLLOW_FRIENDS"}},
            "publish": True,
        },
    )
    assert r.status_code == 201, r.text
    assert r.json()["problems"] == []
    (row,) = _publish_until_done(live, r.json()["id"])
    assert row.status == "published", row.error_message
    (record,) = live.published("tiktok")
    assert record["extra"]["privacy_level"] == "MUTUAL_FOLLOW_FRIENDS"
