"""Live status: the SSE stream and the polling endpoint report each target's progress."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx
from sqlalchemy import update

from socialflow.models import User
from tests.publishing.conftest import Live


def _pro(live: Live) -> None:
    with live.ctx.db.session() as s:
        s.execute(update(User).values(subscription_tier="pro", subscription_status="active"))


def test_sse_stream_reports_published_without_reloading(live: Live) -> None:
    who = live.user("sse@example.com")
    _pro(live)
    account = live.connect(who, "twitter")
    post = live.http.post(
        "/api/posts",
        headers=who["headers"],
        json={"content": "Watch me go live", "social_account_ids": [account]},
    ).json()
    events: list[dict[str, Any]] = []
    stop = threading.Event()

    def listen() -> None:
        url = f"{live.base_url}/api/posts/events?access_token={who['access_token']}"
        with httpx.stream("GET", url, timeout=30) as r:
            assert r.headers["content-type"].startswith("text/event-stream")
            name = None
            for line in r.iter_lines():
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: ") and name == "post":
                    events.append(json.loads(line[6:]))
                    if events[-1]["status"] == "published" or stop.is_set():
                        return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    time.sleep(0.5)
    live.http.post(f"/api/posts/{post['id']}/publish", headers=who["headers"]).raise_for_status()
    live.run()
    listener.join(timeout=10)
    stop.set()
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
    account = live.connect(who, "linkedin")
    post = live.http.post(
        "/api/posts",
        headers=who["headers"],
        json={"content": "Polled, not streamed", "social_account_ids": [account]},
    ).json()
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
