"""A team: an owner's Business workspace with an admin, an editor, a viewer, plus a stranger."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from socialflow.core.context import AppContext
from socialflow.models import Workspace, WorkspaceMember


@dataclass
class Person:
    id: str
    email: str
    token: str

    def headers(self, workspace: str | None = None) -> dict[str, str]:
        h = {"Authorization": f"Bearer {self.token}"}
        if workspace is not None:
            h["X-Workspace-Id"] = workspace
        return h


@dataclass
class Team:
    id: str
    people: dict[str, Person] = field(default_factory=dict)

    def h(self, who: str) -> dict[str, str]:
        return self.people[who].headers(self.id)


def person(register: Callable[..., dict[str, Any]], email: str | None = None) -> Person:
    body = register(email)
    return Person(body["user"]["id"], body["user"]["email"], body["access_token"])


def set_plan(ctx: AppContext, workspace_id: str, tier: str) -> None:
    with ctx.db.session() as s:
        s.execute(
            update(Workspace)
            .where(Workspace.id == uuid.UUID(workspace_id))
            .values(subscription_tier=tier, subscription_status="active")
        )


def join(
    client: TestClient, team: Team, inviter: str, who: Person, role: str, **extra: Any
) -> None:
    r = client.post(
        f"/api/workspaces/{team.id}/invitations",
        json={"email": who.email, "role": role, **extra},
        headers=team.h(inviter),
    )
    assert r.status_code == 201, r.text
    token = r.json()["url"].split("token=")[1]
    r = client.post(f"/api/invitations/{token}/accept", headers=who.headers())
    assert r.status_code == 200, r.text
    team.people[role if role not in team.people else who.email] = who


@pytest.fixture
def team(client: TestClient, ctx: AppContext, register: Callable[..., dict[str, Any]]) -> Team:
    owner = person(register)
    r = client.post("/api/workspaces", json={"name": "Acme"}, headers=owner.headers())
    assert r.status_code == 201, r.text
    t = Team(r.json()["id"], {"owner": owner})
    set_plan(ctx, t.id, "business")  # 3 seats: the owner, an admin and an editor
    for role in ("admin", "editor"):
        join(client, t, "owner", person(register), role)
    # A fourth member would be past Business's seats; the viewer is added directly (the
    # invitation flow and seats are tested on their own).
    viewer = person(register)
    with ctx.db.session() as s:
        s.add(
            WorkspaceMember(
                workspace_id=uuid.UUID(t.id), user_id=uuid.UUID(viewer.id), role="viewer"
            )
        )
    t.people["viewer"] = viewer
    t.people["stranger"] = person(register)
    return t
