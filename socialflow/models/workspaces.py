"""Workspaces: what owns accounts, posts, media, analytics and the subscription; members with a
role each; invitations by e-mail; the activity log."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, func
from sqlalchemy.orm import Mapped, Session, mapped_column

from socialflow.core.clock import utcnow
from socialflow.models.base import Base, IdMixin, TimestampMixin


class Workspace(IdMixin, TimestampMixin, Base):
    """A team's (or one person's) space. A user's personal workspace has the user's id, so that
    clients that send no X-Workspace-Id act in it. The plan and its counters live here."""

    __tablename__ = "workspaces"

    name: Mapped[str] = mapped_column(String(100))
    owner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    personal: Mapped[bool] = mapped_column(default=False, server_default="0")
    stripe_customer_id: Mapped[str | None] = mapped_column(String(255), index=True)
    subscription_tier: Mapped[str] = mapped_column(
        String(50), default="free", server_default="free"
    )
    subscription_status: Mapped[str] = mapped_column(
        String(50), default="inactive", server_default="inactive"
    )
    subscription_end_date: Mapped[datetime | None]
    posts_this_month: Mapped[int] = mapped_column(default=0, server_default="0")
    usage_period_start: Mapped[datetime | None]
    # Posts need an approver's (admin or owner) approval before they go out: editors' posts,
    # and with approval_for_admins also admins' (issue 15).
    approval_required: Mapped[bool] = mapped_column(default=False, server_default="0")
    approval_for_admins: Mapped[bool] = mapped_column(default=False, server_default="0")


class WorkspaceMember(Base):
    """A user's membership: a role, for editors optionally the connected accounts they may
    post to (None = all), and read_only when the plan's seats are fewer than the members."""

    __tablename__ = "workspace_members"
    __table_args__ = (Index("ix_workspace_members_user", "user_id"),)

    workspace_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20))  # owner | admin | editor | viewer
    account_ids: Mapped[list[Any] | None] = mapped_column(nullable=True)
    read_only: Mapped[bool] = mapped_column(default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)


class Invitation(IdMixin, Base):
    """An invitation by e-mail; the link's token is stored as its SHA-256, single use."""

    __tablename__ = "invitations"
    __table_args__ = (
        Index("ix_invitations_workspace", "workspace_id", "accepted_at", "revoked_at"),
    )

    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(255))  # lower-cased
    role: Mapped[str] = mapped_column(String(20))
    account_ids: Mapped[list[Any] | None] = mapped_column(nullable=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    accepted_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    revoked_at: Mapped[datetime | None]


class ActivityEvent(IdMixin, Base):
    """Who did what in a workspace, when: the activity log admins read."""

    __tablename__ = "activity_events"
    __table_args__ = (Index("ix_activity_events_workspace_created", "workspace_id", "created_at"),)

    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(50))
    target_type: Mapped[str | None] = mapped_column(String(30))
    target_id: Mapped[str | None] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now(), default=utcnow)


PERSONAL_NAME = "Personal"


def add_personal_workspace(session: Session, user_id: uuid.UUID, now: datetime) -> Workspace:
    """A new user's own workspace (same id as the user) with them as owner."""
    workspace = Workspace(
        id=user_id,
        name=PERSONAL_NAME,
        owner_id=user_id,
        personal=True,
        usage_period_start=now,
    )
    session.add(workspace)
    session.flush()  # the workspace row before the membership that references it
    session.add(WorkspaceMember(workspace_id=user_id, user_id=user_id, role="owner"))
    return workspace


def record_activity(
    session: Session,
    workspace_id: uuid.UUID,
    actor_id: uuid.UUID | None,
    action: str,
    summary: str,
    *,
    target_type: str | None = None,
    target_id: uuid.UUID | str | None = None,
    details: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> None:
    """One line of the activity log, written in the same transaction as the act."""
    session.add(
        ActivityEvent(
            workspace_id=workspace_id,
            actor_id=actor_id,
            action=action,
            summary=summary[:2000],
            target_type=target_type,
            target_id=None if target_id is None else str(target_id),
            details=details or {},
            created_at=now or utcnow(),
        )
    )
