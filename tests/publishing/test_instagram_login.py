"""Instagram connected with Instagram Login through the app (issue 19 §6): the Platforms page's
second way, from /connect to the callback, then a Reel with a first comment published on
graph.instagram.com by the engine."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
from sqlalchemy import update

from socialflow.models import Workspace
from tests.fixtures.oauth import ConsentForm, connected_id
from tests.media.files import mp4
from tests.publishing.conftest import Live
from tests.publishing.test_post_types import _run_until_settled


def _connect(live: Live, who: dict[str, Any], username: str, method: str) -> httpx.URL:
    """connect -> Instagram's consent page -> callback, as the browser goes."""
    with httpx.Client(base_url=live.base_url, timeout=30, follow_redirects=False) as client:
        r = client.post(
            "/api/social-accounts/connect",
            json={"platform": "instagram", "method": method},
            headers=who["headers"],
        )
        assert r.status_code == 200, r.text
        auth_url = r.json()["authorization_url"]
        assert "/instagram-login/oauth/authorize?" in auth_url
        page = client.get(auth_url)
        form = ConsentForm()
        form.feed(page.text)
        assert form.action is not None
        data = {**form.fields, "username": username, "decision": "approve"}
        response = client.post(urljoin(str(page.url), form.action), data=data)
        for _ in range(5):
            location = urljoin(str(response.url), response.headers["location"])
            if urlsplit(location).path.startswith("/platforms"):
                return httpx.URL(location)
            response = client.get(location.split("#")[0])
    raise AssertionError("the consent flow did not come back to the dashboard")


def test_an_account_without_a_facebook_page_connects_and_publishes(live: Live) -> None:
    who = live.user("nadia@example.com")
    with live.ctx.db.session() as s:
        s.execute(update(Workspace).values(subscription_tier="pro", subscription_status="active"))
    account_id = connected_id(_connect(live, who, "pageless_studio", "instagram_login"))
    (account,) = live.http.get("/api/social-accounts", headers=who["headers"]).json()["items"]
    assert account["id"] == account_id and account["platform"] == "instagram"
    assert account["username"] == "pageless_studio" and account["status"] == "active"
    # Reconnect the same way; its token is renewed, so no "access ends on" date.
    assert account["connect_method"] == "instagram_login" and account["access_ends_at"] is None
    clip = live.http.post(
        "/api/posts/upload-media",
        headers=who["headers"],
        files={"file": ("reel.mp4", mp4(1080, 1920, seconds=12.0), "video/mp4")},
    ).json()["id"]
    r = live.http.post(
        "/api/posts",
        headers=who["headers"],
        json={
            "content": "Made without a Facebook Page",
            "media_ids": [clip],
            "social_account_ids": [account_id],
            "platform_options": {"instagram": {"media_type": "reel", "first_comment": "#nopage"}},
            "publish": True,
        },
    )
    assert r.status_code == 201, r.text
    ig = _run_until_settled(live, r.json()["id"])["platform_posts"][0]
    assert ig["status"] == "published", ig
    assert ig["platform_url"].startswith("https://www.instagram.com/reel/")
    assert ig["first_comment"]["status"] == "published"
    (record,) = live.published("instagram")
    assert record["extra"]["media_product_type"] == "REELS"


def test_a_personal_account_and_a_method_for_another_platform_are_refused(live: Live) -> None:
    who = live.user("omar@example.com")
    final = _connect(live, who, "personal_diary", "instagram_login")
    assert "error=platform_error" in str(final) and "professional" in str(final)
    r = live.http.post(
        "/api/social-accounts/connect",
        json={"platform": "twitter", "method": "instagram_login"},
        headers=who["headers"],
    )
    assert r.status_code == 422
    assert r.json()["error"]["details"][0]["field"] == "method"
