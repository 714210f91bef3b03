"""A post's life after drafting: schedule, publish now, cancel, retry, and its derived status.

Arming a post validates every variant, counts it against the plan once (draft -> scheduled),
and makes its rows due; the publishing engine takes it from there.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from socialflow.billing import entitlements
from socialflow.core.clock import utcnow
from socialflow.core.context import AppContext
from socialflow.core.db import after_commit
from socialflow.core.errors import Conflict
from socialflow.models import PlatformPost, Post, User
from socialflow.posts import timing
from socialflow.posts.schemas import ScheduleIn
from socialflow.posts.service import (
    IN_FLIGHT,
    WAITING,
    get_post,
    problems,
    raise_problems,
    require_editable,
    rows_of,
)


def arm(
    ctx: AppContext,
    session: Session,
    workspace_id: uuid.UUID,
    post: Post,
    due: datetime,
    *,
    reserve: bool | None = None,
) -> Post:
    """Validate, count against the plan (first time only, in the usage month of
    `ctx.clock()`; `reserve` overrides "first time": a draft or a post pending approval,
    which was not counted), and make the rows due at `due`."""
    rows = rows_of(session, post)
    require_editable(rows)
    targets = [r for r in rows if r.status != "published"]
    if not targets:
        raise Conflict("Every target of this post is already published.", code="already_published")
    raise_problems(problems(session, post, targets))
    if reserve if reserve is not None else post.status in ("draft", "pending_approval"):
        entitlements.reserve_posts(session, workspace_id, now=ctx.clock())
    for row in targets:
        row.status, row.due_at = "pending", due
        row.error_code = row.error_message = None
        row.lease_expires_at = None
    post.status = "scheduled"
    post.updated_at = utcnow()
    runner = ctx.extras.get("runner")
    if runner is not None and hasattr(runner, "wake"):
        after_commit(session, runner.wake)  # the in-process scheduler looks right away
    return post


def schedule(
    ctx: AppContext,
    session: Session,
    workspace_id: uuid.UUID,
    post_id: uuid.UUID,
    data: ScheduleIn,
    actor: uuid.UUID | None = None,
) -> Post:
    """A local time without a zone is read in the acting user's time zone."""
    post = get_post(session, workspace_id, post_id)
    user = session.get(User, actor) if actor is not None else None
    tz_name = data.timezone or (user.timezone if user else "UTC")
    resolved = timing.resolve(data.scheduled_for, tz_name, data.fold, now=ctx.clock())
    arm(ctx, session, workspace_id, post, resolved.at)
    post.scheduled_for, post.schedule_timezone = resolved.at, resolved.timezone
    return post


def publish_now(
    ctx: AppContext, session: Session, workspace_id: uuid.UUID, post_id: uuid.UUID
) -> Post:
    post = get_post(session, workspace_id, post_id)
    now = utcnow()
    arm(ctx, session, workspace_id, post, now)
    post.scheduled_for = None
    return post


def cancel(session: Session, workspace_id: uuid.UUID, post_id: uuid.UUID) -> Post:
    """Unschedule: waiting targets go back to draft; the month's post count is given back
    if nothing of it went out."""
    post = get_post(session, workspace_id, post_id)
    rows = rows_of(session, post)
    require_editable(rows)
    waiting = [r for r in rows if r.status in WAITING]
    if not waiting:
        raise Conflict("Nothing of this post is waiting to be published.", code="nothing_to_cancel")
    for row in waiting:
        row.status, row.due_at = "draft", None
    if not any(r.status in ("published", "unknown") or r.attempts for r in rows):
        entitlements.release_posts(session, workspace_id)
    post.scheduled_for = None
    refresh_status(post, rows)
    return post


def retry(
    ctx: AppContext,
    session: Session,
    workspace_id: uuid.UUID,
    post_id: uuid.UUID,
    confirm_not_posted: bool,
) -> Post:
    post = get_post(session, workspace_id, post_id)
    rows = rows_of(session, post)
    require_editable(rows)
    retryable = {"failed"} | ({"unknown"} if confirm_not_posted else set())
    targets = [r for r in rows if r.status in retryable]
    if not targets:
        unknown = [r.platform for r in rows if r.status == "unknown"]
        hint = (
            f" The outcome on {', '.join(unknown)} is unknown: check there, then retry with "
            "confirm_not_posted."
            if unknown
            else ""
        )
        raise Conflict("Nothing to retry." + hint, code="nothing_to_retry")
    raise_problems(problems(session, post, targets))
    now = utcnow()
    for row in targets:
        row.status, row.due_at, row.error_code, row.error_message = "pending", now, None, None
        row.lease_expires_at = None
    refresh_status(post, rows)
    runner = ctx.extras.get("runner")
    if runner is not None and hasattr(runner, "wake"):
        after_commit(session, runner.wake)
    return post


# --------------------------------------------------------------------------- status


def derive_status(statuses: Sequence[str]) -> str:
    """A post's status from its targets' statuses."""
    s = set(statuses)
    if not s or s <= {"draft", "cancelled"}:
        return "draft"
    if s & (IN_FLIGHT | {"retry_wait"}):
        return "publishing"
    if "pending" in s:
        return "scheduled"
    if s == {"published"}:
        return "published"
    if "published" in s:
        return "partially_published"
    return "failed"


def derived(rows: Sequence[Any]) -> tuple[str, datetime | None]:
    """A post's status and published_at from its targets (ORM objects or plain rows)."""
    published = [r.published_at for r in rows if r.published_at]
    return derive_status([r.status for r in rows]), (max(published) if published else None)


def refresh_status(post: Post, rows: Sequence[PlatformPost]) -> None:
    post.status, post.published_at = derived(rows)
    post.updated_at = utcnow()
