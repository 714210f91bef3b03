"""Issue 21: what a user saves is what stays; refused actions leave nothing behind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from socialflow.core.context import AppContext
from tests.fixtures.factories import make_account

Register = Callable[..., dict[str, Any]]


@pytest.fixture
def ada(register: Register, ctx: AppContext) -> dict[str, Any]:
    session = register("ada@example.com")
    session["headers"] = {"Authorization": f"Bearer {session['access_token']}"}
    uid = session["user"]["id"]
    for platform in ("twitter", "linkedin", "facebook"):
        make_account(ctx, uid, platform)
    return session


def _create(client: TestClient, who: dict[str, Any], **body: Any) -> dict[str, Any]:
    payload = {
        "content": "We shipped a calendar you can drag posts around in. Details on the blog.",
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
