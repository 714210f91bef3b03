"""Post types through the API and the engine against the sandbox (issue 19): Instagram Reels
and Stories with their media rules checked before sending, first comments on Instagram,
Facebook, LinkedIn and YouTube, YouTube Shorts and the made-for-kids answer."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select, update

from socialflow.models import PlatformPost, PlatformPostPart, Workspace
from tests.media.files import image, mp4
from tests.publishing.conftest import Live


@pytest.fixture
def cleo(live: Live) -> dict[str, Any]:
    who = live.user("cleo@example.com")
    with live.ctx.db.session() as s:
        s.execute(update(Workspace).values(subscription_tier="pro", subscription_status="active"))
    for platform in ("instagram", "facebook", "linkedin", "youtube"):
        live.connect(who, platform)
    return who


def _upload(live: Live, who: dict[str, Any], name: str, data: bytes, mime: str) -> str:
    r = live.http.post(
        "/api/posts/upload-media", headers=who["headers"], files={"file": (name, data, mime)}
    )
    assert r.status_code == 201, r.text
    media_id: str = r.json()["id"]
    return media_id


def _create(live: Live, who: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    r = live.http.post("/api/posts", json=body, headers=who["headers"])
    assert r.status_code == 201, r.text
    out: dict[str, Any] = r.json()
    return out


def _run_until_settled(live: Live, post_id: str, rounds: int = 30) -> dict[str, Any]:
    """The engine until every target and its parts are settled (processing made due)."""
    for _ in range(rounds):
        live.run()
        with live.ctx.db.session() as s:
            s.execute(
                update(PlatformPost)
                .where(PlatformPost.status == "processing")
                .values(lease_expires_at=PlatformPost.created_at)
            )
            rows = list(
                s.scalars(select(PlatformPost).where(PlatformPost.post_id == uuid.UUID(post_id)))
            )
            parts = list(
                s.scalars(
                    select(PlatformPostPart).where(
                        PlatformPostPart.platform_post_id.in_([r.id for r in rows])
                    )
                )
            )
        settled = all(r.status in ("published", "failed", "unknown") for r in rows)
        if settled and all(p.status in ("published", "failed", "skipped") for p in parts):
            break
    return _get(live, post_id)


def _get(live: Live, post_id: str) -> dict[str, Any]:
    who = next(iter(live.users.values()))
    body: dict[str, Any] = live.http.get(f"/api/posts/{post_id}", headers=who["headers"]).json()
    return body


def _by_platform(post: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {v["platform"]: v for v in post["platform_posts"]}


def test_a_reel_with_a_cover_and_a_first_comment(live: Live, cleo: dict[str, Any]) -> None:
    clip = _upload(live, cleo, "reel.mp4", mp4(1080, 1920, seconds=20.0), "video/mp4")
    cover = _upload(live, cleo, "cover.jpg", image("JPEG", (1080, 1920)), "image/jpeg")
    post = _create(
        live,
        cleo,
        {
            "content": "Behind the scenes of our launch",
            "media_ids": [clip],
            "social_account_ids": [cleo["accounts"]["instagram"]],
            "platform_options": {
                "instagram": {
                    "media_type": "reel",
                    "share_to_feed": True,
                    "cover_media_id": cover,
                    "first_comment": "#launch #behindthescenes #team",
                }
            },
        },
    )
    assert post["problems"] == []
    live.http.post(f"/api/posts/{post['id']}/publish", headers=cleo["headers"]).raise_for_status()
    ig = _by_platform(_run_until_settled(live, post["id"]))["instagram"]
    assert ig["status"] == "published"
    assert ig["platform_url"].startswith("https://www.instagram.com/reel/")
    comment = ig["first_comment"]
    assert comment["status"] == "published" and comment["url"] == ig["platform_url"]
    (record,) = live.published("instagram")
    assert record["extra"]["media_product_type"] == "REELS"
    assert record["extra"]["share_to_feed"] == "true" and record["extra"]["cover_url"]
    stored = live.store.objects[f"ig:{comment['id']}"]
    assert stored["text"] == "#launch #behindthescenes #team"
    assert stored["media"] == ig["platform_post_id"]


def test_a_story_with_a_16_9_video_is_refused_before_sending(
    live: Live, cleo: dict[str, Any]
) -> None:
    wide = _upload(live, cleo, "wide.mp4", mp4(1920, 1080, seconds=15.0), "video/mp4")
    post = _create(
        live,
        cleo,
        {
            "content": "A story",
            "media_ids": [wide],
            "social_account_ids": [cleo["accounts"]["instagram"]],
            "platform_options": {
                "instagram": {"media_type": "story", "first_comment": "no comments on stories"}
            },
        },
    )
    problems = {(p["code"], p["field"]) for p in post["problems"]}
    assert ("aspect_ratio", "media") in problems
    assert ("first_comment_on_story", "options.first_comment") in problems
    aspect = next(p for p in post["problems"] if p["code"] == "aspect_ratio")
    assert "Instagram (Story) accepts videos from 9:16 to 4:5 (portrait)" in aspect["message"]
    assert "1920x1080" in aspect["message"]
    r = live.http.post(f"/api/posts/{post['id']}/publish", headers=cleo["headers"])
    assert r.status_code == 422 and r.json()["error"]["code"] == "post_invalid"
    assert live.published() == []
    # The same video as a Reel is fine (Reels take 0.01:1 to 10:1), and a portrait one as a
    # Story too.
    check = live.http.post(
        "/api/posts/check",
        json={
            "content": "A story",
            "platforms": ["instagram"],
            "media_ids": [wide],
            "platform_options": {"instagram": {"media_type": "reel"}},
        },
        headers=cleo["headers"],
    ).json()
    assert check[0]["problems"] == [] and check[0]["post_type"] == "reel"


def test_a_portrait_story_goes_out_without_a_caption(live: Live, cleo: dict[str, Any]) -> None:
    tall = _upload(live, cleo, "tall.jpg", image("JPEG", (1080, 1920)), "image/jpeg")
    post = _create(
        live,
        cleo,
        {
            "content": "Stories show no caption",
            "media_ids": [tall],
            "social_account_ids": [cleo["accounts"]["instagram"]],
            "platform_options": {"instagram": {"media_type": "story"}},
        },
    )
    assert post["problems"] == []
    live.http.post(f"/api/posts/{post['id']}/publish", headers=cleo["headers"]).raise_for_status()
    ig = _by_platform(_run_until_settled(live, post["id"]))["instagram"]
    assert ig["status"] == "published" and "/stories/" in ig["platform_url"]
    (record,) = live.published("instagram")
    assert record["extra"]["media_product_type"] == "STORY" and record["text"] == ""


def test_first_comments_on_facebook_linkedin_and_youtube(live: Live, cleo: dict[str, Any]) -> None:
    clip = _upload(live, cleo, "short.mp4", mp4(1080, 1920, seconds=30.0), "video/mp4")
    text_post = _create(
        live,
        cleo,
        {
            "content": "News for everyone",
            "social_account_ids": [cleo["accounts"]["facebook"], cleo["accounts"]["linkedin"]],
            "platform_options": {
                "facebook": {"first_comment": "Details: https://example.com/news"},
                "linkedin": {"first_comment": "More (with #tags) below"},
            },
        },
    )
    video_post = _create(
        live,
        cleo,
        {
            "content": "A Short",
            "title": "A Short",
            "media_ids": [clip],
            "social_account_ids": [cleo["accounts"]["youtube"]],
            "platform_options": {
                "youtube": {"made_for_kids": False, "first_comment": "Chapters in here"}
            },
        },
    )
    for post in (text_post, video_post):
        assert post["problems"] == [], post["problems"]
        live.http.post(
            f"/api/posts/{post['id']}/publish", headers=cleo["headers"]
        ).raise_for_status()
    targets = {
        **_by_platform(_run_until_settled(live, text_post["id"])),
        **_by_platform(_run_until_settled(live, video_post["id"])),
    }
    for platform in ("facebook", "linkedin", "youtube"):
        comment = targets[platform]["first_comment"]
        assert comment["status"] == "published", (platform, comment)
        assert comment["id"] and comment["url"] and comment["url"].startswith("http"), comment
    yt = targets["youtube"]
    assert yt["platform_url"] == f"https://www.youtube.com/shorts/{yt['platform_post_id']}"
    assert targets["linkedin"]["first_comment"]["url"].startswith(
        targets["linkedin"]["platform_url"]
    )


def test_youtube_needs_the_made_for_kids_answer(live: Live, cleo: dict[str, Any]) -> None:
    clip = _upload(live, cleo, "v.mp4", mp4(1280, 720, seconds=8.0), "video/mp4")
    post = _create(
        live,
        cleo,
        {
            "content": "Video",
            "title": "Video",
            "media_ids": [clip],
            "social_account_ids": [cleo["accounts"]["youtube"]],
        },
    )
    assert [(p["code"], p["field"]) for p in post["problems"]] == [
        ("made_for_kids_required", "options.made_for_kids")
    ]
    r = live.http.put(
        f"/api/posts/{post['id']}",
        json={"platform_options": {"youtube": {"made_for_kids": True, "short": True}}},
        headers=cleo["headers"],
    )
    codes = {p["code"] for p in r.json()["problems"]}
    assert codes == {"aspect_ratio"}  # a Short asked for, but the video is 16:9


def test_the_composer_lists_a_channels_playlists(live: Live, cleo: dict[str, Any]) -> None:
    account = cleo["accounts"]["youtube"]
    r = live.http.get(f"/api/social-accounts/{account}/youtube-playlists", headers=cleo["headers"])
    assert r.status_code == 200, r.text
    assert [p["title"] for p in r.json()["items"]] == ["Highlights", "Tutorials"]
    other = live.http.get(
        f"/api/social-accounts/{cleo['accounts']['linkedin']}/youtube-playlists",
        headers=cleo["headers"],
    )
    assert other.status_code == 400 and "not a YouTube one" in other.json()["error"]["message"]
