"""Billing per workspace: a team workspace's checkout, Stripe's events and the plan's limits
land on that workspace, not on its owner's personal one."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from socialflow.models import Subscription, Workspace
from tests.billing.conftest import Live


def test_a_team_workspace_subscribes_on_its_own(live: Live) -> None:
    owner = live.user()
    r = live.http.post("/api/workspaces", json={"name": "Client"}, headers=owner["headers"])
    assert r.status_code == 201, r.text
    team_id = r.json()["id"]
    in_team = {**owner, "headers": {**owner["headers"], "X-Workspace-Id": team_id}}
    live.subscribe(in_team, "business")

    team = live.status(in_team)
    personal = live.status(owner)
    assert (team["tier"], team["status"]) == ("business", "active")
    assert team["usage"]["seat_limit"] == 3 and team["usage"]["seats_used"] == 1
    assert personal["tier"] == "free"  # the owner's own workspace did not change
    with live.ctx.db.session() as s:
        sub = s.scalar(select(Subscription).where(Subscription.workspace_id == uuid.UUID(team_id)))
        ws = s.get(Workspace, uuid.UUID(team_id))
        assert sub is not None and sub.plan_slug == "business"
        assert ws is not None and ws.stripe_customer_id == sub.stripe_customer_id
        own = s.get(Workspace, owner["id"])
        assert own is not None and own.stripe_customer_id is None
    # The Stripe customer was made for the workspace, with the owner's address.
    customer = live.stripe.v1.customers.retrieve(str(sub.stripe_customer_id))
    assert customer.metadata["workspace_id"] == team_id
    assert customer.email == owner["user"]["email"]
    # Seats follow the plan: a member can now be invited.
    inv = live.http.post(
        f"/api/workspaces/{team_id}/invitations",
        json={"email": "helper@example.com", "role": "editor"},
        headers=in_team["headers"],
    )
    assert inv.status_code == 201, inv.text


def test_only_the_owner_pays(live: Live) -> None:
    owner, admin = live.user(), live.user()
    team_id = live.http.post(
        "/api/workspaces", json={"name": "Shop"}, headers=owner["headers"]
    ).json()["id"]
    with live.ctx.db.session() as s:
        from socialflow.models import WorkspaceMember

        s.add(WorkspaceMember(workspace_id=uuid.UUID(team_id), user_id=admin["id"], role="admin"))
    h = {**admin["headers"], "X-Workspace-Id": team_id}
    r = live.http.post("/api/billing/checkout", json={"plan": "pro"}, headers=h)
    assert r.status_code == 403 and r.json()["error"]["details"]["required_role"] == "owner"
    assert live.http.get("/api/billing/subscription", headers=h).status_code == 200
