"""Deleting posts with undo: a deleted post is hidden at once and kept for UNDO_WINDOW, so the
dashboard's "Undo" can bring it back as it was; after that it goes for good.

Deleting removes the post from Socialflow only, never from the platforms. A post whose targets
are being published right now cannot be deleted. A scheduled post gives its month's count back
and stops waiting; restored before its time, it is scheduled again.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from socialflow.billing import entitlements
from socialflow.core.clock import utcnow
from socialflow.core.context import AppContext
from socialflow.core.db import affected
from socialflow.core.errors import Conflict, NotFound, field_error
from socialflow.models import Post
from socialflow.posts import lifecycle
from socialflow.posts.service import IN_FLIGHT, WAITING, rows_of

UNDO_WINDOW = timedelta(hours=24)


def _owned(
    session: Session, workspace_id: uuid.UUID, ids: Sequence[uuid.UUID], *, deleted: bool
) -> list[Post]:
    wanted = list(dict.fromkeys(ids))
    state = Post.deleted_at.is_not(None) if deleted else Post.deleted_at.is_(None)
    query = select(Post).where(Post.workspace_id == workspace_id, Post.id.in_(wanted), state)
    if not deleted:
        # The posts' rows, locked (PostgreSQL; SQLite's writers are serialized anyway): an
        # approval committing meanwhile is seen, with the targets it made due (issue 15).
        query = query.with_for_update(of=Post)
    posts = {p.id: p for p in session.scalars(query)}
    missing = [str(i) for i in wanted if i not in posts]
    if missing:
        what = "deleted post" if deleted else "post"
        raise NotFound(
            f"No such {what}: {', '.join(missing)}.",
            code="post_not_found",
            details={"post_ids": missing},
        )
    return [posts[i] for i in wanted]


def delete_posts(
    session: Session, workspace_id: uuid.UUID, ids: Sequence[uuid.UUID], now: datetime | None = None
) -> list[Post]:
    """Hide the posts (all or none): waiting targets stop waiting, the month's count of a
    scheduled post that sent nothing is given back."""
    if not ids:
        raise field_error("post_ids", "give at least one post id")
    now = now or utcnow()
    posts = _owned(session, workspace_id, ids, deleted=False)
    busy = []
    for post in posts:
        rows = rows_of(session, post)
        if any(r.status in IN_FLIGHT for r in rows):
            busy.append(str(post.id))
    if busy:
        raise Conflict(
            "Being published right now, so it cannot be deleted yet; wait for it to finish.",
            code="post_in_flight",
            details={"post_ids": busy},
        )
    for post in posts:
        rows = rows_of(session, post)
        waiting = [r for r in rows if r.status in WAITING]
        if waiting and not any(r.status in ("published", "unknown") or r.attempts for r in rows):
            entitlements.release_posts(session, workspace_id)
        for row in waiting:
            row.status, row.due_at = "draft", None
        post.deleted_at = now
    _purge(session, workspace_id, now)
    return posts


def restore_posts(
    ctx: AppContext,
    session: Session,
    workspace_id: uuid.UUID,
    ids: Sequence[uuid.UUID],
    now: datetime | None = None,
) -> list[Post]:
    """Undo a delete: back as it was; a post that was scheduled for a time still ahead is
    scheduled again, one whose time has passed comes back as a draft."""
    if not ids:
        raise field_error("post_ids", "give at least one post id")
    now = now or ctx.clock()  # compared with the time the user scheduled it for
    posts = _owned(session, workspace_id, ids, deleted=True)
    for post in posts:
        post.deleted_at = None
        rows = rows_of(session, post)
        was_scheduled = post.status == "scheduled" and post.scheduled_for is not None
        lifecycle.refresh_status(post, rows)
        if was_scheduled and post.scheduled_for is not None and post.scheduled_for > now:
            lifecycle.arm(ctx, session, workspace_id, post, post.scheduled_for)
        elif post.status == "draft":
            post.scheduled_for = None
    return posts


def _purge(session: Session, workspace_id: uuid.UUID, now: datetime) -> None:
    """Posts deleted longer ago than the undo window go for good."""
    session.execute(
        delete(Post).where(
            Post.workspace_id == workspace_id,
            Post.deleted_at.is_not(None),
            Post.deleted_at < now - UNDO_WINDOW,
        )
    )


def purge_expired(session: Session, now: datetime | None = None) -> int:
    """Every workspace's posts deleted longer ago than the undo window, gone for good (with
    their targets, by cascade); the hourly `posts.purge_deleted` tick. Returns how many."""
    now = now or utcnow()
    return affected(
        session.execute(
            delete(Post).where(Post.deleted_at.is_not(None), Post.deleted_at < now - UNDO_WINDOW)
        )
    )
