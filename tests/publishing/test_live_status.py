"""Live status: the SSE stream and the polling endpoint report each target's progress."""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import update

from socialflow.core.clock import utcnow
from socialflow.models import PlatformPost, Workspace
from tests.publishing.conftest import Live


def _pro(live: Live) -> None:
    with live.ctx.db.session() as s:
        s.execute(update(Workspace).values(subscription_tier="pro", subscription_status="active"))


def _draft(live: Live, who: dict[str, Any], platform: str, content: str) -> dict[str, Any]:
    """Connect `platform` for `who` and write a draft to it."""
    account = live.connect(who, platform)
    post: dict[str, Any] = live.http.post(
        "/api/posts",
        headers=who["headers"],
        json={"content": content, "social_account_ids": [account]},
    ).json()
    return post


def _stream(live: Live, who: dict[str, Any], silence: float) -> Any:
    """The user's SSE stream; a read that waits more than `silence` s raises ReadTimeout."""
    url = f"{live.base_url}/api/posts/events?access_token={who['access_token']}"
    return httpx.stream("GET", url, timeout=httpx.Timeout(10, read=silence))


def _posts(lines: Iterator[str]) -> Iterator[dict[str, Any] | None]:
    """The stream's post events in order, read in this thread; None when it says connected
    (from then on every change is streamed)."""
    name = None
    for line in lines:
        if line == ": connected":
            yield None
        elif line.startswith("event: "):
            name = line[7:]
        elif line.startswith("data: ") and name == "post":
            yield json.loads(line[6:])


def _until(
    events: Iterator[dict[str, Any] | None], done: Callable[[dict[str, Any]], bool]
) -> list[dict[str, Any]]:
    """Post events up to and including the first that is `done`."""
    seen: list[dict[str, Any]] = []
    for event in events:
        if event is not None:
            seen.append(event)
            if done(event):
                return seen
    raise AssertionError(f"the stream ended before the awaited event: {seen}")


def test_sse_stream_reports_published_without_reloading(live: Live) -> None:
    who = live.user("sse@example.com")
    _pro(live)
    post = _draft(live, who, "twitter", "Watch me go live")
    with _stream(live, who, silence=10) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        stream = _posts(r.iter_lines())
        assert next(stream) is None  # connected: what changes from now on is sent
        publish = live.http.post(f"/api/posts/{post['id']}/publish", headers=who["headers"])
        publish.raise_for_status()
        live.run()
        events = _until(stream, lambda e: e["status"] == "published")
    assert events, "no event arrived"
    last = events[-1]
    assert last["id"] == post["id"] and last["status"] == "published"
    (target,) = last["platform_posts"]
    assert target["platform"] == "twitter" and target["status"] == "published"
    assert target["platform_url"]


def test_sse_refuses_a_bad_token(live: Live) -> None:
    r = live.http.get("/api/posts/events", params={"access_token": "nope"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_token"


def test_polling_endpoint_lists_changes_since(live: Live) -> None:
    who = live.user("poll@example.com")
    post = _draft(live, who, "linkedin", "Polled, not streamed")
    since = live.http.get("/api/posts/changes", headers=who["headers"]).json()["now"]
    live.http.post(f"/api/posts/{post['id']}/publish", headers=who["headers"]).raise_for_status()
    live.run()
    changes = live.http.get(
        "/api/posts/changes", params={"since": since}, headers=who["headers"]
    ).json()
    (entry,) = changes["posts"]
    assert entry["id"] == post["id"] and entry["status"] == "published"
    other = live.user("other@example.com")
    theirs = live.http.get(
        "/api/posts/changes", params={"since": since}, headers=other["headers"]
    ).json()
    assert theirs["posts"] == []  # only one's own posts


def _late_commit(live: Live, post_id: str, status: str, stamped_before: float) -> None:
    """A change stamped `stamped_before` seconds ago that commits only now (the engine
    stamps updated_at when its transaction starts writing)."""
    with live.ctx.db.session() as s:
        s.execute(
            update(PlatformPost)
            .where(PlatformPost.post_id == uuid.UUID(post_id))
            .values(status=status, updated_at=utcnow() - timedelta(seconds=stamped_before))
        )


def test_polling_does_not_lose_a_change_that_commits_after_its_stamp(live: Live) -> None:
    who = live.user("late@example.com")
    post = _draft(live, who, "linkedin", "Stamped early, committed late")
    since = live.http.get("/api/posts/changes", headers=who["headers"]).json()["now"]
    _late_commit(live, post["id"], "failed", stamped_before=2.0)
    changes = live.http.get(
        "/api/posts/changes", params={"since": since}, headers=who["headers"]
    ).json()
    (entry,) = changes["posts"]
    assert entry["platform_posts"][0]["status"] == "failed"


def test_sse_sends_a_late_committed_change_once(live: Live) -> None:
    who = live.user("late-sse@example.com")
    post = _draft(live, who, "linkedin", "Streamed once")

    def failed(event: dict[str, Any]) -> bool:
        return bool(event["id"] == post["id"] and event["platform_posts"][0]["status"] == "failed")

    with _stream(live, who, silence=4) as r:
        stream = _posts(r.iter_lines())
        # The draft (created within the overlap before the stream opened) comes with the
        # stream's first poll: from then on, the change below is stamped before a poll.
        events = _until(stream, lambda e: e["id"] == post["id"])
        _late_commit(live, post["id"], "failed", stamped_before=3.0)
        events += _until(stream, failed)
        # Every later poll (one a second) reads it again inside the overlap: for 4 s of
        # polls, nothing more may come.
        with contextlib.suppress(httpx.ReadTimeout):
            events += [e for e in stream if e is not None]
    states = [e["platform_posts"][0]["status"] for e in events if e["id"] == post["id"]]
    # Seen although stamped before the stream's last poll, and sent once although every
    # later poll reads it again inside the overlap. (The draft comes first, once.)
    assert states.count("failed") == 1, states
    assert states.count("draft") <= 1, states
