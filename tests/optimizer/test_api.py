"""The optimize and preview endpoints: engines, plans, cache, hand edits, tenancy, roles."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from socialflow.core.context import AppContext
from socialflow.models import AICacheEntry, PlatformPost, UsageLog, Workspace, WorkspaceMember
from socialflow.platforms import text
from socialflow.platforms.base import Variant
from tests.fixtures.factories import make_account
from tests.optimizer.conftest import Fake

ALL = ["twitter", "instagram", "tiktok", "linkedin", "facebook", "youtube"]
POST = (
    "Launching our new coffee subscription today! Fresh beans every month, delivered to your "
    "door. Check it out at https://example.com/coffee and tell @barista_bob what you think. "
    "#coffee #subscription #launch"
)
UserOn = Callable[..., tuple[uuid.UUID, dict[str, str]]]
MakePost = Callable[..., tuple[uuid.UUID, dict[str, uuid.UUID]]]


def _rows(ctx: AppContext, post_id: uuid.UUID) -> dict[str, PlatformPost]:
    with ctx.db.session() as session:
        rows = session.scalars(select(PlatformPost).where(PlatformPost.post_id == post_id))
        return {r.platform: r for r in rows}


def test_without_a_key_the_offline_rules_write_every_variant_without_operator_jargon(
    client: TestClient, ctx: AppContext, user_on: UserOn, make_post: MakePost
) -> None:
    user_id, headers = user_on("free")
    post_id, row_ids = make_post(user_id, POST, ALL)
    response = client.post(f"/api/posts/{post_id}/optimize", headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["optimizer"] == "offline"
    assert body["notice"] is None  # the server's configuration is not the user's to fix
    assert [v["platform"] for v in body["variants"]] == ALL
    rows = _rows(ctx, post_id)
    for variant in body["variants"]:
        assert variant["optimized_by"] == "offline"
        assert variant["fallback_reason"] is None
        assert [p for p in variant["problems"] if p["field"] != "media"] == []
        row = rows[variant["platform"]]
        assert row.id == uuid.UUID(variant["platform_post_id"]) == row_ids[row.platform]
        assert row.content == variant["content"]
        assert row.optimized_by == "offline"
    assert text.hashtags(rows["twitter"].content) == ["coffee", "subscription", "launch"]
    assert "#" not in rows["facebook"].content
    assert rows["youtube"].title == "Launching our new coffee subscription today!"
    assert rows["youtube"].options["tags"] == ["coffee", "subscription", "launch"]


def test_free_plan_gets_402_naming_the_plan_for_claude_but_may_use_the_offline_rules(
    client: TestClient, fake: Fake, user_on: UserOn, make_post: MakePost
) -> None:
    user_id, headers = user_on("free")
    post_id, _ = make_post(user_id, POST, ["twitter"])
    response = client.post(f"/api/posts/{post_id}/optimize", headers=headers, json={})
    assert response.status_code == 402
    error = response.json()["error"]
    assert error["code"] == "plan_feature"
    assert error["details"]["required_plan"] == "starter"
    assert "Upgrade to Starter" in error["message"]
    assert '"optimizer": "offline"' in error["message"]
    assert fake.requests() == []

    offline = client.post(
        f"/api/posts/{post_id}/optimize", headers=headers, json={"optimizer": "offline"}
    )
    assert offline.status_code == 200
    assert offline.json()["variants"][0]["optimized_by"] == "offline"
    preview = client.post(
        "/api/optimizer/preview", headers=headers, json={"content": POST, "platforms": ["x"]}
    )
    assert preview.status_code == 422
    assert "platforms" in preview.json()["error"]["message"]


def test_claude_optimizes_stores_logs_usage_and_the_second_request_is_served_from_cache(
    client: TestClient, ctx: AppContext, fake: Fake, user_on: UserOn, make_post: MakePost
) -> None:
    user_id, headers = user_on("starter", brand_voice="Warm, witty, no jargon.")
    post_id, _ = make_post(user_id, POST, ALL)
    first = client.post(f"/api/posts/{post_id}/optimize", headers=headers, json={})
    assert first.status_code == 200, first.text
    body = first.json()
    model = ctx.settings.anthropic_model
    assert body["optimizer"] == "claude"
    assert {v["optimized_by"] for v in body["variants"]} == {f"claude:{model}"}
    assert all(v["problems"] == [] or v["platform"] != "twitter" for v in body["variants"])
    calls = fake.requests()
    assert len(calls) == 6  # one per platform, in parallel
    assert all("Warm, witty, no jargon." in c["body"]["messages"][0]["content"] for c in calls)
    rows = _rows(ctx, post_id)
    assert rows["facebook"].content.endswith("What do you think? 💬")  # the fake's style
    assert rows["facebook"].optimized_by == f"claude:{model}"

    with ctx.db.session() as session:
        logs = session.scalars(select(UsageLog).where(UsageLog.action == "ai_optimization")).all()
        assert sorted(log.platform or "" for log in logs) == sorted(ALL)
        assert all(log.tokens_used and log.tokens_used > 0 for log in logs)
        assert all(log.workspace_id == user_id for log in logs)  # the personal workspace
        assert all(log.meta["user_id"] == str(user_id) for log in logs)  # who asked
        assert len(session.scalars(select(AICacheEntry)).all()) == 6

    second = client.post(f"/api/posts/{post_id}/optimize", headers=headers, json={})
    assert second.status_code == 200
    assert all(v["cached"] for v in second.json()["variants"])
    assert [v["content"] for v in second.json()["variants"]] == [
        v["content"] for v in body["variants"]
    ]
    assert len(fake.requests()) == 6  # no HTTP call reached the fake the second time

    other = client.post(
        f"/api/posts/{post_id}/optimize",
        headers=headers,
        json={"platforms": ["twitter"], "instructions": "Mention the free trial."},
    )
    assert [v["cached"] for v in other.json()["variants"]] == [False]  # new instructions: new key
    assert len(fake.requests()) == 7


def test_claude_failure_falls_back_to_the_offline_rules_with_the_reason(
    client: TestClient, ctx: AppContext, fake: Fake, user_on: UserOn, make_post: MakePost
) -> None:
    user_id, headers = user_on("pro")
    post_id, _ = make_post(user_id, POST, ["twitter"])
    fake.fault("overloaded", times=3, seconds=0.01)
    response = client.post(f"/api/posts/{post_id}/optimize", headers=headers, json={})
    assert response.status_code == 200
    body = response.json()
    (variant,) = body["variants"]
    assert variant["optimized_by"] == "offline"
    assert variant["fallback_reason"].startswith("overloaded")
    assert "X (Twitter)" in body["notice"] and "built-in rules" in body["notice"]
    assert body["optimizer"] == "offline"
    assert len(fake.requests()) == 3  # the SDK's two retries, then the fallback
    assert _rows(ctx, post_id)["twitter"].optimized_by == "offline"
    with ctx.db.session() as session:
        assert session.scalars(select(AICacheEntry)).all() == []  # a fallback is not cached


def test_hand_edited_variants_are_untouched_unless_overwrite_edited(
    client: TestClient, ctx: AppContext, user_on: UserOn, make_post: MakePost
) -> None:
    user_id, headers = user_on("free")
    edited = "My own words for X, exactly so."
    post_id, rows = make_post(user_id, POST, ["twitter", "linkedin"], twitter={"user_edited": True})
    with ctx.db.session() as session:
        row = session.get(PlatformPost, rows["twitter"])
        assert row is not None
        row.content = edited

    response = client.post(f"/api/posts/{post_id}/optimize", headers=headers)
    body = response.json()
    assert [v["platform"] for v in body["variants"]] == ["linkedin"]
    assert body["skipped"] == [
        {"platform_post_id": str(rows["twitter"]), "platform": "twitter", "reason": "user_edited"}
    ]
    assert _rows(ctx, post_id)["twitter"].content == edited

    again = client.post(
        f"/api/posts/{post_id}/optimize", headers=headers, json={"overwrite_edited": True}
    )
    assert [v["platform"] for v in again.json()["variants"]] == ["twitter", "linkedin"]
    twitter = _rows(ctx, post_id)["twitter"]
    assert twitter.content != edited and twitter.content.startswith("Launching")
    assert twitter.user_edited is False


def test_only_the_requested_platforms_are_optimized(
    client: TestClient, ctx: AppContext, user_on: UserOn, make_post: MakePost
) -> None:
    user_id, headers = user_on("free")
    post_id, _ = make_post(user_id, POST, ["twitter", "facebook"])
    response = client.post(
        f"/api/posts/{post_id}/optimize", headers=headers, json={"platforms": ["facebook"]}
    )
    assert [v["platform"] for v in response.json()["variants"]] == ["facebook"]
    rows = _rows(ctx, post_id)
    assert rows["twitter"].content == POST and rows["twitter"].optimized_by is None

    missing = client.post(
        f"/api/posts/{post_id}/optimize", headers=headers, json={"platforms": ["tiktok"]}
    )
    assert missing.status_code == 422
    assert missing.json()["error"]["details"][0]["field"] == "platforms"


def test_another_users_post_is_404(
    client: TestClient, ctx: AppContext, user_on: UserOn, make_post: MakePost
) -> None:
    owner, _ = user_on("free")
    _, intruder = user_on("business")
    post_id, _ = make_post(owner, POST, ["twitter"])
    response = client.post(f"/api/posts/{post_id}/optimize", headers=intruder, json={})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert _rows(ctx, post_id)["twitter"].content == POST
    assert client.post(f"/api/posts/{uuid.uuid4()}/optimize", headers=intruder).status_code == 404
    assert client.post(f"/api/posts/{post_id}/optimize").status_code == 401


def test_preview_returns_valid_versions_and_stores_nothing(
    client: TestClient, ctx: AppContext, user_on: UserOn
) -> None:
    _, headers = user_on("free")
    long_text = "We shipped a big release today with many fixes. " * 12
    response = client.post(
        "/api/optimizer/preview",
        headers=headers,
        json={"content": long_text, "platforms": ALL, "media_count": 1},
    )
    assert response.status_code == 200, response.text
    variants: list[dict[str, Any]] = response.json()["variants"]
    assert [v["platform_post_id"] for v in variants] == [None] * 6
    for v in variants:
        variant = Variant(text=v["content"], title=v["title"], options={"tags": v["tags"]})
        problems = [p for p in text.validate(v["platform"], variant) if p.field != "media"]
        assert problems == [] and v["problems"] == []
    x = next(v for v in variants if v["platform"] == "twitter")
    assert text.count("twitter", x["content"]) <= 280
    assert x["thread"] and x["thread"][0].endswith(f" 1/{len(x['thread'])}")
    with ctx.db.session() as session:
        assert session.scalars(select(PlatformPost)).all() == []


def _team(
    ctx: AppContext,
    owner: uuid.UUID,
    plan: str,
    members: dict[uuid.UUID, tuple[str, list[uuid.UUID] | None]],
) -> uuid.UUID:
    """A team workspace on `plan` owned by `owner`, with members: user -> (role, account_ids)."""
    with ctx.db.session() as session:
        ws = Workspace(
            name="Client A", owner_id=owner, subscription_tier=plan, subscription_status="active"
        )
        session.add(ws)
        session.flush()
        session.add(WorkspaceMember(workspace_id=ws.id, user_id=owner, role="owner"))
        for user_id, (role, accounts) in members.items():
            session.add(
                WorkspaceMember(
                    workspace_id=ws.id,
                    user_id=user_id,
                    role=role,
                    account_ids=None if accounts is None else [str(a) for a in accounts],
                )
            )
        return ws.id


def test_the_workspace_plan_pays_for_claude_and_each_member_has_their_own_cache(
    client: TestClient, ctx: AppContext, fake: Fake, user_on: UserOn, make_post: MakePost
) -> None:
    owner, owner_h = user_on("free")
    editor, editor_h = user_on("free")
    team = _team(ctx, owner, "pro", {editor: ("editor", None)})
    post_id, _ = make_post(team, POST, ["twitter"])
    in_team = {**editor_h, "X-Workspace-Id": str(team)}
    first = client.post(f"/api/posts/{post_id}/optimize", headers=in_team, json={})
    assert first.status_code == 200, first.text
    assert first.json()["optimizer"] == "claude"  # the team's Pro plan, not the editor's Free
    with ctx.db.session() as session:
        (log,) = session.scalars(select(UsageLog).where(UsageLog.action == "ai_optimization"))
        assert log.workspace_id == team and log.meta["user_id"] == str(editor)
        (entry,) = session.scalars(select(AICacheEntry))
        assert entry.user_id == editor
    # In their personal (Free) workspace the same editor may not use Claude.
    personal = client.post(
        "/api/optimizer/preview", headers=editor_h, json={"content": POST, "platforms": ["twitter"]}
    )
    assert personal.status_code == 402 and personal.json()["error"]["code"] == "plan_feature"
    # The cache is per member (brand voices are): the owner's identical request is not
    # served from the editor's answer.
    again = client.post(
        f"/api/posts/{post_id}/optimize",
        headers={**owner_h, "X-Workspace-Id": str(team)},
        json={},
    )
    assert [v["cached"] for v in again.json()["variants"]] == [False]
    assert len(fake.requests()) == 2


def test_a_viewer_may_not_optimize_or_preview(
    client: TestClient, ctx: AppContext, user_on: UserOn, make_post: MakePost
) -> None:
    owner, _ = user_on("business")
    viewer, viewer_h = user_on("business")
    team = _team(ctx, owner, "business", {viewer: ("viewer", None)})
    post_id, _ = make_post(team, POST, ["twitter"])
    h = {**viewer_h, "X-Workspace-Id": str(team)}
    for url, body in (
        (f"/api/posts/{post_id}/optimize", {"optimizer": "offline"}),
        ("/api/optimizer/preview", {"content": POST, "platforms": ["twitter"]}),
    ):
        r = client.post(url, headers=h, json=body)
        assert r.status_code == 403, r.text
        assert r.json()["error"]["code"] == "forbidden_role"
        assert r.json()["error"]["details"]["required_role"] == "editor"
    assert _rows(ctx, post_id)["twitter"].content == POST


def test_an_editor_limited_to_some_accounts_rewrites_only_their_variants(
    client: TestClient, ctx: AppContext, user_on: UserOn, make_post: MakePost
) -> None:
    owner, _ = user_on("free")
    editor, editor_h = user_on("free")
    team_accounts: dict[str, uuid.UUID] = {}
    team = _team(ctx, owner, "free", {})
    for platform in ("twitter", "linkedin"):
        team_accounts[platform] = make_account(ctx, team, platform)
    with ctx.db.session() as session:
        member = WorkspaceMember(
            workspace_id=team,
            user_id=editor,
            role="editor",
            account_ids=[str(team_accounts["twitter"])],
        )
        session.add(member)
    post_id, _ = make_post(
        team,
        POST,
        ["twitter", "linkedin"],
        **{p: {"social_account_id": a} for p, a in team_accounts.items()},
    )
    h = {**editor_h, "X-Workspace-Id": str(team)}
    refused = client.post(f"/api/posts/{post_id}/optimize", headers=h, json={})
    assert refused.status_code == 403, refused.text
    error = refused.json()["error"]
    assert error["code"] == "forbidden_account"
    assert error["details"]["account_ids"] == [str(team_accounts["linkedin"])]
    assert {r.content for r in _rows(ctx, post_id).values()} == {POST}  # nothing written

    allowed = client.post(
        f"/api/posts/{post_id}/optimize", headers=h, json={"platforms": ["twitter"]}
    )
    assert allowed.status_code == 200, allowed.text
    rows = _rows(ctx, post_id)
    assert rows["twitter"].optimized_by == "offline" and rows["linkedin"].content == POST
