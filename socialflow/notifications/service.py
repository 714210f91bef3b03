"""Who hears about what happens in a workspace, and the one way notices are written."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from socialflow.core.context import AppContext
from socialflow.models import Notification, User, WorkspaceMember

# Admins and the owner hear about everything in the workspace (failed posts, accounts to
# reconnect, billing); editors about their own posts.
WATCHERS = ("owner", "admin")


def recipients(
    session: Session, workspace_id: uuid.UUID, author_id: uuid.UUID | None = None
) -> list[uuid.UUID]:
    """The workspace's owner and admins, and the author (if still a member), each once."""
    rows = session.execute(
        select(WorkspaceMember.user_id, WorkspaceMember.role).where(
            WorkspaceMember.workspace_id == workspace_id
        )
    ).all()
    chosen = [uid for uid, role in rows if role in WATCHERS or uid == author_id]
    return sorted(set(chosen), key=str)


def notify(
    session: Session,
    workspace_id: uuid.UUID,
    kind: str,
    title: str,
    body: str = "",
    link: str | None = None,
    *,
    author_id: uuid.UUID | None = None,
    only: Sequence[uuid.UUID] | None = None,
) -> list[uuid.UUID]:
    """One in-app notice per recipient (`only`: these users instead of the watchers and the
    author); returns who got one (for e-mails)."""
    users = (
        sorted(set(only), key=str)
        if only is not None
        else recipients(session, workspace_id, author_id)
    )
    for user_id in users:
        session.add(
            Notification(
                user_id=user_id,
                workspace_id=workspace_id,
                kind=kind,
                title=title,
                body=body,
                link=link,
            )
        )
    return users


def notify_and_mail(
    ctx: AppContext,
    session: Session,
    workspace_id: uuid.UUID,
    kind: str,
    title: str,
    body: str,
    link: str,
    *,
    author_id: uuid.UUID | None = None,
    only: Sequence[uuid.UUID] | None = None,
) -> None:
    """A notice to each recipient, and the same by e-mail with the link made absolute."""
    users = notify(session, workspace_id, kind, title, body, link, author_id=author_id, only=only)
    if not users:
        return
    emails = session.execute(select(User.id, User.email).where(User.id.in_(users))).all()
    url = f"{ctx.settings.base_url}{link}"
    for user_id, email in emails:
        ctx.mailer.send(session, email, title, f"{body}\n\n{url}\n", user_id)
