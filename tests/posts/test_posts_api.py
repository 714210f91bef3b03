"""The posts API: drafts, variants, validation, scheduling in time zones, cancel/duplicate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from socialflow.core.context import AppContext
from socialflow.models import User
from tests.fixtures.factories import make_account

Register = Callable[..., dict[str, Any]]


@pytest.fixture
def alice(register: Register, ctx: AppContext) -> dict[str, Any]:
    session = register("alice@example.com")
    session["headers"] = {"Authorization": f"Bearer {session['access_token']}"}
    uid = session["user"]["id"]
    session["accounts"] = {
        "twitter": make_account(ctx, uid, "twitter"),
        "linkedin": make_account(ctx, uid, "linkedin"),
    }
    return session


def _create(client: TestClient, who: dict[str, Any], **body: Any) -> dict[str, Any]:
    payload = {"content": "Hello world, launching today!", "platforms": ["twitter", "linkedin"]}
    payload.update(body)
    r = client.post("/api/posts", json=payload, headers=who["headers"])
    assert r.status_code == 201, r.text
    return r.json()


def test_create_draft_with_a_variant_per_account(client: TestClient, alice: dict[str, Any]) -> None:
    post = _create(client, alice, title="Launch")
    assert post["status"] == "draft"
    assert sorted(post["platforms"]) == ["linkedin", "twitter"]
    variants = {v["platform"]: v for v in post["platform_posts"]}
    assert set(variants) == {"twitter", "linkedin"}
    assert all(v["content"] == "Hello world, launching today!" for v in variants.values())
    assert all(v["status"] == "draft" and v["user_edited"] is False for v in variants.values())
    assert variants["twitter"]["account"]["username"] == "twitter_user"
    assert post["problems"] == []


def test_targets_by_account_id(client: TestClient, alice: dict[str, Any]) -> None:
    post = _create(
        client, alice, platforms=None, social_account_ids=[str(alice["accounts"]["linkedin"])]
    )
    assert [v["platform"] for v in post["platform_posts"]] == ["linkedin"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"content": "x", "platforms": ["myspace"]}, "platforms"),
        ({"content": "", "platforms": ["twitter"]}, "content"),
        ({"content": "x"}, "request"),
        ({"content": "x", "platforms": ["tiktok"]}, "platforms"),  # nothing connected there
    ],
)
def test_bad_create_names_the_field(
    client: TestClient, alice: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    r = client.post("/api/posts", json=body, headers=alice["headers"])
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert field in error["message"] or any(d["field"] == field for d in error["details"] or [])


def test_someone_elses_account_is_refused(
    client: TestClient, alice: dict[str, Any], register: Register, ctx: AppContext
) -> None:
    bob = register("bob@example.com")
    bobs = make_account(ctx, bob["user"]["id"], "twitter")
    r = client.post(
        "/api/posts",
        json={"content": "hi", "social_account_ids": [str(bobs)]},
        headers=alice["headers"],
    )
    assert r.status_code == 422
    assert r.json()["error"]["details"][0]["field"] == "social_account_ids"


def test_problems_are_reported_per_platform(client: TestClient, alice: dict[str, Any]) -> None:
    post = _create(client, alice, content="x" * 300)
    problems = {p["platform"]: p for p in post["problems"]}
    assert set(problems) == {"twitter"}  # 300 fits LinkedIn's 3,000
    assert problems["twitter"]["code"] == "too_long"
    assert "remove 20" in problems["twitter"]["message"]
    r = client.post(f"/api/posts/{post['id']}/publish", headers=alice["headers"])
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "post_invalid"
    assert r.json()["error"]["details"][0]["platform"] == "twitter"
    # Nothing was armed by the refused request.
    again = client.get(f"/api/posts/{post['id']}", headers=alice["headers"]).json()
    assert again["status"] == "draft"
    assert {v["status"] for v in again["platform_posts"]} == {"draft"}


def test_edited_variant_survives_later_edits_of_the_post(
    client: TestClient, alice: dict[str, Any]
) -> None:
    post = _create(client, alice)
    tw = next(v for v in post["platform_posts"] if v["platform"] == "twitter")
    r = client.put(
        f"/api/posts/{post['id']}",
        headers=alice["headers"],
        json={"variants": [{"platform_post_id": tw["id"], "content": "Short for X #launch"}]},
    )
    assert r.status_code == 200
    r = client.put(
        f"/api/posts/{post['id']}",
        headers=alice["headers"],
        json={"content": "A new version of the post"},
    )
    variants = {v["platform"]: v for v in r.json()["platform_posts"]}
    assert variants["twitter"]["content"] == "Short for X #launch"
    assert variants["twitter"]["user_edited"] is True
    assert variants["linkedin"]["content"] == "A new version of the post"
    reset = client.put(
        f"/api/posts/{post['id']}",
        headers=alice["headers"],
        json={"variants": [{"platform_post_id": tw["id"], "reset": True}]},
    )
    variants = {v["platform"]: v for v in reset.json()["platform_posts"]}
    assert variants["twitter"]["content"] == "A new version of the post"
    assert variants["twitter"]["user_edited"] is False


def test_schedule_with_offset_and_reschedule(client: TestClient, alice: dict[str, Any]) -> None:
    post = _create(client, alice)
    when = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    r = client.post(
        f"/api/posts/{post['id']}/schedule",
        headers=alice["headers"],
        json={"scheduled_for": when.isoformat()},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "scheduled"
    assert datetime.fromisoformat(body["scheduled_for"]) == when
    assert {v["status"] for v in body["platform_posts"]} == {"pending"}
    later = when + timedelta(hours=3)
    r = client.post(
        f"/api/posts/{post['id']}/schedule",
        headers=alice["headers"],
        json={"scheduled_for": later.isoformat()},
    )
    assert datetime.fromisoformat(r.json()["scheduled_for"]) == later
    assert all(datetime.fromisoformat(v["due_at"]) == later for v in r.json()["platform_posts"])


def test_local_time_is_read_in_the_users_zone(client: TestClient, alice: dict[str, Any]) -> None:
    client.patch("/api/auth/me", headers=alice["headers"], json={"timezone": "America/New_York"})
    post = _create(client, alice)
    day = (datetime.now(UTC) + timedelta(days=40)).date()
    r = client.post(
        f"/api/posts/{post['id']}/schedule",
        headers=alice["headers"],
        json={"scheduled_for": f"{day}T09:30"},
    )
    assert r.status_code == 200, r.text
    expected = datetime(day.year, day.month, day.day, 9, 30, tzinfo=ZoneInfo("America/New_York"))
    assert datetime.fromisoformat(r.json()["scheduled_for"]) == expected
    assert r.json()["schedule_timezone"] == "America/New_York"


def _next_transition(zone: str, forward: bool) -> datetime:
    """The next local date of a DST change in `zone` (spring forward or fall back)."""
    tz = ZoneInfo(zone)
    day = datetime.now(UTC) + timedelta(days=2)
    for _ in range(400):
        a, b = day.astimezone(tz).utcoffset(), (day + timedelta(days=1)).astimezone(tz).utcoffset()
        if a != b and (b > a) == forward:  # type: ignore[operator]
            return (day + timedelta(days=1)).astimezone(tz)
        day += timedelta(days=1)
    raise AssertionError("no DST change within a year")


def test_dst_gap_is_refused_with_the_reason(client: TestClient, alice: dict[str, Any]) -> None:
    post = _create(client, alice)
    day = _next_transition("America/New_York", forward=True).date()
    r = client.post(
        f"/api/posts/{post['id']}/schedule",
        headers=alice["headers"],
        json={"scheduled_for": f"{day}T02:30", "timezone": "America/New_York"},
    )
    assert r.status_code == 422
    assert "does not exist" in r.json()["error"]["message"]
    assert r.json()["error"]["details"][0]["field"] == "scheduled_for"


def test_dst_overlap_takes_the_first_unless_asked(
    client: TestClient, alice: dict[str, Any]
) -> None:
    post = _create(client, alice)
    day = _next_transition("America/New_York", forward=False).date()
    first = client.post(
        f"/api/posts/{post['id']}/schedule",
        headers=alice["headers"],
        json={"scheduled_for": f"{day}T01:30", "timezone": "America/New_York"},
    )
    second = client.post(
        f"/api/posts/{post['id']}/schedule",
        headers=alice["headers"],
        json={"scheduled_for": f"{day}T01:30", "timezone": "America/New_York", "fold": 1},
    )
    a = datetime.fromisoformat(first.json()["scheduled_for"])
    b = datetime.fromisoformat(second.json()["scheduled_for"])
    assert b - a == timedelta(hours=1)


@pytest.mark.parametrize("value", ["2020-01-01T10:00:00Z", "next tuesday", "2026-13-45T99:00"])
def test_bad_or_past_times_are_refused(
    client: TestClient, alice: dict[str, Any], value: str
) -> None:
    post = _create(client, alice)
    r = client.post(
        f"/api/posts/{post['id']}/schedule", headers=alice["headers"], json={"scheduled_for": value}
    )
    assert r.status_code == 422
    assert r.json()["error"]["details"][0]["field"] == "scheduled_for"


def test_cancel_gives_the_months_post_back(
    client: TestClient, alice: dict[str, Any], ctx: AppContext
) -> None:
    def used() -> int:
        with ctx.db.session() as s:
            user = s.scalar(select(User).where(User.email == "alice@example.com"))
            assert user is not None
            return user.posts_this_month

    post = _create(client, alice)
    when = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    client.post(
        f"/api/posts/{post['id']}/schedule", headers=alice["headers"], json={"scheduled_for": when}
    )
    assert used() == 1
    client.post(
        f"/api/posts/{post['id']}/schedule", headers=alice["headers"], json={"scheduled_for": when}
    )
    assert used() == 1  # rescheduling is not a new post
    r = client.post(f"/api/posts/{post['id']}/cancel", headers=alice["headers"])
    assert r.status_code == 200 and r.json()["status"] == "draft"
    assert used() == 0
    again = client.post(f"/api/posts/{post['id']}/cancel", headers=alice["headers"])
    assert again.status_code == 409


def test_free_plan_monthly_limit(client: TestClient, alice: dict[str, Any]) -> None:
    when = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    for i in range(10):
        post = _create(client, alice, content=f"post number {i}")
        r = client.post(
            f"/api/posts/{post['id']}/schedule",
            headers=alice["headers"],
            json={"scheduled_for": when},
        )
        assert r.status_code == 200, r.text
    post = _create(client, alice, content="one too many")
    r = client.post(
        f"/api/posts/{post['id']}/schedule", headers=alice["headers"], json={"scheduled_for": when}
    )
    assert r.status_code == 402
    error = r.json()["error"]
    assert error["code"] == "plan_limit" and "10 posts a month" in error["message"]
    assert error["details"]["plan"] == "free"


def test_duplicate_copies_content_and_variants(client: TestClient, alice: dict[str, Any]) -> None:
    post = _create(client, alice)
    tw = next(v for v in post["platform_posts"] if v["platform"] == "twitter")
    client.put(
        f"/api/posts/{post['id']}",
        headers=alice["headers"],
        json={"variants": [{"platform_post_id": tw["id"], "content": "X version"}]},
    )
    r = client.post(f"/api/posts/{post['id']}/duplicate", headers=alice["headers"])
    assert r.status_code == 201
    copy = r.json()
    assert copy["id"] != post["id"] and copy["status"] == "draft"
    variants = {v["platform"]: v for v in copy["platform_posts"]}
    assert variants["twitter"]["content"] == "X version" and variants["twitter"]["user_edited"]


def test_list_filters_and_pagination(client: TestClient, alice: dict[str, Any]) -> None:
    ids = [_create(client, alice, content=f"post {i}")["id"] for i in range(3)]
    only_li = _create(client, alice, content="li only", platforms=["linkedin"])
    page = client.get("/api/posts?limit=2", headers=alice["headers"]).json()
    assert page["total"] == 4 and len(page["items"]) == 2
    assert page["items"][0]["id"] == only_li["id"]  # newest first
    tw = client.get("/api/posts?platform=twitter", headers=alice["headers"]).json()
    assert {p["id"] for p in tw["items"]} == set(ids)
    drafts = client.get("/api/posts?status=draft", headers=alice["headers"]).json()
    assert drafts["total"] == 4
    bad = client.get("/api/posts?limit=1000", headers=alice["headers"])
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "limit"


def test_calendar_range(client: TestClient, alice: dict[str, Any]) -> None:
    post = _create(client, alice)
    when = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    client.post(
        f"/api/posts/{post['id']}/schedule",
        headers=alice["headers"],
        json={"scheduled_for": when.isoformat()},
    )
    start = (when - timedelta(days=1)).isoformat()
    end = (when + timedelta(days=1)).isoformat()
    items = client.get(
        "/api/posts/calendar", params={"from": start, "to": end}, headers=alice["headers"]
    ).json()
    assert [(i["id"], i["kind"]) for i in items] == [(post["id"], "scheduled")]
    assert datetime.fromisoformat(items[0]["at"]) == when
    outside = client.get(
        "/api/posts/calendar",
        params={"from": end, "to": (when + timedelta(days=5)).isoformat()},
        headers=alice["headers"],
    ).json()
    assert outside == []


def test_delete(client: TestClient, alice: dict[str, Any]) -> None:
    post = _create(client, alice)
    assert client.delete(f"/api/posts/{post['id']}", headers=alice["headers"]).status_code == 204
    assert client.get(f"/api/posts/{post['id']}", headers=alice["headers"]).status_code == 404


def test_other_users_posts_are_404(
    client: TestClient, alice: dict[str, Any], register: Register
) -> None:
    post = _create(client, alice)
    bob = register("bob@example.com")
    h = {"Authorization": f"Bearer {bob['access_token']}"}
    pid = post["id"]
    when = {"scheduled_for": (datetime.now(UTC) + timedelta(days=1)).isoformat()}
    calls = [
        client.get(f"/api/posts/{pid}", headers=h),
        client.put(f"/api/posts/{pid}", json={"content": "mine now"}, headers=h),
        client.delete(f"/api/posts/{pid}", headers=h),
        client.post(f"/api/posts/{pid}/publish", headers=h),
        client.post(f"/api/posts/{pid}/schedule", json=when, headers=h),
        client.post(f"/api/posts/{pid}/cancel", headers=h),
        client.post(f"/api/posts/{pid}/retry", headers=h),
        client.post(f"/api/posts/{pid}/duplicate", headers=h),
    ]
    assert [c.status_code for c in calls] == [404] * len(calls)
    assert client.get("/api/posts", headers=h).json()["total"] == 0
    mine = client.get(f"/api/posts/{pid}", headers=alice["headers"]).json()
    assert mine["content"] == "Hello world, launching today!"


def test_check_counts_as_each_platform_counts(client: TestClient, alice: dict[str, Any]) -> None:
    text = "Read this 👍 https://example.com/a/very/long/path/that/keeps/going/on/and/on"
    r = client.post(
        "/api/posts/check",
        headers=alice["headers"],
        json={"content": text, "platforms": ["twitter", "tiktok", "youtube"]},
    )
    assert r.status_code == 200
    by = {c["platform"]: c for c in r.json()}
    assert by["twitter"]["count"] == len("Read this ") + 2 + 1 + 23  # emoji 2, space, URL 23
    assert by["twitter"]["limit"] == 280
    assert by["tiktok"]["count"] == len(text) + 1  # the emoji is two UTF-16 units
    assert by["youtube"]["count"] == len(text.encode())  # UTF-8 bytes
    assert by["youtube"]["problems"][0]["code"] in {"media_required", "title_missing"}
