"""Every API operation, called as owner, admin, editor, viewer, a removed member and a
non-member, gets what its role allows: generated from the OpenAPI document, so a new
operation without an expectation here fails the test."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from socialflow.core.context import AppContext
from socialflow.models import WorkspaceMember
from tests.workspaces.conftest import Team, person

# The least role an operation needs in the workspace it acts in. "public": no sign-in;
# "user": signed in, not about one workspace.
EXPECT: dict[str, str] = {
    "POST /api/auth/register": "public",
    "POST /api/auth/login": "public",
    "POST /api/auth/refresh": "public",
    "POST /api/auth/logout": "public",
    "GET /api/auth/me": "user",
    "PATCH /api/auth/me": "user",
    "POST /api/auth/password": "user",
    "POST /api/auth/verify-email": "public",
    "POST /api/auth/verify-email/resend": "user",
    "POST /api/auth/password-reset/request": "public",
    "POST /api/auth/password-reset/confirm": "public",
    "GET /api/social-accounts/platforms": "viewer",
    "GET /api/social-accounts": "viewer",
    "POST /api/social-accounts/connect": "admin",
    "DELETE /api/social-accounts/{account_id}": "admin",
    "POST /api/social-accounts/{account_id}/refresh": "editor",
    "GET /api/social-accounts/{account_id}/stats": "viewer",
    "POST /api/social-accounts/{account_id}/select": "admin",
    "POST /api/social-accounts/{account_id}/choices": "admin",
    "GET /api/social-accounts/{account_id}/tiktok-creator-info": "editor",
    "GET /api/social-accounts/{account_id}/youtube-playlists": "editor",
    "POST /api/posts/upload-media": "editor",
    "POST /api/media/uploads": "editor",
    "POST /api/media/import": "editor",
    "GET /api/media": "viewer",
    "GET /api/media/{media_id}": "viewer",
    "DELETE /api/media/{media_id}": "editor",
    "GET /api/posts/calendar": "viewer",
    "POST /api/posts/check": "viewer",
    "GET /api/posts/changes": "viewer",
    "GET /api/posts/events": "public",  # the token and workspace ride in the query string
    "GET /api/posts": "viewer",
    "POST /api/posts": "editor",
    "POST /api/posts/bulk-delete": "editor",
    "POST /api/posts/restore": "editor",
    "GET /api/posts/{post_id}": "viewer",
    "PUT /api/posts/{post_id}": "editor",
    "DELETE /api/posts/{post_id}": "editor",
    "POST /api/posts/{post_id}/publish": "editor",
    "POST /api/posts/{post_id}/schedule": "editor",
    "POST /api/posts/{post_id}/cancel": "editor",
    "POST /api/posts/{post_id}/retry": "editor",
    "POST /api/posts/{post_id}/duplicate": "editor",
    "POST /api/posts/{post_id}/approve": "admin",  # issue 15: approvers are admins and owner
    "POST /api/posts/{post_id}/request-changes": "admin",
    "GET /api/posts/{post_id}/comments": "viewer",
    "POST /api/posts/{post_id}/comments": "viewer",  # viewers review: they may comment
    "POST /api/posts/{post_id}/review-links": "admin",
    "GET /api/posts/{post_id}/review-links": "admin",
    "DELETE /api/posts/{post_id}/review-links/{link_id}": "admin",
    "GET /api/review/{token}": "public",  # the client's page: the token is the access
    "POST /api/review/{token}": "public",
    "GET /api/library": "viewer",
    "POST /api/library": "editor",
    "GET /api/library/tags": "viewer",
    "GET /api/library/{item_id}": "viewer",
    "PUT /api/library/{item_id}": "editor",
    "DELETE /api/library/{item_id}": "editor",
    "POST /api/library/{item_id}/use": "editor",
    "POST /api/posts/{post_id}/optimize": "editor",
    "POST /api/optimizer/preview": "editor",
    "GET /api/billing/plans": "public",
    "POST /api/billing/checkout": "owner",
    "POST /api/billing/portal": "owner",
    "GET /api/billing/subscription": "viewer",
    "POST /api/webhooks/stripe": "public",
    "GET /api/analytics/overview": "viewer",
    "GET /api/analytics/platforms": "viewer",
    "GET /api/analytics/posts": "viewer",
    "GET /api/analytics/posts.csv": "viewer",
    "GET /api/analytics/posts/{post_id}": "viewer",
    "POST /api/analytics/refresh": "viewer",
    "GET /api/notifications": "viewer",
    "POST /api/notifications/{notification_id}/read": "viewer",
    "POST /api/notifications/read-all": "viewer",
    "GET /api/workspaces": "user",
    "POST /api/workspaces": "user",
    "GET /api/workspaces/{workspace_id}": "viewer",
    "PATCH /api/workspaces/{workspace_id}": "admin",
    "DELETE /api/workspaces/{workspace_id}": "owner",
    "POST /api/workspaces/{workspace_id}/transfer": "owner",
    "GET /api/workspaces/{workspace_id}/members": "viewer",
    "PATCH /api/workspaces/{workspace_id}/members/{user_id}": "admin",
    "DELETE /api/workspaces/{workspace_id}/members/{user_id}": "viewer",  # leaving
    "POST /api/workspaces/{workspace_id}/invitations": "admin",
    "GET /api/workspaces/{workspace_id}/invitations": "admin",
    "POST /api/workspaces/{workspace_id}/invitations/{invitation_id}/resend": "admin",
    "DELETE /api/workspaces/{workspace_id}/invitations/{invitation_id}": "admin",
    "GET /api/workspaces/{workspace_id}/activity": "admin",
    "GET /api/invitations/{token}": "public",
    "POST /api/invitations/{token}/accept": "user",
    "GET /healthz": "public",
    "GET /readyz": "public",
}
RANK = {"viewer": 0, "editor": 1, "admin": 2, "owner": 3}
CALLERS = ("stranger", "removed", "viewer", "editor", "admin", "owner")
LAST = "DELETE /api/workspaces/{workspace_id}"  # deletes the team: called last


def _operations(client: TestClient) -> list[str]:
    spec = client.get("/api/openapi.json").json()
    ops = [f"{m.upper()} {p}" for p, item in spec["paths"].items() for m in item]
    return sorted(ops, key=lambda op: op == LAST)


def _call(client: TestClient, op: str, team: Team, headers: dict[str, str]) -> Any:
    method, path = op.split(" ", 1)
    url = re.sub(
        r"\{(\w+)\}", lambda m: team.id if m[1] == "workspace_id" else str(uuid.uuid4()), path
    )
    body = {} if method in ("POST", "PUT", "PATCH") else None
    return client.request(method, url, json=body, headers=headers)


def _code(response: Any) -> str | None:
    try:
        return str(response.json()["error"]["code"])
    except (ValueError, KeyError, TypeError):
        return None


def test_every_operation_has_an_expected_role(client: TestClient) -> None:
    assert set(_operations(client)) == set(EXPECT), "give each new operation its role in EXPECT"


def test_role_matrix(
    client: TestClient, ctx: AppContext, team: Team, register: Callable[..., dict[str, Any]]
) -> None:
    # "removed": was a member and was removed; their token still works elsewhere.
    removed = person(register)
    with ctx.db.session() as s:
        s.add(
            WorkspaceMember(
                workspace_id=uuid.UUID(team.id), user_id=uuid.UUID(removed.id), role="editor"
            )
        )
    r = client.delete(f"/api/workspaces/{team.id}/members/{removed.id}", headers=team.h("owner"))
    assert r.status_code == 204
    callers = {**team.people, "removed": removed}
    failures: list[str] = []
    for op in _operations(client):
        need = EXPECT[op]
        if need == "public":
            continue
        for who in CALLERS:
            response = _call(client, op, team, callers[who].headers(team.id))
            status, code = response.status_code, _code(response)
            if status >= 500:
                failures.append(f"{op} as {who}: {status}")
            elif need == "user":
                if status in (401, 403) and code in ("forbidden_role", "unauthorized"):
                    failures.append(f"{op} as {who}: {status} {code}")
            elif who in ("stranger", "removed"):
                if (status, code) != (404, "workspace_not_found"):
                    failures.append(f"{op} as {who}: {status} {code}, expected 404")
            elif RANK[who] < RANK[need]:
                if (status, code) != (403, "forbidden_role"):
                    failures.append(f"{op} as {who}: {status} {code}, expected 403")
            elif status == 401 or code in (
                "forbidden_role",
                "read_only_seat",
                "workspace_not_found",
            ):
                failures.append(f"{op} as {who}: {status} {code}, expected allowed")
    assert failures == []
