"""Approval (issue 15): in a workspace with `approval_required`, an editor's publish or schedule
submits the post (status `pending_approval`, its targets stay drafts: nothing is due, so the
engine never sees it); an approver (admin or owner; with `approval_for_admins` an admin's own
post needs someone else) approves it, which arms it exactly as a publish/schedule would, or
requests changes, which sends it back to draft.

Exactly once: every decision is a conditional UPDATE of the post (`status =
'pending_approval' AND revision = <the one read>`), so of two racing approvals, or an
approval racing an edit or a delete, one wins and the other gets a 409 (PostgreSQL: the
second UPDATE waits for the first's commit and then matches nothing; SQLite: writers are
serialized by BEGIN IMMEDIATE). Every edit bumps `revision` first with an UPDATE of the post
(taking its row lock), so an approval names the text it was for; an edit of a post approved
but not yet published by someone who needs approval disarms its targets (conditionally: a
target the engine already holds makes it a 409) and submits it again.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from socialflow.billing import entitlements
from socialflow.core.clock import utcnow
from socialflow.core.context import AppContext
from socialflow.core.db import affected
from socialflow.core.errors import Conflict, Forbidden
from socialflow.core.permissions import Role, Scope
from socialflow.models import PlatformPost, Post, PostComment, User, Workspace, WorkspaceMember
from socialflow.models.workspaces import record_activity
from socialflow.notifications.service import notify_and_mail
from socialflow.posts import lifecycle, timing
from socialflow.posts.schemas import ApproveIn, ScheduleIn
from socialflow.posts.service import (
    WAITING,
    get_post,
    problems,
    raise_problems,
    require_editable,
    rows_of,
)

PENDING = "pending_approval"


def needs_approval(session: Session, scope: Scope) -> bool:
    """Whether this member's publish/schedule waits for an approver in this workspace."""
    ws = session.get(Workspace, scope.workspace_id)
    if ws is None or not ws.approval_required or scope.role == Role.owner.value:
        return False
    if scope.role == Role.admin.value:
        return ws.approval_for_admins
    return True


def approvers(
    session: Session, workspace_id: uuid.UUID, exclude: uuid.UUID | None
) -> list[uuid.UUID]:
    """Who may approve: the owner and admins (not read-only), but not the submitter."""
    rows = session.execute(
        select(WorkspaceMember.user_id, WorkspaceMember.role).where(
            WorkspaceMember.workspace_id == workspace_id,
            WorkspaceMember.role.in_((Role.owner.value, Role.admin.value)),
            WorkspaceMember.read_only.is_(False),
        )
    ).all()
    return [uid for uid, _ in rows if uid != exclude]


def lock(session: Session, post: Post, *, bump: bool) -> Post:
    """Take the post's row (an UPDATE: PostgreSQL's row lock until commit; SQLite's writers
    are serialized anyway) and read it afresh: decisions below see what is committed.
    `bump`: this is an edit, so any approval read before it is for older text."""
    values = {"revision": Post.revision + 1} if bump else {"revision": Post.revision}
    session.execute(
        update(Post)
        .where(Post.id == post.id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.refresh(post)
    return post


def _text(post: Post) -> str:
    text = " ".join((post.title or post.content or "").split())
    return f"“{text[:80]}{'…' if len(text) > 80 else ''}”"


def _name(session: Session, user_id: uuid.UUID | None) -> str:
    user = session.get(User, user_id) if user_id else None
    if user is None:
        return "Someone"
    return user.full_name or user.email


def _disarm(session: Session, post: Post, rows: list[PlatformPost]) -> None:
    """Waiting targets back to draft, only if still waiting (a target the scheduler took
    meanwhile makes this a 409 and the transaction is rolled back); the month's post is given
    back if nothing of it went out."""
    waiting = [r for r in rows if r.status in WAITING]
    if waiting:
        moved = affected(
            session.execute(
                update(PlatformPost)
                .where(
                    PlatformPost.id.in_([r.id for r in waiting]),
                    PlatformPost.status.in_(tuple(WAITING)),
                )
                .values(status="draft", due_at=None, lease_expires_at=None)
                .execution_options(synchronize_session=False)
            )
        )
        if moved != len(waiting):
            raise Conflict(
                "The post is being published right now; wait for it to finish.",
                code="post_in_flight",
            )
        for row in waiting:
            session.refresh(row)
        if not any(r.status in ("published", "unknown") or r.attempts for r in rows):
            entitlements.release_posts(session, post.workspace_id)


def submit(
    ctx: AppContext,
    session: Session,
    scope: Scope,
    post_id: uuid.UUID,
    schedule: ScheduleIn | None,
) -> Post:
    """Publish (schedule None) or schedule, waiting for approval: checked now as arming would
    (so approvers see a post that can go out), nothing made due."""
    post = lock(session, get_post(session, scope.workspace_id, post_id), bump=False)
    rows = rows_of(session, post)
    require_editable(rows)
    targets = [r for r in rows if r.status != "published"]
    if not targets:
        raise Conflict("Every target of this post is already published.", code="already_published")
    raise_problems(problems(session, post, targets))
    if schedule is not None:
        user = session.get(User, scope.user_id)
        tz_name = schedule.timezone or (user.timezone if user else "UTC")
        resolved = timing.resolve(schedule.scheduled_for, tz_name, schedule.fold, now=ctx.clock())
        post.scheduled_for, post.schedule_timezone = resolved.at, resolved.timezone
    else:
        post.scheduled_for = None
    if post.status != PENDING:
        _disarm(session, post, rows)
    post.status = PENDING
    post.submitted_by, post.submitted_at = scope.user_id, utcnow()
    post.approved_by = post.approved_at = post.approved_revision = None
    post.updated_at = utcnow()
    when = (
        f"for {post.scheduled_for:%Y-%m-%d %H:%M} UTC" if post.scheduled_for else "to publish now"
    )
    who = _name(session, scope.user_id)
    record_activity(
        session,
        scope.workspace_id,
        scope.user_id,
        "post.submitted",
        f"Submitted post {_text(post)} for approval {when}",
        target_type="post",
        target_id=post.id,
    )
    notify_and_mail(
        ctx,
        session,
        scope.workspace_id,
        "post_pending_approval",
        f"{who} asks for approval of a post",
        f"{_text(post)} ({when}). Approve it or request changes.",
        f"/posts/{post.id}",
        only=approvers(session, scope.workspace_id, exclude=scope.user_id),
    )
    return post


def approve(
    ctx: AppContext, session: Session, scope: Scope, post_id: uuid.UUID, body: ApproveIn
) -> Post:
    """Arm the post as submitted (now, or at its time); if its time has passed, the approver
    must say what to do (409 `approval_time_passed`), never decided silently."""
    post = get_post(session, scope.workspace_id, post_id)
    if post.status != PENDING:
        raise Conflict(
            f"This post is not waiting for approval (it is {post.status.replace('_', ' ')}).",
            code="not_pending_approval",
            details={"status": post.status},
        )
    if post.submitted_by == scope.user_id and needs_approval(session, scope):
        raise Forbidden(
            "You submitted this post and your own posts need approval: the owner or another "
            "admin approves it.",
            code="own_submission",
        )
    seen = post.revision if body.revision is None else body.revision
    if seen != post.revision:
        raise _changed(post)
    now = ctx.clock()
    scheduled_for, tz = post.scheduled_for, post.schedule_timezone
    if body.publish_now:
        scheduled_for = None
    elif body.scheduled_for is not None:
        user = session.get(User, scope.user_id)
        tz_name = body.timezone or (user.timezone if user else "UTC")
        resolved = timing.resolve(body.scheduled_for, tz_name, body.fold, now=now)
        scheduled_for, tz = resolved.at, resolved.timezone
    elif scheduled_for is not None and scheduled_for <= now:
        raise Conflict(
            f"This post was to go out at {scheduled_for:%Y-%m-%d %H:%M} UTC, which has passed. "
            "Approve it with publish_now: true, or with a new scheduled_for.",
            code="approval_time_passed",
            details={
                "scheduled_for": scheduled_for.isoformat(),
                "fields": ["publish_now", "scheduled_for"],
            },
        )
    when = decide(ctx, session, post, seen, scheduled_for, tz, scope.user_id)
    record_activity(
        session,
        scope.workspace_id,
        scope.user_id,
        "post.approved",
        f"Approved post {_text(post)} ({when})",
        target_type="post",
        target_id=post.id,
        details={"revision": seen},
    )
    author = post.submitted_by or post.created_by
    if author is not None and author != scope.user_id:
        notify_and_mail(
            ctx,
            session,
            scope.workspace_id,
            "post_approved",
            f"{_name(session, scope.user_id)} approved your post",
            f"{_text(post)}: {when}.",
            f"/posts/{post.id}",
            only=[author],
        )
    return post


def decide(
    ctx: AppContext,
    session: Session,
    post: Post,
    seen: int,
    scheduled_for: datetime | None,
    tz: str | None,
    approver: uuid.UUID | None,
) -> str:
    """The approval itself, for a member or a client (approver None): one conditional UPDATE
    that only a still-pending, unchanged post matches, then the post armed. Returns when it
    goes out, in words."""
    won = affected(
        session.execute(
            update(Post)
            .where(
                Post.id == post.id,
                Post.status == PENDING,
                Post.revision == seen,
                Post.deleted_at.is_(None),
            )
            .values(
                status="scheduled",
                approved_by=approver,
                approved_at=utcnow(),
                approved_revision=seen,
            )
            .execution_options(synchronize_session=False)
        )
    )
    session.refresh(post)
    if not won:
        if post.status == PENDING and post.deleted_at is None:
            raise _changed(post)
        raise Conflict(
            "Someone else decided on this post first (it is "
            f"{'deleted' if post.deleted_at else post.status.replace('_', ' ')}).",
            code="not_pending_approval",
            details={"status": post.status},
        )
    unknown = [r.platform for r in rows_of(session, post) if r.status == "unknown"]
    if unknown:  # arming would send it again where it may already be live
        raise Conflict(
            f"The outcome on {', '.join(unknown)} is unknown: check there first; retry those "
            "targets with confirm_not_posted if the post is not there.",
            code="outcome_unknown",
        )
    lifecycle.arm(ctx, session, post.workspace_id, post, scheduled_for or utcnow(), reserve=True)
    post.scheduled_for = scheduled_for
    if scheduled_for is not None:
        post.schedule_timezone = tz
    when = (
        f"scheduled for {scheduled_for:%Y-%m-%d %H:%M} UTC" if scheduled_for else "publishing now"
    )
    return when


def self_approved(post: Post) -> None:
    """Published or scheduled by someone who needs no approval: this text counts as approved
    (a later retry by an editor sends it without asking again)."""
    post.approved_revision = post.revision


def require_approved_text(session: Session, scope: Scope, post: Post) -> None:
    """A retry by someone whose posts need approval sends only text that was approved: a post
    edited since its approval (or never approved) must be submitted again (publish)."""
    if needs_approval(session, scope) and post.approved_revision != post.revision:
        raise Conflict(
            "This post changed since it was approved (or was never approved): publish it again "
            "to submit it for approval.",
            code="approval_needed",
        )


def _changed(post: Post) -> Conflict:
    return Conflict(
        "The post was edited after you opened it: read it again before approving.",
        code="post_changed",
        details={"revision": post.revision},
    )


def request_changes(
    ctx: AppContext, session: Session, scope: Scope, post_id: uuid.UUID, comment: str
) -> Post:
    """Back to draft with the approver's comment (in the post's thread); the author hears."""
    post = get_post(session, scope.workspace_id, post_id)
    won = affected(
        session.execute(
            update(Post)
            .where(Post.id == post.id, Post.status == PENDING, Post.deleted_at.is_(None))
            .values(status="draft", approved_by=None, approved_at=None, approved_revision=None)
            .execution_options(synchronize_session=False)
        )
    )
    session.refresh(post)
    if not won:
        raise Conflict(
            f"This post is not waiting for approval (it is {post.status.replace('_', ' ')}).",
            code="not_pending_approval",
            details={"status": post.status},
        )
    session.add(
        PostComment(
            post_id=post.id,
            workspace_id=scope.workspace_id,
            author_id=scope.user_id,
            body=comment,
            internal=False,
            kind="changes_requested",
            mentions=[],
        )
    )
    record_activity(
        session,
        scope.workspace_id,
        scope.user_id,
        "post.changes_requested",
        f"Requested changes to post {_text(post)}",
        target_type="post",
        target_id=post.id,
        details={"comment": comment[:500]},
    )
    author = post.submitted_by or post.created_by
    if author is not None and author != scope.user_id:
        notify_and_mail(
            ctx,
            session,
            scope.workspace_id,
            "post_changes_requested",
            f"{_name(session, scope.user_id)} asks for changes to your post",
            f"{_text(post)}: {comment[:500]}",
            f"/posts/{post.id}",
            only=[author],
        )
    return post


def withdraw(session: Session, scope: Scope, post: Post) -> Post:
    """Unschedule a post pending approval: back to draft (its targets never were due)."""
    won = affected(
        session.execute(
            update(Post)
            .where(Post.id == post.id, Post.status == PENDING)
            .values(status="draft", scheduled_for=None)
            .execution_options(synchronize_session=False)
        )
    )
    session.refresh(post)
    if not won:
        raise Conflict(
            "Someone decided on this post meanwhile; reload it.", code="not_pending_approval"
        )
    return post


def before_edit(ctx: AppContext, session: Session, scope: Scope, post: Post) -> str | None:
    """Called before an edit is applied: bumps the revision (under the post's row lock) and,
    when the post was approved but not yet published and the editor needs approval, disarms
    it and submits it again. Returns what the answer should tell the user, if anything."""
    lock(session, post, bump=True)
    if post.status == PENDING:
        return (
            "This post is waiting for approval: approvers will see the edited version "
            "(an approval of the earlier text no longer applies)."
        )
    if not needs_approval(session, scope):
        # An approver's edit (or anyone's, without approval) is its own approval of the text.
        post.approved_revision = post.revision
        if post.approved_at is not None:
            post.approved_by = scope.user_id
        return None
    # Targets waiting to go out (their time, or an automatic retry) would send the new text.
    rows = rows_of(session, post)
    if not any(r.status in WAITING for r in rows):
        return None
    # Approved (or scheduled before approval was turned on) and not out yet: the edit needs
    # an approver's look.
    approved = post.approved_at is not None
    require_editable(rows)
    _disarm(session, post, rows)
    post.status = PENDING
    post.submitted_by, post.submitted_at = scope.user_id, utcnow()
    post.approved_by = post.approved_at = post.approved_revision = None
    record_activity(
        session,
        scope.workspace_id,
        scope.user_id,
        "post.edited_after_approval" if approved else "post.submitted",
        f"Edited post {_text(post)} "
        + (
            "after its approval: it waits for approval again"
            if approved
            else "and submitted it for approval"
        ),
        target_type="post",
        target_id=post.id,
    )
    notify_and_mail(
        ctx,
        session,
        scope.workspace_id,
        "post_pending_approval",
        f"{_name(session, scope.user_id)} edited an approved post: it needs approval again",
        f"{_text(post)}. Approve it or request changes.",
        f"/posts/{post.id}",
        only=approvers(session, scope.workspace_id, exclude=scope.user_id),
    )
    return (
        "This post had been approved; the edit sent it back for approval (the approval was for "
        "the earlier text). It will not go out until an approver approves it again."
    )
