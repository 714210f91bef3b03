"""The posts API: drafts, variants, validation, scheduling in time zones, cancel/duplicate.

Every test here runs with the app's clock pinned (`clock`, tests/fixtures/clock.py): "in two
days", "the next DST change" and "this month" are read from that instant, not the wall clock.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from socialflow.core.context import AppContext
from socialflow.models import User, Workspace
from tests.fixtures.clock import FixedClock
from tests.fixtures.factories import make_account

Register = Callable[..., dict[str, Any]]


@pytest.fixture
def alice(register: Register, ctx: AppContext, clock: FixedClock) -> dict[str, Any]:
    session = register("alice@example.com")
    session["headers"] = {"Authorization": f"Bearer {session['access_token']}"}
    uid = session["user"]["id"]
    with ctx.db.session() as s:  # her usage month began at the pinned instant, not the wall's
        s.execute(
            update(Workspace)
            .where(Workspace.id == uuid.UUID(uid))
            .values(usage_period_start=clock.now)
        )
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


def test_schedule_with_offset_and_reschedule(
    client: TestClient, alice: dict[str, Any], clock: FixedClock
) -> None:
    post = _create(client, alice)
    when = clock.now + timedelta(days=2)
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


def test_local_time_is_read_in_the_users_zone(
    client: TestClient, alice: dict[str, Any], clock: FixedClock
) -> None:
    client.patch("/api/auth/me", headers=alice["headers"], json={"timezone": "America/New_York"})
    post = _create(client, alice)
    day = (clock.now + timedelta(days=40)).date()
    r = client.post(
        f"/api/posts/{post['id']}/schedule",
        headers=alice["headers"],
        json={"scheduled_for": f"{day}T09:30"},
    )
    assert r.status_code == 200, r.text
    expected = datetime(day.year, day.month, day.day, 9, 30, tzinfo=ZoneInfo("America/New_York"))
    assert datetime.fromisoformat(r.json()["scheduled_for"]) == expected
    assert r.json()["schedule_timezone"] == "America/New_York"


def _next_transition(zone: str, forward: bool, after: datetime) -> date:
    """The first local date after `after` on which `zone` changes its clocks (forward or back).

    Offsets are compared at local noon of consecutive days: a change happens at night, so it
    lies between the noons of the day before and of its own day, whatever the time of `after`.
    """
    tz = ZoneInfo(zone)
    day = after.astimezone(tz).date()
    for _ in range(400):
        a = datetime.combine(day, time(12), tz).utcoffset()
        b = datetime.combine(day + timedelta(days=1), time(12), tz).utcoffset()
        assert a is not None and b is not None
        if a != b and (b > a) == forward:
            return day + timedelta(days=1)
        day += timedelta(days=1)
    raise AssertionError("no DST change within a year")


def test_dst_gap_is_refused_with_the_reason(
    client: TestClient, alice: dict[str, Any], clock: FixedClock
) -> None:
    post = _create(client, alice)
    day = _next_transition("America/New_York", forward=True, after=clock.now)
    assert day == date(2027, 3, 14)  # the second Sunday of March
    r = client.post(
        f"/api/posts/{post['id']}/schedule",
        headers=alice["headers"],
        json={"scheduled_for": f"{day}T02:30", "timezone": "America/New_York"},
    )
    assert r.status_code == 422
    assert "does not exist" in r.json()["error"]["message"]
    assert r.json()["error"]["details"][0]["field"] == "scheduled_for"


def test_dst_overlap_takes_the_first_unless_asked(
    client: TestClient, alice: dict[str, Any], clock: FixedClock
) -> None:
    post = _create(client, alice)
    day = _next_transition("America/New_York", forward=False, after=clock.now)
    assert day == date(2027, 11, 7)  # the first Sunday of November
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


def test_odd_offsets_are_read_to_the_minute(client: TestClient, alice: dict[str, Any]) -> None:
    """Kathmandu is UTC+05:45; Lord Howe Island moves its clocks by half an hour."""
    post = _create(client, alice)

    def schedule(local: str, zone: str, fold: int = 0) -> Any:
        body = {"scheduled_for": local, "timezone": zone, "fold": fold}
        return client.post(f"/api/posts/{post['id']}/schedule", headers=alice["headers"], json=body)

    kathmandu = schedule("2027-03-12T09:30", "Asia/Kathmandu")
    assert kathmandu.status_code == 200, kathmandu.text
    assert datetime.fromisoformat(kathmandu.json()["scheduled_for"]) == datetime(
        2027, 3, 12, 3, 45, tzinfo=UTC
    )
    # 2027-10-03 02:00 -> 02:30: 02:15 does not exist, 02:45 does (UTC+11).
    gap = schedule("2027-10-03T02:15", "Australia/Lord_Howe")
    assert gap.status_code == 422 and "does not exist" in gap.json()["error"]["message"]
    after = schedule("2027-10-03T02:45", "Australia/Lord_Howe")
    assert datetime.fromisoformat(after.json()["scheduled_for"]) == datetime(
        2027, 10, 2, 15, 45, tzinfo=UTC
    )
    # 2027-04-04 02:00 -> 01:30: 01:45 happens twice, half an hour apart.
    first = schedule("2027-04-04T01:45", "Australia/Lord_Howe")
    second = schedule("2027-04-04T01:45", "Australia/Lord_Howe", fold=1)
    a = datetime.fromisoformat(first.json()["scheduled_for"])
    b = datetime.fromisoformat(second.json()["scheduled_for"])
    assert (a, b - a) == (datetime(2027, 4, 3, 14, 45, tzinfo=UTC), timedelta(minutes=30))


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
    client: TestClient, alice: dict[str, Any], ctx: AppContext, clock: FixedClock
) -> None:
    def used() -> int:
        with ctx.db.session() as s:
            ws = s.scalar(
                select(Workspace)
                .join(User, User.id == Workspace.owner_id)
                .where(User.email == "alice@example.com", Workspace.personal.is_(True))
            )
            assert ws is not None
            return ws.posts_this_month

    post = _create(client, alice)
    when = (clock.now + timedelta(days=1)).isoformat()
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


def test_free_plan_monthly_limit(
    client: TestClient, alice: dict[str, Any], clock: FixedClock
) -> None:
    when = (clock.now + timedelta(days=1)).isoformat()
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


def test_the_monthly_limit_starts_again_on_the_1st(
    client: TestClient, alice: dict[str, Any], clock: FixedClock
) -> None:
    clock.now = datetime(2027, 3, 31, 23, 59, 30, tzinfo=UTC)
    when = {"scheduled_for": (clock.now + timedelta(days=1)).isoformat()}
    for i in range(10):
        post = _create(client, alice, content=f"March post {i}")
        r = client.post(f"/api/posts/{post['id']}/schedule", headers=alice["headers"], json=when)
        assert r.status_code == 200, r.text
    late = _create(client, alice, content="the eleventh")
    r = client.post(f"/api/posts/{late['id']}/schedule", headers=alice["headers"], json=when)
    assert r.status_code == 402
    clock.advance(timedelta(minutes=1))  # 2027-04-01 00:00:30 UTC: a new usage month
    r = client.post(f"/api/posts/{late['id']}/schedule", headers=alice["headers"], json=when)
    assert r.status_code == 200, r.text


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


def test_calendar_range(client: TestClient, alice: dict[str, Any], clock: FixedClock) -> None:
    post = _create(client, alice)
    when = clock.now + timedelta(days=3)
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
    client: TestClient, alice: dict[str, Any], register: Register, clock: FixedClock
) -> None:
    post = _create(client, alice)
    bob = register("bob@example.com")
    h = {"Authorization": f"Bearer {bob['access_token']}"}
    pid = post["id"]
    when = {"scheduled_for": (clock.now + timedelta(days=1)).isoformat()}
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
