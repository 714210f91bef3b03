"""Posts with media through each platform's media flow, end to end: upload -> engine -> sandbox."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select, update

from socialflow.models import PlatformPost, Workspace
from tests.media.files import image, mp4
from tests.publishing.conftest import Live


@pytest.fixture
def bea(live: Live) -> dict[str, Any]:
    who = live.user("bea@example.com")
    with live.ctx.db.session() as s:
        s.execute(update(Workspace).values(subscription_tier="pro", subscription_status="active"))
    for platform in ("instagram", "facebook", "twitter", "youtube"):
        live.connect(who, platform)
    return who


def _upload(live: Live, who: dict[str, Any], name: str, data: bytes, mime: str) -> str:
    r = live.http.post(
        "/api/posts/upload-media", headers=who["headers"], files={"file": (name, data, mime)}
    )
    assert r.status_code == 201, r.text
    media_id: str = r.json()["id"]
    return media_id


def _publish_until_done(live: Live, post_id: str, rounds: int = 30) -> list[PlatformPost]:
    for _ in range(rounds):
        live.run()
        with live.ctx.db.session() as s:
            # Processing platforms are polled when their next look is due; make it due now.
            s.execute(
                update(PlatformPost)
                .where(PlatformPost.status == "processing")
                .values(lease_expires_at=PlatformPost.created_at)
            )
            rows = list(
                s.scalars(select(PlatformPost).where(PlatformPost.post_id == uuid.UUID(post_id)))
            )
        if all(r.status in ("published", "failed", "unknown") for r in rows):
            return rows
    return rows


def test_image_post_to_instagram_and_facebook(live: Live, bea: dict[str, Any]) -> None:
    photo = _upload(live, bea, "square.jpg", image("JPEG", (1080, 1080)), "image/jpeg")
    r = live.http.post(
        "/api/posts",
        headers=bea["headers"],
        json={
            "content": "A photo for the feed #sandbox",
            "media_ids": [photo],
            "social_account_ids": [bea["accounts"]["instagram"], bea["accounts"]["facebook"]],
        },
    )
    assert r.status_code == 201 and r.json()["problems"] == [], r.text
    live.http.post(
        f"/api/posts/{r.json()['id']}/publish", headers=bea["headers"]
    ).raise_for_status()
    rows = _publish_until_done(live, r.json()["id"])
    assert {row.platform: row.status for row in rows} == {
        "instagram": "published",
        "facebook": "published",
    }
    for platform in ("instagram", "facebook"):
        (record,) = live.published(platform)
        assert "A photo for the feed" in record["text"]
        assert len(record["media"]) == 1, record


def test_video_post_to_youtube_and_x_goes_through_processing(
    live: Live, bea: dict[str, Any]
) -> None:
    video = _upload(live, bea, "clip.mp4", mp4(1280, 720, seconds=8.0), "video/mp4")
    r = live.http.post(
        "/api/posts",
        headers=bea["headers"],
        json={
            "content": "Our launch video",
            "title": "Launch video",
            "media_ids": [video],
            "social_account_ids": [bea["accounts"]["youtube"], bea["accounts"]["twitter"]],
            "platform_options": {"youtube": {"made_for_kids": False}},
        },
    )
    assert r.status_code == 201, r.text
    assert r.json()["problems"] == [], r.json()["problems"]
    live.http.post(
        f"/api/posts/{r.json()['id']}/publish", headers=bea["headers"]
    ).raise_for_status()
    rows = _publish_until_done(live, r.json()["id"])
    statuses = {row.platform: (row.status, row.error_message) for row in rows}
    assert statuses == {"youtube": ("published", None), "twitter": ("published", None)}, statuses
    (yt,) = live.published("youtube")
    assert yt["media"] and "Launch video" in (
        yt["extra"].get("title") or yt["text"] + str(yt["extra"])
    )
    (tw,) = live.published("twitter")
    assert tw["media"] and "Our launch video" in tw["text"]


def test_media_processing_failure_fails_with_the_platforms_reason(
    live: Live, bea: dict[str, Any]
) -> None:
    video = _upload(live, bea, "clip.mp4", mp4(1280, 720, seconds=8.0), "video/mp4")
    live.fault("twitter", "media_failure", times=1)
    r = live.http.post(
        "/api/posts",
        headers=bea["headers"],
        json={
            "content": "This video will not process",
            "media_ids": [video],
            "social_account_ids": [bea["accounts"]["twitter"]],
        },
    )
    live.http.post(
        f"/api/posts/{r.json()['id']}/publish", headers=bea["headers"]
    ).raise_for_status()
    (row,) = _publish_until_done(live, r.json()["id"])
    assert row.status == "failed" and row.error_message
    assert live.published("twitter") == []
