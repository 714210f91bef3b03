"""In-app notifications: what failed, what needs a look, what needs reconnecting.

Each notice is one member's (user_id) about one workspace; a request sees the caller's own
notices of the workspace it acts in, and those written before workspaces (no workspace_id).
Viewers read (and mark read) their own notices like anyone else."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, ConfigDict
from sqlalchemy import ColumnElement, func, or_, select, update

from socialflow.core.clock import utcnow
from socialflow.core.deps import Reader, SessionDep
from socialflow.core.errors import NotFound
from socialflow.core.permissions import Scope
from socialflow.models import Notification

router = APIRouter(prefix="/api/notifications", tags=["notifications"])


def mine(scope: Scope) -> list[ColumnElement[bool]]:
    """The caller's notices in the workspace in scope (and older ones without a workspace)."""
    return [
        Notification.user_id == scope.user_id,
        or_(
            Notification.workspace_id == scope.workspace_id,
            Notification.workspace_id.is_(None),
        ),
    ]


class NotificationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    title: str
    body: str
    link: str | None
    read_at: datetime | None
    created_at: datetime


class NotificationPage(BaseModel):
    items: list[NotificationOut]
    unread: int


@router.get("")
def list_notifications(
    scope: Reader,
    session: SessionDep,
    unread_only: bool = False,
    limit: Annotated[int, Query(ge=1, le=100)] = 30,
) -> NotificationPage:
    """Newest first, with the count of unread ones."""
    stmt = select(Notification).where(*mine(scope))
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    items = session.scalars(stmt.order_by(Notification.created_at.desc()).limit(limit)).all()
    unread = session.scalar(
        select(func.count()).where(*mine(scope), Notification.read_at.is_(None))
    )
    return NotificationPage(
        items=[NotificationOut.model_validate(n) for n in items], unread=unread or 0
    )


@router.post("/{notification_id}/read")
def mark_read(notification_id: uuid.UUID, scope: Reader, session: SessionDep) -> NotificationOut:
    """Mark one as read."""
    note = session.scalar(
        select(Notification).where(Notification.id == notification_id, *mine(scope))
    )
    if note is None:
        raise NotFound("No such notification.")
    note.read_at = note.read_at or utcnow()
    return NotificationOut.model_validate(note)


@router.post("/read-all", status_code=status.HTTP_204_NO_CONTENT)
def mark_all_read(scope: Reader, session: SessionDep) -> None:
    """Mark every notification of this workspace as read."""
    session.execute(
        update(Notification)
        .where(*mine(scope), Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
