"""HTTP for workspaces, members, invitations and the activity log.

A `{workspace_id}` in the path is the workspace the request acts in (the X-Workspace-Id
header is ignored there); not being a member of it answers 404, as for a missing one.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, status

from socialflow.core.deps import (
    Admin,
    ContextDep,
    CurrentUser,
    Owner,
    PageOffset,
    Reader,
    SessionDep,
)
from socialflow.workspaces import service
from socialflow.workspaces.schemas import (
    ActivityPage,
    InvitationIn,
    InvitationOut,
    InvitationPreview,
    InvitationsOut,
    MemberOut,
    MemberPatch,
    MembersOut,
    TransferIn,
    WorkspaceIn,
    WorkspaceOut,
    WorkspacePatch,
    WorkspacesOut,
)

router = APIRouter(tags=["workspaces"])
WS = "/api/workspaces/{workspace_id}"


@router.get("/api/workspaces")
def list_workspaces(user: CurrentUser, session: SessionDep) -> WorkspacesOut:
    """The workspaces you belong to, with your role in each (the personal one first)."""
    return WorkspacesOut(items=service.list_for(session, user.id))


@router.post("/api/workspaces", status_code=status.HTTP_201_CREATED)
def create_workspace(body: WorkspaceIn, user: CurrentUser, session: SessionDep) -> WorkspaceOut:
    """A new workspace (e.g. one per client), on the Free plan; you are its owner."""
    return service.create(session, user.id, body.name)


@router.get(WS)
def get_workspace(workspace_id: uuid.UUID, scope: Reader, session: SessionDep) -> WorkspaceOut:
    return service.get(session, scope)


@router.patch(WS)
def rename_workspace(
    workspace_id: uuid.UUID, body: WorkspacePatch, scope: Admin, session: SessionDep
) -> WorkspaceOut:
    """Rename the workspace and/or change its approval settings (admin or owner); only the
    fields sent change."""
    return service.update_settings(session, scope, body)


@router.delete(WS, status_code=status.HTTP_204_NO_CONTENT)
def delete_workspace(workspace_id: uuid.UUID, scope: Owner, session: SessionDep) -> None:
    """Delete a team workspace with its accounts, posts, media and history (owner only)."""
    service.delete_workspace(session, scope)


@router.post(f"{WS}/transfer")
def transfer_ownership(
    workspace_id: uuid.UUID, body: TransferIn, scope: Owner, session: SessionDep
) -> WorkspaceOut:
    """Make another member the owner; you become an admin."""
    return service.transfer(session, scope, body.user_id)


@router.get(f"{WS}/members")
def list_members(workspace_id: uuid.UUID, scope: Reader, session: SessionDep) -> MembersOut:
    return MembersOut(items=service.members(session, scope))


@router.patch(f"{WS}/members/{{user_id}}")
def update_member(
    workspace_id: uuid.UUID,
    user_id: uuid.UUID,
    body: MemberPatch,
    scope: Admin,
    session: SessionDep,
) -> MemberOut:
    """Change a member's role, or which connected accounts an editor may use."""
    return service.update_member(session, scope, user_id, body)


@router.delete(f"{WS}/members/{{user_id}}", status_code=status.HTTP_204_NO_CONTENT)
def remove_member(
    workspace_id: uuid.UUID, user_id: uuid.UUID, scope: Reader, session: SessionDep
) -> None:
    """Remove a member (admins), or leave the workspace (your own id). Effective at once."""
    service.remove_member(session, scope, user_id)


@router.post(f"{WS}/invitations", status_code=status.HTTP_201_CREATED)
def invite(
    workspace_id: uuid.UUID, body: InvitationIn, scope: Admin, ctx: ContextDep, session: SessionDep
) -> InvitationOut:
    """Invite by e-mail; the answer's `url` is the link to share another way."""
    return service.invite(ctx, session, scope, body)


@router.get(f"{WS}/invitations")
def list_invitations(workspace_id: uuid.UUID, scope: Admin, session: SessionDep) -> InvitationsOut:
    """Pending invitations (not accepted, revoked or expired)."""
    return InvitationsOut(items=service.invitations(session, scope))


@router.post(f"{WS}/invitations/{{invitation_id}}/resend")
def resend_invitation(
    workspace_id: uuid.UUID,
    invitation_id: uuid.UUID,
    scope: Admin,
    ctx: ContextDep,
    session: SessionDep,
) -> InvitationOut:
    """A new link and 7 more days; the previous link stops working."""
    return service.resend(ctx, session, scope, invitation_id)


@router.delete(f"{WS}/invitations/{{invitation_id}}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_invitation(
    workspace_id: uuid.UUID, invitation_id: uuid.UUID, scope: Admin, session: SessionDep
) -> None:
    service.revoke(session, scope, invitation_id)


@router.get(f"{WS}/activity")
def activity(
    workspace_id: uuid.UUID,
    scope: Admin,
    session: SessionDep,
    action: Annotated[
        str | None,
        Query(max_length=50, description="e.g. 'post' (every post.*) or 'member.invited'"),
    ] = None,
    actor_id: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: PageOffset = 0,
) -> ActivityPage:
    """Who did what, newest first (admins and the owner)."""
    return service.activity_page(
        session, scope, action=action, actor_id=actor_id, limit=limit, offset=offset
    )


# An invitation link that no longer works (expired, revoked, re-sent or used) answers 410.
GONE: dict[int | str, dict[str, Any]] = {
    410: {"description": "the invitation link expired, was revoked, re-sent or used"}
}


@router.get("/api/invitations/{token}", responses=GONE)
def invitation_preview(token: str, session: SessionDep) -> InvitationPreview:
    """What an invitation link offers (no sign-in needed); 410 when it no longer works."""
    return service.preview(session, token)


@router.post("/api/invitations/{token}/accept", responses=GONE)
def accept_invitation(token: str, user: CurrentUser, session: SessionDep) -> WorkspaceOut:
    """Join the workspace, signed in as the invited address (403 otherwise)."""
    return service.accept(session, user.id, token)
