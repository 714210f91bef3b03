"""Workspaces, members and invitations: the rules (who may do what to whom) live here."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.orm import Session

from socialflow.billing import entitlements
from socialflow.core.clock import as_utc, utcnow
from socialflow.core.context import AppContext
from socialflow.core.errors import (
    AppError,
    Conflict,
    Forbidden,
    NotFound,
    TooManyRequests,
    field_error,
)
from socialflow.core.permissions import RANK, Role, Scope
from socialflow.core.security import new_opaque_token, token_hash
from socialflow.models import (
    ActivityEvent,
    Invitation,
    SocialAccount,
    Subscription,
    User,
    Workspace,
    WorkspaceMember,
)
from socialflow.models.workspaces import record_activity
from socialflow.workspaces.schemas import (
    ActivityOut,
    ActivityPage,
    Actor,
    InvitationIn,
    InvitationOut,
    InvitationPreview,
    MemberOut,
    MemberPatch,
    WorkspaceOut,
    WorkspacePatch,
)

INVITATION_TTL = timedelta(days=7)
RESEND_INTERVAL = timedelta(minutes=1)


class Gone(AppError):
    status_code = 410
    code = "invitation_gone"


# --------------------------------------------------------------------------- workspaces


def workspace_out(
    session: Session, ws: Workspace, member: WorkspaceMember, now: datetime | None = None
) -> WorkspaceOut:
    ent = entitlements.for_workspace(session, ws, now)
    return WorkspaceOut(
        id=ws.id,
        name=ws.name,
        role=member.role,
        personal=ws.personal,
        owner_id=ws.owner_id,
        plan=ent.plan_slug,
        seat_limit=ent.seat_limit,
        seats_used=entitlements.seats_used(session, ws.id, now),
        read_only=member.read_only,
        account_ids=None
        if member.account_ids is None or member.role != Role.editor.value
        else [uuid.UUID(str(a)) for a in member.account_ids],
        approval_required=ws.approval_required,
        approval_for_admins=ws.approval_for_admins,
        created_at=ws.created_at,
    )


def list_for(session: Session, user_id: uuid.UUID) -> list[WorkspaceOut]:
    """The user's workspaces: the personal one first, then by name."""
    rows = session.execute(
        select(Workspace, WorkspaceMember)
        .join(WorkspaceMember, WorkspaceMember.workspace_id == Workspace.id)
        .where(WorkspaceMember.user_id == user_id)
        .order_by(Workspace.personal.desc(), func.lower(Workspace.name), Workspace.id)
    ).all()
    return [workspace_out(session, ws, m) for ws, m in rows]


def _get(session: Session, scope: Scope) -> tuple[Workspace, WorkspaceMember]:
    ws = session.get(Workspace, scope.workspace_id)
    member = session.get(WorkspaceMember, (scope.workspace_id, scope.user_id))
    if ws is None or member is None:
        raise NotFound("Workspace not found.", code="workspace_not_found")
    return ws, member


def get(session: Session, scope: Scope) -> WorkspaceOut:
    ws, member = _get(session, scope)
    return workspace_out(session, ws, member)


def create(session: Session, user_id: uuid.UUID, name: str) -> WorkspaceOut:
    """A new (team) workspace on the Free plan, its creator the owner."""
    now = utcnow()
    ws = Workspace(name=name, owner_id=user_id, personal=False, usage_period_start=now)
    session.add(ws)
    session.flush()
    member = WorkspaceMember(workspace_id=ws.id, user_id=user_id, role=Role.owner.value)
    session.add(member)
    record_activity(session, ws.id, user_id, "workspace.created", f"Created workspace “{name}”")
    session.flush()
    return workspace_out(session, ws, member, now)


def rename(session: Session, scope: Scope, name: str) -> WorkspaceOut:
    ws, member = _get(session, scope)
    if name != ws.name:
        record_activity(
            session,
            ws.id,
            scope.user_id,
            "workspace.renamed",
            f"Renamed the workspace “{ws.name}” to “{name}”",
        )
        ws.name = name
    session.flush()
    return workspace_out(session, ws, member)


def update_settings(session: Session, scope: Scope, patch: WorkspacePatch) -> WorkspaceOut:
    """Rename and/or change the approval settings (admin or owner); each change is logged."""
    fields = patch.model_fields_set
    for field in ("name", "approval_required", "approval_for_admins"):
        if field in fields and getattr(patch, field) is None:
            raise field_error(field, "must not be null")
    if "name" in fields and patch.name is not None:
        rename(session, scope, patch.name)
    ws, member = _get(session, scope)
    for field, label in (
        ("approval_required", "Posts need approval"),
        ("approval_for_admins", "Admins' posts need approval"),
    ):
        value = getattr(patch, field)
        if field in fields and value is not None and value != getattr(ws, field):
            setattr(ws, field, value)
            record_activity(
                session,
                ws.id,
                scope.user_id,
                "workspace.settings_changed",
                f"{label}: {'on' if value else 'off'}",
                target_type="workspace",
                target_id=ws.id,
                details={field: value},
            )
    session.flush()
    return workspace_out(session, ws, member)


def delete_workspace(session: Session, scope: Scope) -> None:
    """Delete a team workspace and everything in it (owner only; not the personal one)."""
    ws, _ = _get(session, scope)
    if ws.personal:
        raise Conflict(
            "Your personal workspace cannot be deleted; delete the team workspaces you own "
            "instead.",
            code="personal_workspace",
        )
    live = session.scalar(
        select(func.count()).where(
            Subscription.workspace_id == ws.id,
            Subscription.status.in_(("active", "trialing", "past_due")),
        )
    )
    if live:
        raise Conflict(
            "This workspace has a paid subscription: cancel it in Billing first.",
            code="subscription_exists",
        )
    session.execute(delete(Workspace).where(Workspace.id == ws.id))


def transfer(session: Session, scope: Scope, to_user: uuid.UUID) -> WorkspaceOut:
    """Make another member the owner; the old owner becomes an admin."""
    ws, me = _get(session, scope)
    if ws.personal:
        raise Conflict(
            "A personal workspace stays its owner's; create a team workspace to hand over.",
            code="personal_workspace",
        )
    if to_user == scope.user_id:
        raise field_error("user_id", "is already the owner")
    target = session.get(WorkspaceMember, (ws.id, to_user))
    if target is None:
        raise field_error("user_id", "is not a member of this workspace")
    if target.read_only:
        raise field_error("user_id", "is read-only (over the plan's seats)")
    target.role, target.account_ids = Role.owner.value, None
    me.role = Role.admin.value
    ws.owner_id = to_user
    who = session.get(User, to_user)
    record_activity(
        session,
        ws.id,
        scope.user_id,
        "workspace.transferred",
        f"Made {who.email if who else to_user} the owner",
        target_type="user",
        target_id=to_user,
    )
    session.flush()
    return workspace_out(session, ws, me)


# --------------------------------------------------------------------------- members


def _member_out(member: WorkspaceMember, user: User) -> MemberOut:
    return MemberOut(
        user_id=user.id,
        email=user.email,
        full_name=user.full_name,
        role=member.role,
        account_ids=[uuid.UUID(str(a)) for a in member.account_ids]
        if member.account_ids is not None
        else None,
        read_only=member.read_only,
        joined_at=member.created_at,
    )


def members(session: Session, scope: Scope) -> list[MemberOut]:
    rows = session.execute(
        select(WorkspaceMember, User)
        .join(User, User.id == WorkspaceMember.user_id)
        .where(WorkspaceMember.workspace_id == scope.workspace_id)
        .order_by(WorkspaceMember.created_at, User.email)
    ).all()
    return [_member_out(m, u) for m, u in rows]


def _check_accounts(session: Session, workspace_id: uuid.UUID, ids: list[uuid.UUID]) -> list[str]:
    found = set(
        session.scalars(
            select(SocialAccount.id).where(
                SocialAccount.workspace_id == workspace_id, SocialAccount.id.in_(ids)
            )
        )
    )
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise field_error("account_ids", f"not connected in this workspace: {', '.join(missing)}")
    return [str(i) for i in dict.fromkeys(ids)]


def _may_manage(scope: Scope, role: str) -> None:
    """Admins manage editors and viewers; only the owner manages admins."""
    if RANK[Role(role)] >= RANK[Role.admin] and scope.role != Role.owner.value:
        raise Forbidden(
            "Only the owner can add, change or remove admins.",
            code="forbidden_role",
            details={"required_role": Role.owner.value, "role": scope.role},
        )


def update_member(
    session: Session, scope: Scope, user_id: uuid.UUID, patch: MemberPatch
) -> MemberOut:
    member = session.get(WorkspaceMember, (scope.workspace_id, user_id))
    user = session.get(User, user_id)
    if member is None or user is None:
        raise NotFound("No such member in this workspace.", code="member_not_found")
    if member.role == Role.owner.value:
        raise Conflict(
            "The owner's role changes only by transferring ownership.", code="owner_role"
        )
    _may_manage(scope, member.role)
    fields = patch.model_fields_set
    if "role" in fields and patch.role is not None and patch.role != member.role:
        if patch.role == Role.owner.value:
            raise field_error("role", "use POST /api/workspaces/{id}/transfer to change the owner")
        _may_manage(scope, patch.role)
        record_activity(
            session,
            scope.workspace_id,
            scope.user_id,
            "member.role_changed",
            f"Changed {user.email} from {member.role} to {patch.role}",
            target_type="user",
            target_id=user_id,
        )
        member.role = patch.role
    if "account_ids" in fields:
        member.account_ids = (
            None
            if patch.account_ids is None
            else _check_accounts(session, scope.workspace_id, patch.account_ids)
        )
    if member.role != Role.editor.value:
        member.account_ids = None  # limits apply to editors only
    session.flush()
    return _member_out(member, user)


def remove_member(session: Session, scope: Scope, user_id: uuid.UUID) -> None:
    """Remove a member (admins and the owner), or leave (anyone but the owner). Effective at
    once: their next request to this workspace is refused. Their posts stay."""
    member = session.get(WorkspaceMember, (scope.workspace_id, user_id))
    if member is None:
        raise NotFound("No such member in this workspace.", code="member_not_found")
    leaving = user_id == scope.user_id
    if member.role == Role.owner.value:
        raise Conflict(
            "The owner cannot leave or be removed: transfer ownership first"
            + (", or delete the workspace." if leaving else "."),
            code="owner_role",
        )
    if not leaving:
        scope.require(Role.admin)
        _may_manage(scope, member.role)
    user = session.get(User, user_id)
    email = user.email if user else str(user_id)
    session.delete(member)
    record_activity(
        session,
        scope.workspace_id,
        scope.user_id,
        "member.left" if leaving else "member.removed",
        f"{email} left" if leaving else f"Removed {email}",
        target_type="user",
        target_id=user_id,
    )
    session.flush()
    entitlements.refresh_seats(session, scope.workspace_id)


# --------------------------------------------------------------------------- invitations


def _invitation_out(inv: Invitation, url: str | None, inviter: str | None) -> InvitationOut:
    return InvitationOut(
        id=inv.id,
        email=inv.email,
        role=inv.role,
        account_ids=[uuid.UUID(str(a)) for a in inv.account_ids]
        if inv.account_ids is not None
        else None,
        url=url,
        expires_at=inv.expires_at,
        created_at=inv.created_at,
        invited_by_email=inviter,
    )


def _pending(now: datetime) -> list[ColumnElement[bool]]:
    return [
        Invitation.accepted_at.is_(None),
        Invitation.revoked_at.is_(None),
        Invitation.expires_at > now,
    ]


def _issue(
    ctx: AppContext, session: Session, scope: Scope, inv: Invitation, now: datetime
) -> InvitationOut:
    """A fresh token for `inv`; e-mailed when the inviter's own address is confirmed (an
    unconfirmed account must not make Socialflow mail strangers); the link is returned too."""
    token = new_opaque_token()
    inv.token_hash = token_hash(token)
    inv.created_at = now
    inv.expires_at = now + INVITATION_TTL
    session.flush()
    url = f"{ctx.settings.base_url}/invitations/accept?token={token}"
    inviter = session.get(User, scope.user_id)
    if inviter is not None and inviter.email_verified:
        # Nothing typed by the inviter but their (confirmed) address: no phishing text.
        ctx.mailer.send(
            session,
            inv.email,
            "You are invited to a Socialflow workspace",
            f"Hello,\n\n{inviter.email} invited you to their Socialflow workspace as "
            f"{inv.role}. Open this link to see it and accept (valid for 7 days):\n{url}\n\n"
            "If you did not expect this, ignore this message.\n",
        )
    return _invitation_out(inv, url, inviter.email if inviter else None)


def invite(
    ctx: AppContext, session: Session, scope: Scope, body: InvitationIn, now: datetime | None = None
) -> InvitationOut:
    now = now or utcnow()
    _may_manage(scope, body.role)
    email = str(body.email).strip().lower()
    existing = session.scalar(
        select(WorkspaceMember.user_id)
        .join(User, User.id == WorkspaceMember.user_id)
        .where(WorkspaceMember.workspace_id == scope.workspace_id, User.email == email)
    )
    if existing is not None:
        raise Conflict(f"{email} is already a member of this workspace.", code="already_member")
    # Inviting the same address again replaces the pending invitation (its seat is reused).
    session.execute(
        update(Invitation)
        .where(
            Invitation.workspace_id == scope.workspace_id,
            Invitation.email == email,
            *_pending(now),
        )
        .values(revoked_at=now)
    )
    entitlements.require_seat(session, scope.workspace_id, now)
    accounts = None
    if body.account_ids is not None:
        if body.role != Role.editor.value:
            raise field_error("account_ids", "applies to editors only")
        accounts = _check_accounts(session, scope.workspace_id, body.account_ids)
    inv = Invitation(
        workspace_id=scope.workspace_id,
        email=email,
        role=body.role,
        account_ids=accounts,
        token_hash="",
        invited_by=scope.user_id,
        expires_at=now + INVITATION_TTL,
    )
    session.add(inv)
    record_activity(
        session,
        scope.workspace_id,
        scope.user_id,
        "member.invited",
        f"Invited {email} as {body.role}",
        target_type="invitation",
        target_id=inv.id,
        now=now,
    )
    return _issue(ctx, session, scope, inv, now)


def invitations(session: Session, scope: Scope, now: datetime | None = None) -> list[InvitationOut]:
    now = now or utcnow()
    rows = session.execute(
        select(Invitation, User.email)
        .outerjoin(User, User.id == Invitation.invited_by)
        .where(Invitation.workspace_id == scope.workspace_id, *_pending(now))
        .order_by(Invitation.created_at.desc())
    ).all()
    return [_invitation_out(inv, None, inviter) for inv, inviter in rows]


def _pending_one(session: Session, scope: Scope, inv_id: uuid.UUID, now: datetime) -> Invitation:
    inv = session.scalar(
        select(Invitation).where(
            Invitation.id == inv_id,
            Invitation.workspace_id == scope.workspace_id,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
    )
    if inv is None:
        raise NotFound("No such pending invitation.", code="invitation_not_found")
    _may_manage(scope, inv.role)
    return inv


def resend(
    ctx: AppContext, session: Session, scope: Scope, inv_id: uuid.UUID, now: datetime | None = None
) -> InvitationOut:
    """A new link (the old one stops working) and a new 7 days; e-mailed again."""
    now = now or utcnow()
    inv = _pending_one(session, scope, inv_id, now)
    since = now - as_utc(inv.created_at)
    if since < RESEND_INTERVAL:
        raise TooManyRequests(
            "This invitation was just sent; wait a minute before sending it again.",
            retry_after=int((RESEND_INTERVAL - since).total_seconds()) + 1,
        )
    if as_utc(inv.expires_at) <= now:
        entitlements.require_seat(session, scope.workspace_id, now)  # its seat had lapsed
    return _issue(ctx, session, scope, inv, now)


def revoke(session: Session, scope: Scope, inv_id: uuid.UUID, now: datetime | None = None) -> None:
    now = now or utcnow()
    inv = _pending_one(session, scope, inv_id, now)
    inv.revoked_at = now
    record_activity(
        session,
        scope.workspace_id,
        scope.user_id,
        "invitation.revoked",
        f"Revoked the invitation of {inv.email}",
        target_type="invitation",
        target_id=inv.id,
        now=now,
    )


def _by_token(session: Session, token: str, now: datetime, *, lock: bool = False) -> Invitation:
    stmt = select(Invitation).where(Invitation.token_hash == token_hash(token))
    if lock:
        stmt = stmt.with_for_update()
    inv = session.scalar(stmt)
    if inv is None:
        raise Gone("This invitation link is not valid (it may have been re-sent or revoked).")
    if inv.accepted_at is not None:
        raise Gone("This invitation has already been used.")
    if inv.revoked_at is not None:
        raise Gone("This invitation was revoked; ask for a new one.")
    if as_utc(inv.expires_at) <= now:
        raise Gone("This invitation has expired; ask for a new one.")
    return inv


def preview(session: Session, token: str, now: datetime | None = None) -> InvitationPreview:
    inv = _by_token(session, token, now or utcnow())
    ws = session.get(Workspace, inv.workspace_id)
    inviter = session.get(User, inv.invited_by) if inv.invited_by else None
    return InvitationPreview(
        workspace_name=ws.name if ws else "",
        email=inv.email,
        role=inv.role,
        invited_by_email=inviter.email if inviter else None,
        expires_at=inv.expires_at,
    )


def accept(
    session: Session, user_id: uuid.UUID, token: str, now: datetime | None = None
) -> WorkspaceOut:
    """Join as the invited address; accepting proves the address, so it is confirmed."""
    now = now or utcnow()
    inv = _by_token(session, token, now, lock=True)
    user = session.get(User, user_id)
    if user is None or user.email != inv.email:
        raise Forbidden(
            f"This invitation is for {inv.email}; sign in with that address to accept it.",
            code="wrong_invitee",
        )
    member = session.get(WorkspaceMember, (inv.workspace_id, user_id))
    if member is None:
        member = WorkspaceMember(
            workspace_id=inv.workspace_id,
            user_id=user_id,
            role=inv.role,
            account_ids=inv.account_ids,
            created_at=now,
        )
        session.add(member)
        record_activity(
            session,
            inv.workspace_id,
            user_id,
            "member.joined",
            f"{user.email} joined as {inv.role}",
            target_type="user",
            target_id=user_id,
            now=now,
        )
    inv.accepted_at, inv.accepted_by = now, user_id
    user.email_verified = True
    session.flush()
    entitlements.refresh_seats(session, inv.workspace_id, now)
    ws = session.get(Workspace, inv.workspace_id)
    assert ws is not None
    session.refresh(member)
    return workspace_out(session, ws, member, now)


# --------------------------------------------------------------------------- activity


def activity_page(
    session: Session,
    scope: Scope,
    *,
    action: str | None,
    actor_id: uuid.UUID | None,
    limit: int,
    offset: int,
) -> ActivityPage:
    where = [ActivityEvent.workspace_id == scope.workspace_id]
    if action:
        # "post" matches every post.* action; "post.created" only itself.
        where.append(
            ActivityEvent.action.startswith(action + ".")
            if "." not in action
            else ActivityEvent.action == action
        )
    if actor_id is not None:
        where.append(ActivityEvent.actor_id == actor_id)
    total = session.scalar(select(func.count()).select_from(ActivityEvent).where(*where)) or 0
    rows = session.execute(
        select(ActivityEvent, User)
        .outerjoin(User, User.id == ActivityEvent.actor_id)
        .where(*where)
        .order_by(ActivityEvent.created_at.desc(), ActivityEvent.id)
        .limit(limit)
        .offset(offset)
    ).all()
    return ActivityPage(
        items=[
            ActivityOut(
                id=e.id,
                created_at=e.created_at,
                actor=Actor(id=u.id, email=u.email, full_name=u.full_name) if u else None,
                action=e.action,
                target_type=e.target_type,
                target_id=e.target_id,
                summary=e.summary,
            )
            for e, u in rows
        ],
        total=total,
    )
