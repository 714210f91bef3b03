"""Issue 21: what a user saves is what stays; refused actions leave nothing behind."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from socialflow.core.clock import utcnow
from socialflow.core.context import AppContext
from socialflow.jobs.registry import TICKS, load_all_jobs
from socialflow.models import PlatformPost, Post
from socialflow.posts.trash import UNDO_WINDOW
from tests.fixtures.clock import FixedClock
from tests.fixtures.factories import make_account

Register = Callable[..., dict[str, Any]]


@pytest.fixture
def ada(register: Register, ctx: AppContext, clock: FixedClock) -> dict[str, Any]:
    """Dates below are read at the pinned clock (tests.fixtures.clock.PINNED, 2027-03-10)."""
    session = register("ada@example.com")
    session["headers"] = {"Authorization": f"Bearer {session['access_token']}"}
    uid = session["user"]["id"]
    for platform in ("twitter", "linkedin", "facebook"):
        make_account(ctx, uid, platform)
    return session


def _create(client: TestClient, who: dict[str, Any], **body: Any) -> dict[str, Any]:
    payload = {
        "content": (
            "We shipped a calendar you can drag posts around in. Details on the blog. #launch"
        ),
        "platforms": ["twitter", "linkedin", "facebook"],
    }
    payload.update(body)
    r = client.post("/api/posts", json=payload, headers=who["headers"])
    assert r.status_code == 201, r.text
    return r.json()


def _variants(post: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {v["platform"]: v for v in post["platform_posts"]}


def test_saving_one_variant_keeps_the_optimized_versions_of_the_others(
    client: TestClient, ada: dict[str, Any]
) -> None:
    post = _create(client, ada)
    r = client.post(
        f"/api/posts/{post['id']}/optimize", json={"optimizer": "offline"}, headers=ada["headers"]
    )
    assert r.status_code == 200, r.text
    optimized = _variants(client.get(f"/api/posts/{post['id']}", headers=ada["headers"]).json())
    assert all(v["optimized_by"] == "offline" for v in optimized.values())
    assert optimized["linkedin"]["content"] != post["content"]  # the rules changed something

    r = client.put(
        f"/api/posts/{post['id']}",
        json={"variants": [{"platform_post_id": optimized["twitter"]["id"], "content": "Mine"}]},
        headers=ada["headers"],
    )
    assert r.status_code == 200, r.text
    after = _variants(r.json())
    assert after["twitter"]["content"] == "Mine" and after["twitter"]["user_edited"]
    for platform in ("linkedin", "facebook"):
        assert after[platform]["content"] == optimized[platform]["content"], platform
        assert after[platform]["optimized_by"] == "offline"


def test_editing_the_original_leaves_optimized_and_edited_variants_alone(
    client: TestClient, ada: dict[str, Any]
) -> None:
    post = _create(client, ada)
    client.post(
        f"/api/posts/{post['id']}/optimize",
        json={"optimizer": "offline", "platforms": ["linkedin"]},
        headers=ada["headers"],
    )
    before = _variants(client.get(f"/api/posts/{post['id']}", headers=ada["headers"]).json())
    client.put(
        f"/api/posts/{post['id']}",
        json={"variants": [{"platform_post_id": before["facebook"]["id"], "content": "FB own"}]},
        headers=ada["headers"],
    )
    r = client.put(
        f"/api/posts/{post['id']}", json={"content": "New original"}, headers=ada["headers"]
    )
    assert r.status_code == 200, r.text
    after = _variants(r.json())
    assert after["twitter"]["content"] == "New original"  # still follows the original
    assert after["linkedin"]["content"] == before["linkedin"]["content"]  # optimized: kept
    assert after["facebook"]["content"] == "FB own"  # edited by hand: kept


# --------------------------------------------------------------------------- 21.5 junk drafts


def _count(client: TestClient, who: dict[str, Any]) -> int:
    r = client.get("/api/posts", headers=who["headers"])
    return int(r.json()["total"])


@pytest.mark.parametrize(
    ("extra", "status", "field"),
    [
        (
            {"schedule": {"scheduled_for": "2001-01-01T10:00", "timezone": "UTC"}},
            422,
            "scheduled_for",
        ),
        ({"publish": True, "content": "x" * 300, "platforms": ["twitter"]}, 422, None),
        ({"publish": True, "schedule": {"scheduled_for": "2027-04-01T10:00"}}, 422, "request"),
    ],
)
def test_a_refused_publish_or_schedule_at_creation_leaves_no_draft(
    client: TestClient, ada: dict[str, Any], extra: dict[str, Any], status: int, field: str | None
) -> None:
    payload = {"content": "Hello", "platforms": ["twitter"], **extra}
    r = client.post("/api/posts", json=payload, headers=ada["headers"])
    assert r.status_code == status, r.text
    error = r.json()["error"]
    if field:
        assert field in error["message"] or any(
            d.get("field") == field for d in error["details"] or []
        ), error
    assert _count(client, ada) == 0


def test_publish_at_creation_creates_and_arms_in_one_step(
    client: TestClient, ada: dict[str, Any]
) -> None:
    r = client.post(
        "/api/posts",
        json={"content": "Now", "platforms": ["twitter"], "publish": True},
        headers=ada["headers"],
    )
    assert r.status_code == 201, r.text
    assert r.json()["status"] in ("scheduled", "publishing", "published")
    assert all(v["status"] != "draft" for v in r.json()["platform_posts"])


# --------------------------------------------------------------------------- delete, undo, bulk


def test_delete_hides_the_post_and_restore_brings_it_back_scheduled(
    client: TestClient, ada: dict[str, Any], ctx: AppContext
) -> None:
    when = "2027-03-12T10:00:00+00:00"
    post = _create(client, ada, schedule={"scheduled_for": when})
    assert post["status"] == "scheduled"
    used = client.get("/api/billing/subscription", headers=ada["headers"]).json()
    assert client.delete(f"/api/posts/{post['id']}", headers=ada["headers"]).status_code == 204
    assert client.get(f"/api/posts/{post['id']}", headers=ada["headers"]).status_code == 404
    assert _count(client, ada) == 0
    calendar = client.get(
        "/api/posts/calendar",
        params={"from": "2027-03-01T00:00:00Z", "to": "2027-03-31T00:00:00Z"},
        headers=ada["headers"],
    ).json()
    assert calendar == []
    after_delete = client.get("/api/billing/subscription", headers=ada["headers"]).json()
    assert after_delete["usage"]["posts_this_month"] == used["usage"]["posts_this_month"] - 1

    r = client.post("/api/posts/restore", json={"post_ids": [post["id"]]}, headers=ada["headers"])
    assert r.status_code == 200, r.text
    back = client.get(f"/api/posts/{post['id']}", headers=ada["headers"]).json()
    assert back["status"] == "scheduled" and back["scheduled_for"].startswith("2027-03-12T10:00")
    assert all(v["status"] == "pending" for v in back["platform_posts"])
    restored = client.get("/api/billing/subscription", headers=ada["headers"]).json()
    assert restored["usage"]["posts_this_month"] == used["usage"]["posts_this_month"]


def test_bulk_delete_is_all_or_nothing_and_restorable(
    client: TestClient, ada: dict[str, Any]
) -> None:
    ids = [_create(client, ada, content=f"Post {i}")["id"] for i in range(3)]
    unknown = "00000000-0000-4000-8000-000000000000"
    r = client.post(
        "/api/posts/bulk-delete", json={"post_ids": [*ids, unknown]}, headers=ada["headers"]
    )
    assert r.status_code == 404 and unknown in r.text
    assert _count(client, ada) == 3
    r = client.post("/api/posts/bulk-delete", json={"post_ids": ids[:2]}, headers=ada["headers"])
    assert r.status_code == 200, r.text
    assert sorted(r.json()["post_ids"]) == sorted(ids[:2])
    assert _count(client, ada) == 1
    r = client.post("/api/posts/restore", json={"post_ids": ids[:2]}, headers=ada["headers"])
    assert r.status_code == 200
    assert _count(client, ada) == 3
    r = client.post("/api/posts/bulk-delete", json={"post_ids": []}, headers=ada["headers"])
    assert r.status_code == 422 and "post_ids" in r.text


def test_deleted_posts_go_for_good_once_the_undo_window_has_passed(
    client: TestClient, ada: dict[str, Any], ctx: AppContext
) -> None:
    """The hourly tick purges every workspace's posts deleted over 24 h ago (and their
    targets); a post deleted within the window stays restorable."""
    old, recent = (_create(client, ada, content=f"Post {i}")["id"] for i in range(2))
    r = client.post(
        "/api/posts/bulk-delete", json={"post_ids": [old, recent]}, headers=ada["headers"]
    )
    assert r.status_code == 200, r.text
    with ctx.db.session() as session:  # `old` was deleted a little over a day ago
        session.get_one(Post, uuid.UUID(old)).deleted_at = (
            utcnow() - UNDO_WINDOW - timedelta(minutes=1)
        )
    load_all_jobs()
    TICKS["posts.purge_deleted"].fn(ctx)
    with ctx.db.session() as session:
        assert session.get(Post, uuid.UUID(old)) is None
        left = session.scalars(
            select(PlatformPost.post_id).where(PlatformPost.post_id == uuid.UUID(old))
        ).all()
        assert left == []
        assert session.get_one(Post, uuid.UUID(recent)).deleted_at is not None
    gone = client.post("/api/posts/restore", json={"post_ids": [old]}, headers=ada["headers"])
    assert gone.status_code == 404 and old in gone.text
    back = client.post("/api/posts/restore", json={"post_ids": [recent]}, headers=ada["headers"])
    assert back.status_code == 200, back.text
    assert _count(client, ada) == 1


# --------------------------------------------------------------------------- 21.1 media not ready


def test_a_post_whose_media_is_still_uploading_cannot_be_published_or_scheduled(
    client: TestClient, ada: dict[str, Any]
) -> None:
    from tests.media.files import image

    r = client.post(
        "/api/media/uploads",
        json={"filename": "clip.png", "mime_type": "image/png", "size_bytes": 120_000_000},
        headers=ada["headers"],
    )
    assert r.status_code == 201, r.text
    reserved = r.json()
    assert reserved["status"] == "uploading"
    post = _create(client, ada, platforms=["facebook"], media_ids=[reserved["id"]])
    assert any(p["code"] == "media_not_ready" for p in post["problems"])
    for action, body in (
        ("publish", None),
        ("schedule", {"scheduled_for": "2027-04-01T10:00:00+00:00"}),
    ):
        r = client.post(f"/api/posts/{post['id']}/{action}", json=body, headers=ada["headers"])
        assert r.status_code == 422, r.text
        assert any(d["code"] == "media_not_ready" for d in r.json()["error"]["details"])

    # The bytes arrive in the reserved id: now it publishes, with the file.
    r = client.post(
        "/api/posts/upload-media",
        params={"media_id": reserved["id"]},
        files={"file": ("clip.png", image("PNG"), "image/png")},
        headers=ada["headers"],
    )
    assert r.status_code == 201, r.text
    assert r.json()["id"] == reserved["id"] and r.json()["status"] == "ready"
    r = client.post(f"/api/posts/{post['id']}/publish", headers=ada["headers"])
    assert r.status_code == 200, r.text
    assert r.json()["platform_posts"][0]["media_ids"] == [reserved["id"]]


def test_reserving_an_upload_names_the_bad_field(client: TestClient, ada: dict[str, Any]) -> None:
    for body, field in (
        ({"mime_type": "application/pdf", "size_bytes": 10}, "mime_type"),
        ({"mime_type": "image/png", "size_bytes": 10**13}, "size_bytes"),
        ({"mime_type": "image/png", "size_bytes": 0}, "size_bytes"),
    ):
        r = client.post("/api/media/uploads", json=body, headers=ada["headers"])
        assert r.status_code == 422, r.text
        assert any(d["field"] == field for d in r.json()["error"]["details"]), r.text


def test_a_cancelled_upload_is_deleted_and_leaves_the_post(
    client: TestClient, ada: dict[str, Any]
) -> None:
    reserved = client.post(
        "/api/media/uploads",
        json={"mime_type": "video/mp4", "size_bytes": 1000},
        headers=ada["headers"],
    ).json()
    r = client.delete(f"/api/media/{reserved['id']}", headers=ada["headers"])
    assert r.status_code == 204
    assert client.get(f"/api/media/{reserved['id']}", headers=ada["headers"]).status_code == 404
