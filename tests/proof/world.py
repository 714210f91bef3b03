"""A user with real objects behind every kind of id the API takes, made through the API itself
(register, the sandbox consent flow, create post, upload media), for the proof suites."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import select, update

from socialflow.core.context import AppContext
from socialflow.models import Notification, RefreshToken, SocialAccount, Workspace
from tests.fixtures.oauth import connected_id, consent
from tests.media.files import image

PASSWORD = "correct horse battery"


@dataclass
class World:
    """One user's credentials and the ids of objects they own, by path-parameter name."""

    base_url: str
    email: str
    password: str
    access_token: str
    refresh_token: str
    user_id: str
    ids: dict[str, str] = field(default_factory=dict)
    # Raw secrets that must never appear in an API response (platform tokens, passwords).
    secrets: list[str] = field(default_factory=list)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


def register(http: httpx.Client, email: str | None = None) -> dict[str, Any]:
    """A new user through POST /api/auth/register; the answer plus the password used."""
    email = email or f"proof-{uuid.uuid4().hex[:10]}@example.com"
    r = http.post(
        "/api/auth/register", json={"email": email, "password": PASSWORD, "full_name": "Proof"}
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    body["email"], body["password"] = email, PASSWORD
    return body


def upgrade(ctx: AppContext, user_id: str) -> None:
    """Business plan, so plan-gated endpoints answer with data instead of 402."""
    with ctx.db.session() as s:
        s.execute(
            update(Workspace)
            .where(Workspace.id == uuid.UUID(user_id))
            .values(subscription_tier="business", subscription_status="active")
        )


def build_world(ctx: AppContext, base_url: str, platform: str = "twitter") -> World:
    """Register a user and give them an account, a post, a media item (and library item)."""
    with httpx.Client(base_url=base_url, timeout=60) as http:
        user = register(http)
        world = World(
            base_url=base_url,
            email=user["email"],
            password=user["password"],
            access_token=user["access_token"],
            refresh_token=user["refresh_token"],
            user_id=user["user"]["id"],
            secrets=[user["password"]],
        )
        upgrade(ctx, world.user_id)
        with ctx.db.session() as s:  # notifications come from failed publishes; one is enough
            s.add(
                Notification(
                    user_id=uuid.UUID(world.user_id),
                    workspace_id=uuid.UUID(world.user_id),
                    kind="proof",
                    title="Proof",
                )
            )
        refill(world, http)
    world.secrets += stored_secrets(ctx)
    return world


def stored_secrets(ctx: AppContext) -> list[str]:
    """Every platform token (decrypted) and refresh-token hash in the database."""
    found: list[str] = []
    with ctx.db.read_sessions() as s:
        for account in s.scalars(select(SocialAccount)):
            for value in (account.access_token, account.refresh_token):
                plain = ctx.security.cipher.decrypt(value) if value else None
                found += [v for v in (value, plain) if v]
        found += [t for t in s.scalars(select(RefreshToken.token_hash)) if t]
    return found


def refill(world: World, http: httpx.Client) -> None:
    """(Re)create whichever of the world's objects no longer exist (a fuzzed DELETE may have
    removed one); fills world.ids."""
    h = world.headers
    account = world.ids.get("account_id")
    listed = [a["id"] for a in http.get("/api/social-accounts", headers=h).json()["items"]]
    if account not in listed:
        final = consent(world.base_url, world.access_token, "twitter", "proof_twitter")
        world.ids["account_id"] = connected_id(final)
    post = world.ids.get("post_id")
    if post is None or http.get(f"/api/posts/{post}", headers=h).status_code != 200:
        r = http.post(
            "/api/posts",
            headers=h,
            json={"content": "Proof post", "social_account_ids": [world.ids["account_id"]]},
        )
        assert r.status_code == 201, r.text
        world.ids["post_id"] = r.json()["id"]
    media = world.ids.get("media_id")
    if media is None or http.get(f"/api/media/{media}", headers=h).status_code != 200:
        r = http.post(
            "/api/posts/upload-media",
            headers=h,
            files={"file": ("proof.png", image("PNG"), "image/png")},
        )
        assert r.status_code == 201, r.text
        world.ids["media_id"] = r.json()["id"]
    if "/api/library" in _paths(http):  # the library domain, once it has an HTTP surface
        item = world.ids.get("item_id")
        if item is None or http.get(f"/api/library/{item}", headers=h).status_code != 200:
            r = http.post(
                "/api/library", headers=h, json={"title": "Proof", "content": "Proof snippet"}
            )
            if r.status_code == 201:
                world.ids["item_id"] = r.json()["id"]
    post_id = world.ids["post_id"]
    links = http.get(f"/api/posts/{post_id}/review-links", headers=h).json().get("items")
    if not links:  # a client review link (issue 15)
        r = http.post(f"/api/posts/{post_id}/review-links", headers=h, json={})
        assert r.status_code == 201, r.text
        links = [r.json()]
    world.ids["link_id"] = links[0]["id"]
    world.ids["workspace_id"] = world.user_id  # the personal workspace
    world.ids["user_id"] = world.user_id
    pending = http.get(f"/api/workspaces/{world.user_id}/invitations", headers=h).json()
    if not pending.get("items"):
        r = http.post(
            f"/api/workspaces/{world.user_id}/invitations",
            headers=h,
            json={"email": f"invitee-{uuid.uuid4().hex[:8]}@example.com", "role": "viewer"},
        )
        assert r.status_code == 201, r.text
        pending = {"items": [r.json()]}
    world.ids["invitation_id"] = pending["items"][0]["id"]
    notes = http.get("/api/notifications", headers=h).json()
    items = notes.get("items", []) if isinstance(notes, dict) else []
    if items:
        world.ids["notification_id"] = items[0]["id"]


_PATHS: dict[str, set[str]] = {}


def _paths(http: httpx.Client) -> set[str]:
    key = str(http.base_url)
    if key not in _PATHS:
        _PATHS[key] = set(http.get("/api/openapi.json").json()["paths"])
    return _PATHS[key]
